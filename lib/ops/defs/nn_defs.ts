import type { OpSpec } from '../register_op';
import { Relu, ReluGrad } from './nn/Relu';
import { Relu6, Relu6Grad } from './nn/Relu6';
import { Elu, EluGrad } from './nn/Elu';
import { LeakyRelu, LeakyReluGrad } from './nn/LeakyRelu';
import { Sigmoid, SigmoidGrad, Tanh, TanhGrad } from './nn/Sigmoid';
import { Softmax, SoftmaxGrad, LogSoftmax, LogSoftmaxGrad } from './nn/Softmax';
import { FusedBatchNorm } from './nn/FusedBatchNorm';
import { TopKV2, InTopKV2 } from './nn/TopKV2';

/** Activations and softmax (Relu, Relu6, Elu, LeakyRelu, Sigmoid, Tanh, Softmax, LogSoftmax) with their gradient ops. */
export const ACTIVATION_OPS: OpSpec[] = [
  Relu, ReluGrad, Relu6, Relu6Grad, Elu, EluGrad, LeakyRelu, LeakyReluGrad,
  Sigmoid, SigmoidGrad, Tanh, TanhGrad, Softmax, SoftmaxGrad, LogSoftmax, LogSoftmaxGrad,
  TopKV2, InTopKV2,
];

/** Normalization (FusedBatchNorm; its gradient is composed of primitive ops). */
export const NORMALIZATION_OPS: OpSpec[] = [FusedBatchNorm];
