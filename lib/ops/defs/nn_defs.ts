import type { LegacyOpSpec } from '../register_op';
import { Relu, ReluGrad } from './nn/Relu';
import { Sigmoid, SigmoidGrad, Tanh, TanhGrad } from './nn/Sigmoid';
import { Softmax, SoftmaxGrad, LogSoftmax, LogSoftmaxGrad } from './nn/Softmax';

/** Activations and softmax (Relu, Sigmoid, Tanh, Softmax, LogSoftmax) with their gradient ops. */
export const ACTIVATION_OPS: LegacyOpSpec[] = [
  Relu, ReluGrad, Sigmoid, SigmoidGrad, Tanh, TanhGrad, Softmax, SoftmaxGrad, LogSoftmax, LogSoftmaxGrad,
];
