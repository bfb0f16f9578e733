/* tf.layers.Dense and tf.layers.dense (TF1's core.Dense): outputs = activation(inputs . kernel + bias). */
import { Tensor, TensorLike } from '../framework/tensor';
import { TensorShape } from '../framework/tensor_shape';
import { ValueError } from '../framework/errors';
import { pyfunc } from '../framework/python_args';
import { get_default_graph } from '../framework/graph';
import { matmul } from '../ops/math_ops';
import { bias_add } from '../ops/nn_conv_ops';
import { reshape, shape } from '../ops/shape_ops';
import { concat, constant, slice } from '../ops/array_ops';
import { Zeros } from '../ops/init_ops';
import type { InitializerArg } from '../ops/variable_scope';
import type { Regularizer } from '../ops/regularizers';
import { Layer, LayerOptions, refuseConstraint } from './base';
import type { Variable } from '../ops/variables';

export type Activation = ((x: Tensor) => Tensor) | null;

/** The kernel-and-bias options that tf.layers' Dense and Conv2D share, with TF1's names. */
export interface KernelBiasOptions {
  activation?: Activation;
  use_bias?: boolean;
  kernel_initializer?: InitializerArg | null;
  bias_initializer?: InitializerArg | null;
  kernel_regularizer?: Regularizer | null;
  bias_regularizer?: Regularizer | null;
  kernel_constraint?: unknown;
  bias_constraint?: unknown;
}

export interface DenseOptions extends LayerOptions, KernelBiasOptions {}

const DENSE_PARAMS = ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer',
  'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint', 'trainable', 'name'] as const;

export class Dense extends Layer {
  readonly units: number;
  readonly activation: Activation;
  readonly use_bias: boolean;
  kernel!: Variable;
  bias: Variable | null = null;
  private readonly o: DenseOptions;

  /** tf.layers.Dense(units, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=zeros, regularizers, constraints, trainable=True, name=None). */
  constructor(...args: unknown[]) {
    const o = bindDense('Dense', args);
    super(o);
    if (!Number.isInteger(o.units) || (o.units as number) <= 0) throw new ValueError(`Dense: units must be a positive integer, got ${String(o.units)}`);
    refuseConstraint('Dense', o.kernel_constraint);
    refuseConstraint('Dense', o.bias_constraint);
    this.units = o.units as number;
    this.activation = o.activation ?? null;
    this.use_bias = o.use_bias ?? true;
    this.o = o;
  }

  build(input_shape: TensorShape): void {
    const last = input_shape.ndims === null ? null : input_shape.as_list()[input_shape.ndims - 1];
    if (input_shape.ndims !== null && input_shape.ndims < 2) throw new ValueError(`Input 0 of layer ${this.name} is incompatible with the layer: expected min_ndim=2, found ndim=${input_shape.ndims}.`);
    if (last === null || last === undefined) throw new ValueError('The last dimension of the inputs to `Dense` should be defined. Found `None`.');
    this.kernel = this.add_weight('kernel', { shape: [last, this.units], initializer: this.o.kernel_initializer, regularizer: this.o.kernel_regularizer });
    if (this.use_bias) {
      this.bias = this.add_weight('bias', { shape: [this.units], initializer: this.o.bias_initializer ?? new Zeros(), regularizer: this.o.bias_regularizer });
    }
    this.built = true;
  }

  call(inputs: Tensor): Tensor {
    let outputs = inputs.shape!.length === 2 ? matmul(inputs, this.kernel) : this.tensordot(inputs);
    if (this.bias) outputs = bias_add(outputs, this.bias);
    return this.activation ? this.activation(outputs) : outputs;
  }

  /** TF1 uses tensordot for rank > 2: the leading axes flattened into one, a MatMul, and the shape restored. */
  private tensordot(inputs: Tensor): Tensor {
    return get_default_graph().name_scope('Tensordot', () => {
      const dims = inputs.shape!;
      const inDim = dims[dims.length - 1] as number;
      const flat = reshape(inputs, [-1, inDim]);
      const product = matmul(flat, this.kernel, { name: 'MatMul' });
      const lead = dims.slice(0, -1);
      const outShape = lead.every((d) => d !== null && d >= 0)
        ? [...(lead as number[]), this.units]
        : concat([slice(shape(inputs), [0], [dims.length - 1]), constant([this.units], 'int32')], 0);
      const out = reshape(product, outShape, 'Tensordot');
      out.set_shape([...lead, this.units]);
      return out;
    });
  }
}

function bindDense(fnName: string, args: unknown[]): DenseOptions & { units?: unknown } {
  const last = args[args.length - 1];
  const positional = last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype ? args.slice(0, -1) : args;
  const keywords = positional === args ? {} : (last as Record<string, unknown>);
  const allowed = [...DENSE_PARAMS, 'dtype', '_scope', '_reuse'];
  for (const k of Object.keys(keywords)) {
    if (!allowed.includes(k)) throw new TypeError(`${fnName}() got an unexpected keyword argument '${k}'; it accepts ${DENSE_PARAMS.join(', ')}`);
  }
  const out: Record<string, unknown> = { ...keywords };
  positional.forEach((v, i) => { if (v !== undefined) out[DENSE_PARAMS[i]] = v; });
  return out as DenseOptions & { units?: unknown };
}

/**
 * tf.layers.dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
 * bias_initializer=zeros, kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
 * kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None).
 */
export const dense = pyfunc('dense', ['inputs', ...DENSE_PARAMS, 'reuse'], 2, function dense(inputs: TensorLike, units: number,
  activation?: Activation, use_bias?: boolean, kernel_initializer?: InitializerArg | null, bias_initializer?: InitializerArg | null,
  kernel_regularizer?: Regularizer | null, bias_regularizer?: Regularizer | null, activity_regularizer?: Regularizer | null,
  kernel_constraint?: unknown, bias_constraint?: unknown, trainable?: boolean, name?: string | null, reuse?: unknown): Tensor {
  const layer = new Dense(units, { activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
    activity_regularizer, kernel_constraint, bias_constraint, trainable, name, _scope: name, _reuse: reuse });
  return layer.apply(inputs);
});
