import { elementwise } from './elementwise';

/** TF's Less is ONNX's Less (bool output, numpy broadcasting). */
export const Less = elementwise('Less');
