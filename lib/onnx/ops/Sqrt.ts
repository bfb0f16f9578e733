import { elementwise } from './elementwise';

/** TF's Sqrt is ONNX's Sqrt (numpy broadcasting in both). */
export const Sqrt = elementwise('Sqrt');
