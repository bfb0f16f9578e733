/* tf.nn convolution, pooling, bias_add, dropout, relu6, elu, leaky_relu (TF1 signatures). */
import { Tensor, TensorLike } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { makeOp1 } from './op_builder';
import { divide, multiply } from './math_ops';
import { get_seed } from './random_ops';
import { addOp, constantValue, setShape, shapeOf } from './defs/known_inputs';

export interface Conv2DOptions {
  data_format?: string;
  dilations?: number[];
  /** Accepted and ignored: there is no cuDNN; the gpu.js backend runs its own kernels. */
  use_cudnn_on_gpu?: boolean;
  /** Accepted as TF's attr; tensorgraph implements only SAME and VALID padding, so it must stay empty. */
  explicit_paddings?: number[];
  name?: string;
}

function convOptions(options: Conv2DOptions | string | undefined): Conv2DOptions {
  return typeof options === 'string' ? { name: options } : options ?? {};
}

/** Conv2D's attrs by TF's names; those not given take the op's defaults. */
function convAttrs(strides: number[], padding: string, o: Conv2DOptions) {
  return {
    strides, padding, data_format: o.data_format, dilations: o.dilations,
    use_cudnn_on_gpu: o.use_cudnn_on_gpu, explicit_paddings: o.explicit_paddings,
  };
}

/** A shape operand given as numbers or a tensor, as an int32 tensor. */
function sizesTensor(sizes: TensorLike, like: TensorLike[]): Tensor {
  if (sizes instanceof Tensor) return sizes;
  return convertToTensor(sizes, 'int32', undefined, graphOf([...like]));
}

export interface Conv2DCallOptions extends Conv2DOptions { strides: number[]; padding: string }

/**
 * tf.nn.conv2d(input, filter, strides, padding, {data_format, dilations, name}), or
 * conv2d(input, filter, {strides, padding, ...}) like Python's keyword call:
 * input [batch, in_h, in_w, in_c], filter [kh, kw, in_c, out_c], strides [1, sh, sw, 1],
 * padding 'SAME' or 'VALID'.
 */
export function conv2d(input: TensorLike, filter: TensorLike, strides: number[] | Conv2DCallOptions, padding?: string,
  options?: Conv2DOptions | string): Tensor {
  if (!Array.isArray(strides)) return conv2d(input, filter, strides.strides, strides.padding, strides);
  const o = convOptions(options);
  return makeOp1('Conv2D', [input, filter], convAttrs(strides, padding as string, o), o.name);
}

/** tf.nn.conv2d_backprop_input(input_sizes, filter, out_backprop, strides, padding, options). */
export function conv2d_backprop_input(input_sizes: TensorLike, filter: TensorLike, out_backprop: TensorLike,
  strides: number[], padding: string, options?: Conv2DOptions | string): Tensor {
  const o = convOptions(options);
  const g = graphOf([input_sizes, filter, out_backprop]);
  const [f, dy] = [filter, out_backprop].map((v) => convertToTensor(v, undefined, undefined, g));
  return addOp('Conv2DBackpropInput', [sizesTensor(input_sizes, [f, dy]), f, dy], convAttrs(strides, padding, o), o.name);
}

/** tf.nn.conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding, options). */
export function conv2d_backprop_filter(input: TensorLike, filter_sizes: TensorLike, out_backprop: TensorLike,
  strides: number[], padding: string, options?: Conv2DOptions | string): Tensor {
  const o = convOptions(options);
  const g = graphOf([input, filter_sizes, out_backprop]);
  const [x, dy] = [input, out_backprop].map((v) => convertToTensor(v, undefined, undefined, g));
  return addOp('Conv2DBackpropFilter', [x, sizesTensor(filter_sizes, [x, dy]), dy], convAttrs(strides, padding, o), o.name);
}

export interface PoolOptions { data_format?: string; name?: string }

/** TF1's fifth positional argument of the pools is data_format; a string that is no format is taken as the name. */
function poolOptions(options: PoolOptions | string | undefined): PoolOptions {
  if (typeof options !== 'string') return options ?? {};
  return /^N[A-Z]+$/.test(options) ? { data_format: options } : { name: options };
}

function pool(type: string, value: TensorLike, ksize: number[], strides: number[], padding: string,
  options: PoolOptions | string | undefined): Tensor {
  const o = poolOptions(options);
  return makeOp1(type, [value], { ksize, strides, padding, data_format: o.data_format ?? 'NHWC' }, o.name);
}

export interface PoolCallOptions extends PoolOptions { ksize: number[]; strides: number[]; padding: string }

/** tf.nn.max_pool(value, ksize, strides, padding, {data_format, name}), or max_pool(value, {ksize, strides, padding, ...}). */
export function max_pool(value: TensorLike, ksize: number[] | PoolCallOptions, strides?: number[], padding?: string,
  options?: PoolOptions | string): Tensor {
  if (!Array.isArray(ksize)) return pool('MaxPool', value, ksize.ksize, ksize.strides, ksize.padding, ksize);
  return pool('MaxPool', value, ksize, strides as number[], padding as string, options);
}

