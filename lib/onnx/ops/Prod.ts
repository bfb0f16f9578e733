import { reduction } from './reduce';

/** TF's Prod (reduce_prod) is ONNX's ReduceProd. */
export const Prod = reduction('ReduceProd');
