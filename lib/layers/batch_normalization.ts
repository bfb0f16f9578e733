/*
 * tf.layers.BatchNormalization and tf.layers.batch_normalization (TF1's normalization layer over
 * Keras'): variables gamma, beta (trainable), moving_mean, moving_variance (GLOBAL_VARIABLES only).
 * Training normalizes with the batch's statistics and adds two AssignMovingAvg ops to UPDATE_OPS
 * (moving -= (moving - batch) * (1 - momentum)); inference uses the moving statistics.
 * The fused path (one FusedBatchNorm op; 4-D input, channels last) updates the moving variance
 * with the unbiased batch variance, as TF1's does; the other with the biased one (nn.moments).
 * training given as a bool tensor builds both branches, and a Select picks one per run; the
 * updates then run with decay 0 when not training (TF1's momentum 1.0), changing nothing.
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { TensorShape } from '../framework/tensor_shape';
import { ValueError } from '../framework/errors';
import { bindArgs, pyfunc } from '../framework/python_args';
import { get_default_graph } from '../framework/graph';
import { multiply, subtract } from '../ops/math_ops';
import { constant, where } from '../ops/array_ops';
import { reshape } from '../ops/shape_ops';
import { batch_normalization as nnBatchNorm, fused_batch_norm, moments } from '../ops/nn_batch_norm_ops';
import { Ones, Zeros } from '../ops/init_ops';
import { assign_sub, Variable } from '../ops/variables';
import type { InitializerArg } from '../ops/variable_scope';
import type { Regularizer } from '../ops/regularizers';
import { CallKwargs, Layer, LayerOptions, refuseConstraint } from './base';

export interface BatchNormOptions extends LayerOptions {
  axis?: number;
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  beta_initializer?: InitializerArg | null;
  gamma_initializer?: InitializerArg | null;
  moving_mean_initializer?: InitializerArg | null;
  moving_variance_initializer?: InitializerArg | null;
  beta_regularizer?: Regularizer | null;
  gamma_regularizer?: Regularizer | null;
  beta_constraint?: unknown;
  gamma_constraint?: unknown;
  renorm?: boolean;
  renorm_clipping?: unknown;
  renorm_momentum?: number;
  fused?: boolean | null;
  virtual_batch_size?: number | null;
  adjustment?: unknown;
}

const CLASS_PARAMS = ['axis', 'momentum', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer',
  'moving_mean_initializer', 'moving_variance_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint',
  'gamma_constraint', 'renorm', 'renorm_clipping', 'renorm_momentum', 'fused', 'trainable', 'virtual_batch_size',
  'adjustment', 'name', 'dtype', '_scope', '_reuse'] as (keyof BatchNormOptions & string)[];

export class BatchNormalization extends Layer {
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  fused: boolean | null;
  gamma: Variable | null = null;
  beta: Variable | null = null;
  moving_mean!: Variable;
  moving_variance!: Variable;
  private readonly o: BatchNormOptions;
  private rank = 0;

  /** tf.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, initializers, regularizers, ..., fused=None, name=None). */
  constructor(...args: unknown[]) {
    const o = bindArgs<BatchNormOptions>('BatchNormalization', args, CLASS_PARAMS);
    super(o);
    if (o.renorm) throw new ValueError('BatchNormalization: renorm is not supported by tensorgraph');
    if (o.virtual_batch_size !== undefined && o.virtual_batch_size !== null) throw new ValueError('BatchNormalization: virtual_batch_size is not supported by tensorgraph');
    if (o.adjustment !== undefined && o.adjustment !== null) throw new ValueError('BatchNormalization: adjustment is not supported by tensorgraph');
    if (o.axis !== undefined && !Number.isInteger(o.axis)) throw new ValueError(`BatchNormalization: axis must be an integer (tensorgraph takes one axis), got ${JSON.stringify(o.axis)}`);
    refuseConstraint('BatchNormalization', o.beta_constraint);
    refuseConstraint('BatchNormalization', o.gamma_constraint);
    this.axis = o.axis ?? -1;
    this.momentum = o.momentum ?? 0.99;
    this.epsilon = o.epsilon ?? 1e-3;
    this.center = o.center ?? true;
    this.scale = o.scale ?? true;
    this.fused = o.fused ?? null;
    this.o = o;
  }

  build(input_shape: TensorShape): void {
    if (input_shape.ndims === null) throw new ValueError('Input has undefined rank.');
    this.rank = input_shape.ndims;
    const axis = this.axis < 0 ? this.axis + this.rank : this.axis;
    if (axis < 0 || axis >= this.rank) throw new ValueError(`Invalid axis: ${this.axis}`);
    const channels = input_shape.as_list()[axis];
    if (channels === null) throw new ValueError(`Input has undefined \`axis\` dimension. Input shape: ${input_shape.toString()}`);
    // Fused when it can be (TF1: 4-D, channels last here as the kernels are NHWC); fused=true otherwise is an error.
    const fusable = this.rank === 4 && axis === 3;
    if (this.fused === null) this.fused = fusable;
    else if (this.fused && !fusable) {
      throw new ValueError(`Unsupported axis, fused batch norm only supports axis == [3] on a 4-D input (channels last); got axis ${this.axis} on rank ${this.rank}`);
    }
    const shape = [channels];
    if (this.scale) this.gamma = this.add_weight('gamma', { shape, initializer: this.o.gamma_initializer ?? new Ones(), regularizer: this.o.gamma_regularizer });
    if (this.center) this.beta = this.add_weight('beta', { shape, initializer: this.o.beta_initializer ?? new Zeros(), regularizer: this.o.beta_regularizer });
    this.moving_mean = this.add_weight('moving_mean', { shape, initializer: this.o.moving_mean_initializer ?? new Zeros(), trainable: false });
    this.moving_variance = this.add_weight('moving_variance', { shape, initializer: this.o.moving_variance_initializer ?? new Ones(), trainable: false });
    this.built = true;
  }

  call(inputs: Tensor, kwargs: CallKwargs = {}): Tensor {
    const training = kwargs.training ?? false;
    if (training instanceof Tensor) {
      if (training.dtype !== 'bool') throw new ValueError(`BatchNormalization: training must be a bool or a bool tensor, got a ${training.dtype} tensor`);
    } else if (typeof training !== 'boolean') {
      throw new ValueError(`BatchNormalization: training must be a bool or a bool tensor, got ${String(training)}`);
    }
    if (training === false) return this.normalizeWithMoving(inputs);
    const [trained, mean, variance] = this.normalizeWithBatch(inputs);
    const decay = training === true ? 1 - this.momentum : where(training, constant(1 - this.momentum, inputs.dtype), constant(0, inputs.dtype));
    this.add_update(this.assignMovingAverage(this.moving_mean, mean, decay));
    this.add_update(this.assignMovingAverage(this.moving_variance, variance, decay));
    return training === true ? trained : where(training, trained, this.normalizeWithMoving(inputs));
  }

  /** gamma and beta, or the constants that stand for them when scale or center is off (the fused op needs both). */
  private params(dtype: string): [Tensor | Variable, Tensor | Variable] {
    const n = this.moving_mean.shape![0] as number;
    return [this.gamma ?? constant(new Array(n).fill(1), dtype as 'float32'), this.beta ?? constant(new Array(n).fill(0), dtype as 'float32')];
  }

  /** A per-channel vector shaped to broadcast against the input when the axis is not the last. */
  private broadcast(v: TensorLike | null): TensorLike | null {
    const axis = this.axis < 0 ? this.axis + this.rank : this.axis;
    if (v === null || axis === this.rank - 1) return v;
    const shape = new Array(this.rank).fill(1);
    shape[axis] = -1;
    return reshape(v, shape);
  }

  private normalizeWithMoving(inputs: Tensor): Tensor {
    if (this.fused) {
      const [gamma, beta] = this.params(inputs.dtype);
      return fused_batch_norm(inputs, gamma, beta, this.moving_mean, this.moving_variance, { epsilon: this.epsilon, is_training: false })[0];
    }
    return nnBatchNorm(inputs, this.broadcast(this.moving_mean)!, this.broadcast(this.moving_variance)!, this.broadcast(this.beta),
      this.broadcast(this.gamma), this.epsilon);
  }

  /** The output normalized by the batch's statistics, and the statistics for the moving averages. */
  private normalizeWithBatch(inputs: Tensor): [Tensor, Tensor, Tensor] {
    if (this.fused) {
      const [gamma, beta] = this.params(inputs.dtype);
      return fused_batch_norm(inputs, gamma, beta, { epsilon: this.epsilon, is_training: true });
    }
    const axis = this.axis < 0 ? this.axis + this.rank : this.axis;
    const reduction = Array.from({ length: this.rank }, (_, i) => i).filter((i) => i !== axis);
    const [mean, variance] = moments(inputs, reduction);
    const y = nnBatchNorm(inputs, this.broadcast(mean)!, this.broadcast(variance)!, this.broadcast(this.beta), this.broadcast(this.gamma), this.epsilon);
    return [y, mean, variance];
  }

  /** TF1's _assign_moving_average: AssignSub(variable, (variable - value) * decay), named AssignMovingAvg. */
  private assignMovingAverage(variable: Variable, value: Tensor, decay: number | Tensor): Tensor {
    return get_default_graph().name_scope('AssignMovingAvg', (scope) => {
      const delta = multiply(subtract(variable, value), decay);
      return assign_sub(variable, delta, { name: scope });
    });
  }
}

