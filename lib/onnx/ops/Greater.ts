import { elementwise } from './elementwise';

/** TF's Greater is ONNX's Greater (bool output, numpy broadcasting). */
export const Greater = elementwise('Greater');
