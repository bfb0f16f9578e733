import { elementwise } from './elementwise';

/** TF's Neg is ONNX's Neg (numpy broadcasting in both). */
export const Neg = elementwise('Neg');
