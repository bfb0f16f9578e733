import { elementwise } from './elementwise';

/** TF's GreaterEqual is ONNX's GreaterOrEqual (bool output, numpy broadcasting). */
export const GreaterEqual = elementwise('GreaterOrEqual');
