import { elementwise } from './elementwise';

/** TF's Relu is ONNX's Relu (numpy broadcasting in both). */
export const Relu = elementwise('Relu');
