import { elementwise } from './elementwise';

/** TF's Exp is ONNX's Exp (numpy broadcasting in both). */
export const Exp = elementwise('Exp');
