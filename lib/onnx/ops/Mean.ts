import { reduction } from './reduce';

/** TF's Mean (reduce_mean) is ONNX's ReduceMean. */
export const Mean = reduction('ReduceMean');
