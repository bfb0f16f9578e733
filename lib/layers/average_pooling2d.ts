/* tf.layers.AveragePooling2D and tf.layers.average_pooling2d: tf.nn.avg_pool under the layer's name (average_pooling2d/AvgPool). */
import { Tensor, TensorLike } from '../framework/tensor';
import { pyfunc } from '../framework/python_args';
import { avg_pool } from '../ops/nn_conv_ops';
import { POOLING_PARAMS, Pooling2D } from './pooling2d';

export class AveragePooling2D extends Pooling2D {
  /** tf.layers.AveragePooling2D(pool_size, strides, padding='valid', data_format='channels_last', name=None). */
  constructor(...args: unknown[]) { super('AveragePooling2D', args); }
  protected pool(inputs: Tensor, ksize: number[], strides: number[]): Tensor { return avg_pool(inputs, ksize, strides, this.padding, { name: 'AvgPool' }); }
}

/** tf.layers.average_pooling2d(inputs, pool_size, strides, padding='valid', data_format='channels_last', name=None). */
export const average_pooling2d = pyfunc('average_pooling2d', ['inputs', ...POOLING_PARAMS], 3, function average_pooling2d(inputs: TensorLike,
  pool_size: number | number[], strides: number | number[], padding?: string, data_format?: string, name?: string | null): Tensor {
  return new AveragePooling2D(pool_size, strides, { padding, data_format, name }).apply(inputs);
});
