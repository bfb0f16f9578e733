/* tf.layers.MaxPooling2D and tf.layers.max_pooling2d: tf.nn.max_pool under the layer's name (max_pooling2d/MaxPool). */
import { Tensor, TensorLike } from '../framework/tensor';
import { pyfunc } from '../framework/python_args';
import { max_pool } from '../ops/nn_conv_ops';
import { POOLING_PARAMS, Pooling2D } from './pooling2d';

export class MaxPooling2D extends Pooling2D {
  /** tf.layers.MaxPooling2D(pool_size, strides, padding='valid', data_format='channels_last', name=None). */
  constructor(...args: unknown[]) { super('MaxPooling2D', args); }
  protected pool(inputs: Tensor, ksize: number[], strides: number[]): Tensor { return max_pool(inputs, ksize, strides, this.padding, { name: 'MaxPool' }); }
}

/** tf.layers.max_pooling2d(inputs, pool_size, strides, padding='valid', data_format='channels_last', name=None). */
export const max_pooling2d = pyfunc('max_pooling2d', ['inputs', ...POOLING_PARAMS], 3, function max_pooling2d(inputs: TensorLike,
  pool_size: number | number[], strides: number | number[], padding?: string, data_format?: string, name?: string | null): Tensor {
  return new MaxPooling2D(pool_size, strides, { padding, data_format, name }).apply(inputs);
});
