import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { reluKernel, reluGradKernel, sigmoidKernel, sigmoidGradKernel, tanhKernel, tanhGradKernel } from '../activations';
import { relu6Kernel, relu6GradKernel } from '../Relu6';
import { eluKernel, eluGradKernel } from '../Elu';
import { leakyReluKernel, leakyReluGradKernel } from '../LeakyRelu';
import { softmaxKernel, softmaxGradKernel, logSoftmaxKernel, logSoftmaxGradKernel } from '../Softmax';
import { conv2DKernel } from '../Conv2D';
import { conv2DBackpropInputKernel } from '../Conv2DBackpropInput';
import { conv2DBackpropFilterKernel } from '../Conv2DBackpropFilter';
import { maxPoolKernel } from '../MaxPool';
import { maxPoolGradKernel, maxPoolGradGradKernel } from '../MaxPoolGrad';
import { avgPoolKernel } from '../AvgPool';
import { avgPoolGradKernel } from '../AvgPoolGrad';
import { biasAddKernel, biasAddGradKernel } from '../BiasAdd';
import { fusedBatchNormKernel } from '../FusedBatchNorm';
import { topKKernel, inTopKKernel } from '../TopKV2';

/** The CPU kernels of the nn op definitions (lib/ops/defs/nn and lib/ops/defs/conv), by TensorFlow op type. */
export const NN_KERNELS: Record<string, CpuKernel> = {
  Relu: reluKernel, ReluGrad: reluGradKernel,
  Relu6: relu6Kernel, Relu6Grad: relu6GradKernel,
  Elu: eluKernel, EluGrad: eluGradKernel,
  LeakyRelu: leakyReluKernel, LeakyReluGrad: leakyReluGradKernel,
  Sigmoid: sigmoidKernel, SigmoidGrad: sigmoidGradKernel,
  Tanh: tanhKernel, TanhGrad: tanhGradKernel,
  Softmax: softmaxKernel, SoftmaxGrad: softmaxGradKernel,
  LogSoftmax: logSoftmaxKernel, LogSoftmaxGrad: logSoftmaxGradKernel,
  Conv2D: conv2DKernel,
  Conv2DBackpropInput: conv2DBackpropInputKernel,
  Conv2DBackpropFilter: conv2DBackpropFilterKernel,
  MaxPool: maxPoolKernel, MaxPoolGrad: maxPoolGradKernel, MaxPoolGradGrad: maxPoolGradGradKernel,
  AvgPool: avgPoolKernel, AvgPoolGrad: avgPoolGradKernel,
  BiasAdd: biasAddKernel, BiasAddGrad: biasAddGradKernel,
  FusedBatchNorm: fusedBatchNormKernel,
  TopKV2: topKKernel, InTopKV2: inTopKKernel,
};
