/* tf.nn convolution (and its transpose), pooling, bias_add, dropout, relu6, elu, leaky_relu (TF1 signatures). */
import { Tensor, TensorLike } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { convertToTensor, graphOf, NameArg, nameFrom } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { makeOp1 } from './op_builder';
import { divide, multiply, subtract } from './math_ops';
import { seedsFor } from './random_ops';
import { addOp, constantValue, setShape, shapeOf } from './defs/known_inputs';
import { pyfunc } from '../framework/python_args';

export interface Conv2DOptions {
  data_format?: string;
  dilations?: number[];
  /** Accepted and ignored: there is no cuDNN; the gpu.js backend runs its own kernels. */
  use_cudnn_on_gpu?: boolean;
  /** Accepted as TF's attr; tensorgraph implements only SAME and VALID padding, so it must stay empty. */
  explicit_paddings?: number[];
  name?: string;
}

/** TF1's optional parameters, then the raw op's explicit_paddings (keyword only in practice). */
const CONV_OPTIONAL = ['use_cudnn_on_gpu', 'data_format', 'dilations', 'name', 'explicit_paddings'];

/** conv2d's keywords when strides and padding are given by name too: conv2d(x, w, {strides, padding}). */
export interface Conv2DCallOptions extends Conv2DOptions { strides: number[]; padding: string }

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

/**
 * tf.nn.conv2d(input, filter, strides, padding, use_cudnn_on_gpu=True, data_format='NHWC',
 * dilations=[1, 1, 1, 1], name=None), any of them as keywords ({strides, padding, name}):
 * input [batch, in_h, in_w, in_c], filter [kh, kw, in_c, out_c], strides [1, sh, sw, 1],
 * padding 'SAME' or 'VALID'.
 */
export const conv2d = pyfunc('conv2d', ['input', 'filter', 'strides', 'padding', ...CONV_OPTIONAL], 4,
  function conv2d(input: TensorLike,
  filter: TensorLike, strides: number[], padding: string, use_cudnn_on_gpu?: boolean, data_format?: string, dilations?: number[],
  name?: string, explicit_paddings?: number[]): Tensor {
  const o: Conv2DOptions = { use_cudnn_on_gpu, data_format, dilations, name, explicit_paddings };
  return makeOp1('Conv2D', [input, filter], convAttrs(strides, padding as string, o), o.name);
});

/** tf.nn.conv2d_backprop_input(input_sizes, filter, out_backprop, strides, padding, use_cudnn_on_gpu, data_format, dilations, name). */
export const conv2d_backprop_input = pyfunc('conv2d_backprop_input', ['input_sizes', 'filter', 'out_backprop', 'strides', 'padding', ...CONV_OPTIONAL], 5,
  function conv2d_backprop_input(input_sizes: TensorLike, filter: TensorLike, out_backprop: TensorLike,
  strides: number[], padding: string, use_cudnn_on_gpu?: boolean, data_format?: string, dilations?: number[], name?: string,
  explicit_paddings?: number[]): Tensor {
  const o: Conv2DOptions = { use_cudnn_on_gpu, data_format, dilations, name, explicit_paddings };
  const g = graphOf([input_sizes, filter, out_backprop]);
  const [f, dy] = [filter, out_backprop].map((v) => convertToTensor(v, undefined, undefined, g));
  return addOp('Conv2DBackpropInput', [sizesTensor(input_sizes, [f, dy]), f, dy], convAttrs(strides, padding, o), o.name);
});

/** tf.nn.conv2d_backprop_filter(input, filter_sizes, out_backprop, strides, padding, use_cudnn_on_gpu, data_format, dilations, name). */
export const conv2d_backprop_filter = pyfunc('conv2d_backprop_filter', ['input', 'filter_sizes', 'out_backprop', 'strides', 'padding', ...CONV_OPTIONAL], 5,
  function conv2d_backprop_filter(input: TensorLike, filter_sizes: TensorLike, out_backprop: TensorLike,
  strides: number[], padding: string, use_cudnn_on_gpu?: boolean, data_format?: string, dilations?: number[], name?: string,
  explicit_paddings?: number[]): Tensor {
  const o: Conv2DOptions = { use_cudnn_on_gpu, data_format, dilations, name, explicit_paddings };
  const g = graphOf([input, filter_sizes, out_backprop]);
  const [x, dy] = [input, out_backprop].map((v) => convertToTensor(v, undefined, undefined, g));
  return addOp('Conv2DBackpropFilter', [x, sizesTensor(filter_sizes, [x, dy]), dy], convAttrs(strides, padding, o), o.name);
});

