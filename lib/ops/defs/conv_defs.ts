import type { LegacyOpSpec } from '../register_op';
import { Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter } from './conv/Conv2D';
import { MaxPool, MaxPoolGrad, MaxPoolGradGrad } from './conv/MaxPool';
import { AvgPool, AvgPoolGrad } from './conv/AvgPool';
import { BiasAdd, BiasAddGrad } from './conv/BiasAdd';
import { Relu6, Relu6Grad } from './conv/Relu6';
import { Elu, EluGrad } from './conv/Elu';
import { LeakyRelu, LeakyReluGrad } from './conv/LeakyRelu';
import { RandomStandardNormal, TruncatedNormal, RandomUniform, RandomUniformInt, DropoutMask } from './conv/random';

/** Convolution, pooling, bias_add, the extra activations, dropout's mask and random ops for Deep MNIST. */
export const CONV_OPS: LegacyOpSpec[] = [
  Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter,
  MaxPool, MaxPoolGrad, MaxPoolGradGrad,
  AvgPool, AvgPoolGrad,
  BiasAdd, BiasAddGrad,
  Relu6, Relu6Grad, Elu, EluGrad, LeakyRelu, LeakyReluGrad,
  RandomStandardNormal, TruncatedNormal, RandomUniform, RandomUniformInt, DropoutMask,
];
