import { elementwise } from './elementwise';

/** TF's Sigmoid is ONNX's Sigmoid (numpy broadcasting in both). */
export const Sigmoid = elementwise('Sigmoid');