/** The static dimension of a shape, or null where the rank or the dimension is unknown. */
function staticDim(shape: (number | null)[] | null, i: number): number | null {
  return shape === null ? null : shape[i] ?? null;
}

/**
 * tf.nn.conv2d_transpose(value, filter, output_shape, strides, padding='SAME', data_format='NHWC', name=None):
 * the gradient of conv2d with respect to its input, used forward (TF1 builds the same
 * Conv2DBackpropInput op, named after the scope). value [batch, h, w, in_channels],
 * filter [kh, kw, out_channels, in_channels], output_shape the 4 sizes of the result
 * (numbers or an int32 tensor); the sizes must be ones conv2d maps back to value's.
 */
export const conv2d_transpose = pyfunc('conv2d_transpose', ['value', 'filter', 'output_shape', 'strides', 'padding', 'data_format', 'name'], 4,
  function conv2d_transpose(value: TensorLike, filter: TensorLike, output_shape: TensorLike, strides: number[],
  padding?: string, data_format?: string, name?: NameArg): Tensor {
  const format = data_format ?? 'NHWC', pad = padding ?? 'SAME';
  const g = graphOf([value, filter, output_shape]);
  return g.name_scope(nameFrom(name) ?? 'conv2d_transpose', (scope) => {
    if (format !== 'NCHW' && format !== 'NHWC') throw new ValueError('data_format has to be either NCHW or NHWC.');
    const v = convertToTensor(value, undefined, 'value', g);
    const f = convertToTensor(filter, undefined, 'filter', g);
    const axis = format === 'NHWC' ? 3 : 1;
    const inC = staticDim(v.shape, axis), filterIn = staticDim(f.shape, 3);
    if (inC !== null && filterIn !== null && inC !== filterIn) {
      throw new ValueError(`input channels does not match filter's input channels, ${inC} != ${filterIn}`);
    }
    const sizes = output_shape instanceof Tensor ? output_shape : convertToTensor(output_shape, 'int32', 'output_shape', g);
    if (sizes.shape !== null && (sizes.shape.length !== 1 || (sizes.shape[0] !== null && sizes.shape[0] !== 4))) {
      throw new ValueError(`output_shape must have shape (4,), got (${sizes.shape.join(', ')})`);
    }
    if (Array.isArray(output_shape)) {
      const outC = output_shape[axis] as number, filterOut = staticDim(f.shape, 2);
      if (filterOut !== null && outC !== filterOut) {
        throw new ValueError(`output_shape does not match filter's output channels, ${outC} != ${filterOut}`);
      }
    }
    if (pad !== 'VALID' && pad !== 'SAME') throw new ValueError(`padding must be either VALID or SAME: ${pad}`);
    return addOp('Conv2DBackpropInput', [sizes, f, v], { strides, padding: pad, data_format: format }, scope);
  });
});

export interface PoolOptions { data_format?: string; name?: string }

/** The pools' keywords when ksize, strides and padding are given by name too. */
export interface PoolCallOptions extends PoolOptions { ksize: number[]; strides: number[]; padding: string }

function pool(type: string, value: TensorLike, ksize: number[], strides: number[], padding: string, o: PoolOptions): Tensor {
  return makeOp1(type, [value], { ksize, strides, padding, data_format: o.data_format ?? 'NHWC' }, o.name);
}

/** tf.nn.max_pool(value, ksize, strides, padding, {data_format, name}), or max_pool(value, {ksize, strides, padding, ...}). */
export const max_pool = pyfunc('max_pool', ['value', 'ksize', 'strides', 'padding', 'data_format', 'name'], 4,
  function max_pool(value: TensorLike, ksize: number[], strides: number[], padding: string,
  data_format?: string, name?: string): Tensor {
  return pool('MaxPool', value, ksize, strides, padding, { data_format, name });
});

/**
 * tf.nn.avg_pool(value, ksize, strides, padding, {data_format, name}), or the options
 * form; padding is not counted in the mean.
 */
