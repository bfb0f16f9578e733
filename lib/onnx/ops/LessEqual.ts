import { elementwise } from './elementwise';

/** TF's LessEqual is ONNX's LessOrEqual (bool output, numpy broadcasting). */
export const LessEqual = elementwise('LessOrEqual');
