import { reduction } from './reduce';

/** TF's Min (reduce_min) is ONNX's ReduceMin. */
export const Min = reduction('ReduceMin');
