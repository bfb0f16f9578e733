/*
 * tf.layers.Dropout and tf.layers.dropout: tf.nn.dropout while training, the identity otherwise.
 * training may be a bool tensor (a placeholder fed per run): TF1 picks a branch with tf.cond,
 * which tensorgraph lacks, so both are built and a Select picks one per run (the dropped
 * branch's mask is drawn even when unused, which costs time but changes no value).
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { ValueError } from '../framework/errors';
import { bindArgs, pyfunc } from '../framework/python_args';
import { dropout as nnDropout } from '../ops/nn_conv_ops';
import { identity, where } from '../ops/array_ops';
import { subtract } from '../ops/math_ops';
import { CallKwargs, Layer, LayerOptions } from './base';

export interface DropoutLayerOptions extends LayerOptions {
  rate?: number | Tensor;
  noise_shape?: TensorLike | null;
  seed?: number | null;
}

export class Dropout extends Layer {
  readonly rate: number | Tensor;
  readonly noise_shape: TensorLike | null;
  readonly seed: number | null;

  /** tf.layers.Dropout(rate=0.5, noise_shape=None, seed=None, name=None). */
  constructor(...args: unknown[]) {
    const o = bindArgs<DropoutLayerOptions>('Dropout', args, ['rate', 'noise_shape', 'seed', 'name', 'dtype', 'trainable', '_scope']);
    super(o);
    this.rate = o.rate ?? 0.5;
    if (typeof this.rate === 'number' && !(this.rate >= 0 && this.rate < 1)) {
      throw new ValueError(`rate must be a scalar tensor or a float in the range [0, 1), got ${this.rate}`);
    }
    this.noise_shape = o.noise_shape ?? null;
    this.seed = o.seed ?? null;
  }

  call(inputs: Tensor, kwargs: CallKwargs = {}): Tensor {
    const training = kwargs.training ?? false;
    const dropped = () => nnDropout(inputs, typeof this.rate === 'number' ? 1 - this.rate : subtract(1, this.rate), this.noise_shape, this.seed);
    if (training instanceof Tensor) {
      if (training.dtype !== 'bool') throw new ValueError(`Dropout: training must be a bool or a bool tensor, got a ${training.dtype} tensor`);
      return where(training, dropped(), identity(inputs));
    }
    if (typeof training !== 'boolean') throw new ValueError(`Dropout: training must be a bool or a bool tensor, got ${String(training)}`);
    return training ? dropped() : identity(inputs);
  }
}

/** tf.layers.dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None). */
export const dropout = pyfunc('dropout', ['inputs', 'rate', 'noise_shape', 'seed', 'training', 'name'], 1, function dropout(inputs: TensorLike,
  rate?: number | Tensor, noise_shape?: TensorLike | null, seed?: number | null, training?: boolean | Tensor | null, name?: string | null): Tensor {
  return new Dropout({ rate, noise_shape, seed, name }).apply(inputs, { training });
});