/**
 * tf.nn.avg_pool(value, ksize, strides, padding, {data_format, name}), or the options
 * form; padding is not counted in the mean.
 */
export function avg_pool(value: TensorLike, ksize: number[] | PoolCallOptions, strides?: number[], padding?: string,
  options?: PoolOptions | string): Tensor {
  if (!Array.isArray(ksize)) return pool('AvgPool', value, ksize.ksize, ksize.strides, ksize.padding, ksize);
  return pool('AvgPool', value, ksize, strides as number[], padding as string, options);
}

/** tf.nn.bias_add(value, bias, data_format?, name?): bias along the last dimension. */
export function bias_add(value: TensorLike, bias: TensorLike, data_format?: string | null | PoolOptions, name?: NameArg): Tensor {
  const o: PoolOptions = typeof data_format === 'object' && data_format !== null
    ? data_format : { data_format: data_format ?? undefined, name: nameFrom(name) };
  const [v, b] = [convertToTensor(value), convertToTensor(bias)];
  return makeOp1('BiasAdd', [v, b], { data_format: o.data_format ?? 'NHWC' }, o.name);
}

/** tf.nn.relu6(features, name?): min(max(features, 0), 6). */
export function relu6(features: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Relu6', [features], {}, nameFrom(name));
}

/** tf.nn.elu(features, name?): exp(features) - 1 below zero, features above. */
export function elu(features: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Elu', [features], {}, nameFrom(name));
}

/** tf.nn.leaky_relu(features, alpha = 0.2, name?); also leaky_relu(features, {alpha, name}). */
export function leaky_relu(features: TensorLike, alpha: number | { alpha?: number; name?: string } = 0.2, name?: NameArg): Tensor {
  const o = typeof alpha === 'object' ? alpha : { alpha, name: nameFrom(name) };
  return makeOp1('LeakyRelu', [features], { alpha: o.alpha ?? 0.2 }, o.name);
}

export interface DropoutOptions { noise_shape?: TensorLike; seed?: number | null; name?: string }

function checkKeepProb(p: number, where: string): void {
  if (!(p > 0 && p <= 1)) {
    throw new ValueError(`dropout${where}: keep_prob must be a scalar tensor or a float in the range (0, 1], got ${p}`);
  }
}

/**
 * tf.nn.dropout(x, keep_prob, noise_shape?, seed?, name?), or dropout(x, keep_prob,
 * {noise_shape, seed, name}): keeps each element with probability keep_prob and
 * scales kept ones by 1/keep_prob. keep_prob may be a placeholder fed per run (a fed
 * value outside (0, 1] fails that run); a constant 1 returns x itself.
 */
export function dropout(x: TensorLike, keep_prob: TensorLike, noise_shape?: TensorLike | DropoutOptions | null,
  seed?: number | null, name?: NameArg): Tensor {
  const o: DropoutOptions = isDropoutOptions(noise_shape)
    ? noise_shape : { noise_shape: noise_shape ?? undefined, seed, name: nameFrom(name) };
  if (typeof keep_prob === 'number') checkKeepProb(keep_prob, '');
  const g = graphOf([x, keep_prob]);
  return g.name_scope(o.name ?? 'dropout', () => {
    const xt = convertToTensor(x, undefined, 'x', g);
    const kp = convertToTensor(keep_prob, xt.dtype, 'keep_prob', g);
    if (kp.dtype !== xt.dtype) throw new ValueError(`dropout: keep_prob has dtype ${kp.dtype}, x has ${xt.dtype}`);
    if (kp.shape !== null && kp.shape.length !== 0) {
      throw new ValueError(`dropout: keep_prob must be a scalar, got shape [${kp.shape.join(',')}]`);
    }
    const known = constantValue(kp);
    if (known) {
      checkKeepProb(known.data[0], ` ('${kp.op.name}')`);
      if (known.data[0] === 1) return xt;
    }
    const noise = o.noise_shape === undefined ? shapeOf(xt) : sizesTensor(o.noise_shape, [xt]);
    const [seed1, seed2] = get_seed(o.seed ?? null, g);
    const mask = addOp('DropoutMask', [noise, kp], { seed: seed1 ?? 0, seed2: seed2 ?? 0 });
    // The mask broadcasts to x's shape, so the result has x's shape even where static
    // broadcasting cannot tell (TF1 sets it too).
    return setShape(multiply(divide(xt, kp), mask), xt.shape);
  });
}

function isDropoutOptions(v: unknown): v is DropoutOptions {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !(v instanceof NDArray) &&
    !ArrayBuffer.isView(v) && typeof (v as { _asTensor?: unknown })._asTensor !== 'function';
}