export const avg_pool = pyfunc('avg_pool', ['value', 'ksize', 'strides', 'padding', 'data_format', 'name'], 4,
  function avg_pool(value: TensorLike, ksize: number[], strides: number[], padding: string,
  data_format?: string, name?: string): Tensor {
  return pool('AvgPool', value, ksize, strides, padding, { data_format, name });
});

/** tf.nn.bias_add(value, bias, data_format?, name?): bias along the last dimension. */
export const bias_add = pyfunc('bias_add', ['value', 'bias', 'data_format', 'name'], 2,
  function bias_add(value: TensorLike, bias: TensorLike, data_format?: string | null, name?: NameArg): Tensor {
  const o: PoolOptions = { data_format: data_format ?? undefined, name: nameFrom(name) };
  const [v, b] = [convertToTensor(value), convertToTensor(bias)];
  return makeOp1('BiasAdd', [v, b], { data_format: o.data_format ?? 'NHWC' }, o.name);
});

/** tf.nn.relu6(features, name?): min(max(features, 0), 6). */
export const relu6 = pyfunc('relu6', ['features', 'name'], 1, function relu6(features: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Relu6', [features], {}, nameFrom(name));
});

/** tf.nn.elu(features, name?): exp(features) - 1 below zero, features above. */
export const elu = pyfunc('elu', ['features', 'name'], 1, function elu(features: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Elu', [features], {}, nameFrom(name));
});

/** tf.nn.leaky_relu(features, alpha = 0.2, name?); also leaky_relu(features, {alpha, name}). */
export const leaky_relu = pyfunc('leaky_relu', ['features', 'alpha', 'name'], 1,
  function leaky_relu(features: TensorLike, alpha?: number | null, name?: NameArg): Tensor {
  const o = { alpha, name: nameFrom(name) };
  return makeOp1('LeakyRelu', [features], { alpha: o.alpha ?? 0.2 }, o.name);
});

export interface DropoutOptions { keep_prob?: TensorLike; noise_shape?: TensorLike; seed?: number | null; name?: string; rate?: TensorLike }

function checkKeepProb(p: number, where: string): void {
  if (!(p > 0 && p <= 1)) {
    throw new ValueError(`dropout${where}: keep_prob must be a scalar tensor or a float in the range (0, 1], got ${p}`);
  }
}

/**
 * tf.nn.dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None), or
 * dropout(x, {keep_prob | rate, noise_shape, seed, name}) (rate = 1 - keep_prob): keeps each element with probability keep_prob and
 * scales kept ones by 1/keep_prob. keep_prob may be a placeholder fed per run (a fed
 * value outside (0, 1] fails that run); a constant 1 returns x itself.
 */
export const dropout = pyfunc('dropout', ['x', 'keep_prob', 'noise_shape', 'seed', 'name', 'rate'], 1,
  function dropout(x: TensorLike, keep_prob?: TensorLike | null, noise_shape?: TensorLike | null,
  seed?: number | null, name?: NameArg, rate?: TensorLike | null): Tensor {
  const o: DropoutOptions = { noise_shape: noise_shape ?? undefined, seed, name: nameFrom(name) };
  if (rate !== undefined && rate !== null) {
    if (keep_prob !== undefined && keep_prob !== null) throw new ValueError("Cannot specify both 'rate' and 'keep_prob'");
    if (typeof rate === 'number' && !(rate >= 0 && rate < 1)) {
      throw new ValueError(`rate must be a scalar tensor or a float in the range [0, 1), got ${rate}`);
    }
    // TF1.13+'s spelling: the probability of dropping; keep_prob = 1 - rate.
    return dropout(x, typeof rate === 'number' ? 1 - rate : subtract(1, rate), noise_shape, seed, name);
  }
  if (keep_prob === undefined || keep_prob === null) throw new ValueError('You must provide a rate to dropout.');
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
    const [seed1, seed2] = seedsFor(o.seed, g);
    const mask = addOp('DropoutMask', [noise, kp], { seed: seed1 ?? 0, seed2: seed2 ?? 0 });
    // The mask broadcasts to x's shape, so the result has x's shape even where static
    // broadcasting cannot tell (TF1 sets it too).
    return setShape(multiply(divide(xt, kp), mask), xt.shape);
  });
});
