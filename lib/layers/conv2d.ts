/* tf.layers.Conv2D and tf.layers.conv2d (TF1's convolutional.Conv2D): kernel [kh, kw, in_channels, filters]. */
import { Tensor, TensorLike } from '../framework/tensor';
import { TensorShape } from '../framework/tensor_shape';
import { ValueError } from '../framework/errors';
import { bindArgs, pyfunc } from '../framework/python_args';
import { conv2d as nnConv2d, bias_add } from '../ops/nn_conv_ops';
import { Zeros } from '../ops/init_ops';
import type { Variable } from '../ops/variables';
import type { InitializerArg } from '../ops/variable_scope';
import type { Regularizer } from '../ops/regularizers';
import { Layer, LayerOptions, checkDataFormat, normalizePadding, normalizePair, refuseConstraint } from './base';
import type { Activation, KernelBiasOptions } from './dense';

export interface ConvOptions extends LayerOptions, KernelBiasOptions {
  filters: number;
  kernel_size: number | number[];
  strides?: number | number[];
  padding?: string;
  data_format?: string;
  dilation_rate?: number | number[];
}

export const CONV_PARAMS = ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'activation', 'use_bias',
  'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint',
  'bias_constraint', 'trainable', 'name'] as const;
export const CONV_CLASS_PARAMS = [...CONV_PARAMS, 'dtype', '_scope', '_reuse'] as (keyof ConvOptions & string)[];

/** What Conv2D and Conv2DTranspose share: argument checks and the weights. */
export abstract class ConvBase extends Layer {
  readonly filters: number;
  readonly kernel_size: [number, number];
  readonly strides: [number, number];
  readonly padding: 'VALID' | 'SAME';
  readonly activation: Activation;
  readonly use_bias: boolean;
  kernel!: Variable;
  bias: Variable | null = null;
  protected readonly o: ConvOptions;

  constructor(className: string, args: unknown[]) {
    const o = bindArgs<ConvOptions>(className, args, CONV_CLASS_PARAMS, {}, 2);
    super(o);
    if (!Number.isInteger(o.filters) || o.filters <= 0) throw new ValueError(`${className}: filters must be a positive integer, got ${String(o.filters)}`);
    this.filters = o.filters;
    this.kernel_size = normalizePair(o.kernel_size, 'kernel_size');
    this.strides = normalizePair(o.strides ?? 1, 'strides');
    this.padding = normalizePadding(o.padding ?? 'valid');
    checkDataFormat(o.data_format);
    const dilation = normalizePair(o.dilation_rate ?? 1, 'dilation_rate');
    if (dilation[0] !== 1 || dilation[1] !== 1) throw new ValueError(`${className}: dilation_rate other than 1 is not supported by tensorgraph`);
    refuseConstraint(className, o.kernel_constraint);
    refuseConstraint(className, o.bias_constraint);
    this.activation = o.activation ?? null;
    this.use_bias = o.use_bias ?? true;
    this.o = o;
  }

  /** The kernel's shape given the input channels. */
  protected abstract kernelShape(inChannels: number): number[];

  build(input_shape: TensorShape): void {
    if (input_shape.ndims !== null && input_shape.ndims !== 4) throw new ValueError(`Input 0 of layer ${this.name} is incompatible with the layer: expected ndim=4, found ndim=${input_shape.ndims}.`);
    const channels = input_shape.ndims === null ? null : input_shape.as_list()[3];
    if (channels === null || channels === undefined) throw new ValueError('The channel dimension of the inputs should be defined. Found `None`.');
    this.kernel = this.add_weight('kernel', { shape: this.kernelShape(channels), initializer: this.o.kernel_initializer, regularizer: this.o.kernel_regularizer });
    if (this.use_bias) {
      this.bias = this.add_weight('bias', { shape: [this.filters], initializer: this.o.bias_initializer ?? new Zeros(), regularizer: this.o.bias_regularizer });
    }
    this.built = true;
  }

  protected finish(outputs: Tensor): Tensor {
    if (this.bias) outputs = bias_add(outputs, this.bias);
    return this.activation ? this.activation(outputs) : outputs;
  }
}

export class Conv2D extends ConvBase {
  /** tf.layers.Conv2D(filters, kernel_size, strides=(1, 1), padding='valid', data_format='channels_last', dilation_rate=(1, 1), activation=None, use_bias=True, ...). */
  constructor(...args: unknown[]) { super('Conv2D', args); }

  protected kernelShape(inChannels: number): number[] { return [...this.kernel_size, inChannels, this.filters]; }

  call(inputs: Tensor): Tensor {
    return this.finish(nnConv2d(inputs, this.kernel, [1, ...this.strides, 1], this.padding, { name: 'Conv2D' }));
  }
}

/** The functional forms' arguments as the class takes them: name is also the exact variable scope. */
export function functionalOptions(values: unknown[], reuse: unknown): ConvOptions {
  const o = Object.fromEntries(CONV_PARAMS.map((p, i) => [p, values[i]])) as unknown as ConvOptions;
  return { ...o, _scope: o.name, _reuse: reuse };
}

/**
 * tf.layers.conv2d(inputs, filters, kernel_size, strides=(1, 1), padding='valid',
 * data_format='channels_last', dilation_rate=(1, 1), activation=None, use_bias=True,
 * kernel_initializer=None, bias_initializer=zeros, kernel_regularizer=None, bias_regularizer=None,
 * activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None).
 */
export const conv2d = pyfunc('conv2d', ['inputs', ...CONV_PARAMS, 'reuse'], 3, function conv2d(inputs: TensorLike, ...rest: unknown[]): Tensor {
  return new Conv2D(functionalOptions(rest.slice(0, CONV_PARAMS.length), rest[CONV_PARAMS.length])).apply(inputs);
});
