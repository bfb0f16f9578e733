import { reduction } from './reduce';

/** TF's Max (reduce_max) is ONNX's ReduceMax. */
export const Max = reduction('ReduceMax');
