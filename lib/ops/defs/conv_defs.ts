import type { OpSpec } from '../register_op';

/** Convolution, pooling, bias_add, dropout helpers and random ops for Deep MNIST. */
export const CONV_OPS: OpSpec[] = [];
