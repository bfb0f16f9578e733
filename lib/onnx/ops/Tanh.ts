import { elementwise } from './elementwise';

/** TF's Tanh is ONNX's Tanh (numpy broadcasting in both). */
export const Tanh = elementwise('Tanh');
