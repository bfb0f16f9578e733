import { pool } from './pool';

/** MaxPool: ONNX's MaxPool (NCHW). */
export const MaxPool = pool('MaxPool');
