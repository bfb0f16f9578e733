import type { OpSpec } from '../register_op';

/** Activations and softmax (Relu, Sigmoid, Tanh, Softmax, LogSoftmax, ...). */
export const ACTIVATION_OPS: OpSpec[] = [];
