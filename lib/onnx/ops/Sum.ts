import { reduction } from './reduce';

/** TF's Sum (reduce_sum) is ONNX's ReduceSum. */
export const Sum = reduction('ReduceSum');
