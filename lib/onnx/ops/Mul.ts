import { elementwise } from './elementwise';

/** TF's Mul is ONNX's Mul (numpy broadcasting in both). */
export const Mul = elementwise('Mul');