export const BATCH_NORM_PARAMS = ['axis', 'momentum', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer',
  'moving_mean_initializer', 'moving_variance_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint',
  'gamma_constraint', 'training', 'trainable', 'name', 'reuse', 'renorm', 'renorm_clipping', 'renorm_momentum', 'fused',
  'virtual_batch_size', 'adjustment'] as const;

/**
 * tf.layers.batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=0.001, center=True,
 * scale=True, beta_initializer=zeros, gamma_initializer=ones, moving_mean_initializer=zeros,
 * moving_variance_initializer=ones, beta_regularizer=None, gamma_regularizer=None,
 * beta_constraint=None, gamma_constraint=None, training=False, trainable=True, name=None,
 * reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99, fused=None,
 * virtual_batch_size=None, adjustment=None).
 */
export const batch_normalization = pyfunc('batch_normalization', ['inputs', ...BATCH_NORM_PARAMS], 1,
  function batch_normalization(inputs: TensorLike, ...values: unknown[]): Tensor {
  const a = Object.fromEntries(BATCH_NORM_PARAMS.map((p, i) => [p, values[i]])) as Record<string, unknown>;
  const { training, reuse, name, ...rest } = a;
  const layer = new BatchNormalization({ ...rest, name, _scope: name, _reuse: reuse } as BatchNormOptions);
  return layer.apply(inputs, { training: training as boolean | Tensor | null | undefined });
});
