/* tf.layers.Flatten and tf.layers.flatten: [batch, d1, d2, ...] -> [batch, d1*d2*...], the batch possibly unknown. */
import { Tensor, TensorLike } from '../framework/tensor';
import { ValueError } from '../framework/errors';
import { bindArgs, pyfunc } from '../framework/python_args';
import { reshape, shape } from '../ops/shape_ops';
import { stack, slice } from '../ops/array_ops';
import { squeeze } from '../ops/array_ops';
import { Layer, LayerOptions, checkDataFormat } from './base';

export class Flatten extends Layer {
  /** tf.layers.Flatten(data_format=None, name=None). */
  constructor(...args: unknown[]) {
    const o = bindArgs<LayerOptions & { data_format?: string }>('Flatten', args, ['data_format', 'name', 'dtype', 'trainable', '_scope']);
    checkDataFormat(o.data_format);
    super(o);
  }

  call(inputs: Tensor): Tensor {
    const dims = inputs.shape ?? [];
    if (dims.length < 1) throw new ValueError(`Input 0 of layer ${this.name} is incompatible with the layer: expected min_ndim=1, found ndim=0.`);
    const rest = dims.slice(1);
    // A known batch, or known trailing dims, give a static shape; otherwise the batch is read at run time (TF1's shape(inputs)[0]).
    if (dims[0] !== null && dims[0] >= 0) return reshape(inputs, [dims[0], -1]);
    if (rest.every((d) => d !== null && d >= 0)) return reshape(inputs, [-1, (rest as number[]).reduce((a, b) => a * b, 1)]);
    const batch = squeeze(slice(shape(inputs), [0], [1]), [0]);
    return reshape(inputs, stack([batch, -1]));
  }
}

/** tf.layers.flatten(inputs, name=None, data_format='channels_last'). */
export const flatten = pyfunc('flatten', ['inputs', 'name', 'data_format'], 1, function flatten(inputs: TensorLike, name?: string | null, data_format?: string): Tensor {
  return new Flatten({ name, data_format }).apply(inputs);
});
