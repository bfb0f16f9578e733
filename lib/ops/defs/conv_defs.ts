import type { OpSpec } from '../register_op';
import { Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter } from './conv/Conv2D';
import { MaxPool, MaxPoolGrad, MaxPoolGradGrad } from './conv/MaxPool';
import { AvgPool, AvgPoolGrad } from './conv/AvgPool';
import { BiasAdd, BiasAddGrad } from './conv/BiasAdd';

/** Convolution, pooling and bias_add, with their gradient ops. */
export const CONV_OPS: OpSpec[] = [
  Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter,
  MaxPool, MaxPoolGrad, MaxPoolGradGrad,
  AvgPool, AvgPoolGrad,
  BiasAdd, BiasAddGrad,
];
