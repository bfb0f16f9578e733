import { pool } from './pool';

/** AvgPool: ONNX's AveragePool (NCHW, padding not counted). */
export const AvgPool = pool('AveragePool');
