import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf, NameArg, nameFrom, ownedConstant } from '../framework/convert';
import { DType, as_dtype } from '../framework/dtypes';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import { isShapeObject } from '../framework/tensor_shape';
import { makeOp1 } from './op_builder';
import { addOp } from './defs/known_inputs';
import { pyfunc } from '../framework/python_args';

/* Public TF1 functions about shapes: tf.shape, tf.size, tf.rank, tf.reshape, tf.fill, tf.zeros_like, ... */

type ShapeLike = TensorLike | number[];


/** An int32 (or int64) vector for a shape argument given as a JS array or a tensor. */
export function shapeArgTensor(shape: ShapeLike, graphInputs: unknown[] = []): Tensor {
  if (shape instanceof Tensor || isShapeObject(shape) || (typeof shape === 'object' && shape !== null && '_asTensor' in (shape as object))) {
    return convertToTensor(shape);
  }
  const g = graphOf(graphInputs);
  if (shape instanceof NDArray) return convertToTensor(shape, shape.dtype === 'int64' ? 'int64' : 'int32', undefined, g);
  return ownedConstant(NDArray.from(shape, 'int32'), undefined, g);
}

/** tf.shape(x, {name, out_type}) — also shape(x, name, out_type). */
export const shape = pyfunc('shape', ['input', 'name', 'out_type'], 1,
  function shape(x: TensorLike, name?: NameArg, out_type?: DType | string): Tensor {
  const o = { name: nameFrom(name), out_type };
  return makeOp1('Shape', [convertToTensor(x)], { out_type: as_dtype(o.out_type ?? 'int32') }, o.name);
});

/** tf.size(x, {name, out_type}) */
export const size = pyfunc('size', ['input', 'name', 'out_type'], 1,
  function size(x: TensorLike, name?: NameArg, out_type?: DType | string): Tensor {
  const o = { name: nameFrom(name), out_type };
  return makeOp1('Size', [convertToTensor(x)], { out_type: as_dtype(o.out_type ?? 'int32') }, o.name);
});

/** tf.rank(x, name?) */
export const rank = pyfunc('rank', ['input', 'name'], 1, function rank(x: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Rank', [convertToTensor(x)], {}, nameFrom(name));
});

/** tf.reshape(x, shape, name?): one dimension of shape may be -1 (inferred). */
export const reshape = pyfunc('reshape', ['tensor', 'shape', 'name'], 2,
  function reshape(x: TensorLike, shape: ShapeLike, name?: NameArg): Tensor {
  const t = convertToTensor(x);
  return addOp('Reshape', [t, shapeArgTensor(shape, [t])], {}, nameFrom(name));
});

/** tf.fill(dims, value, name?): a tensor of shape dims filled with value (its dtype is value's). */
export const fill = pyfunc('fill', ['dims', 'value', 'name'], 2,
  function fill(dims: ShapeLike, value: TensorLike, name?: NameArg): Tensor {
  const v = convertToTensor(value);
  return addOp('Fill', [shapeArgTensor(dims, [v]), v], {}, nameFrom(name));
});

interface LikeOptions { dtype?: DType | string; name?: string }

/** optimize (TF1: fold to a constant when the shape is known) changes no value, so it is accepted and not used. */
function likeArgs(dtype: DType | string | null | undefined, name: NameArg): LikeOptions {
  return { dtype: dtype ?? undefined, name: nameFrom(name) };
}

/** tf.zeros_like(x, dtype?, name?) */
export const zeros_like = pyfunc('zeros_like', ['tensor', 'dtype', 'name', 'optimize'], 1,
  function zeros_like(x: TensorLike, dtype?: DType | string | null, name?: NameArg, optimize?: boolean): Tensor {
  return filledLike('ZerosLike', 0, x, likeArgs(dtype, name));
});

/** tf.ones_like(x, dtype?, name?) */
export const ones_like = pyfunc('ones_like', ['tensor', 'dtype', 'name', 'optimize'], 1,
  function ones_like(x: TensorLike, dtype?: DType | string | null, name?: NameArg, optimize?: boolean): Tensor {
  return filledLike('OnesLike', 1, x, likeArgs(dtype, name));
});

function filledLike(type: string, value: number, x: TensorLike, o: LikeOptions): Tensor {
  const t = convertToTensor(x);
  const dtype = o.dtype === undefined ? t.dtype : as_dtype(o.dtype);
  if (dtype === t.dtype) return makeOp1(type, [t], {}, o.name);
  // Another dtype: fill x's shape (TF1 does the same).
  return addOp('Fill', [makeOp1('Shape', [t], { out_type: 'int32' }), convertToTensor(value, dtype, undefined, t.graph)], {}, o.name);
}

/** tf.broadcast_to(x, shape, name?) */
export const broadcast_to = pyfunc('broadcast_to', ['input', 'shape', 'name'], 2,
  function broadcast_to(x: TensorLike, shape: ShapeLike, name?: NameArg): Tensor {
  const t = convertToTensor(x);
  return addOp('BroadcastTo', [t, shapeArgTensor(shape, [t])], {}, nameFrom(name));
});

/**
 * tf.range(start, limit=None, delta=1, dtype=None, name='range') — range(n) counts from 0;
 * also range(start, {limit, delta, dtype, name}). Integer arguments give int32.
 */
export const range = pyfunc('range', ['start', 'limit', 'delta', 'dtype', 'name'], 1,
  function range(start: TensorLike, limit?: TensorLike | null, delta?: TensorLike | null,
  dtype?: DType | string | null, name?: NameArg): Tensor {
  const o = { limit, delta, dtype, name: nameFrom(name) };
  const [s, l] = o.limit === undefined || o.limit === null ? [0, start] : [start, o.limit];
  const d = o.delta ?? 1;
  const plain = [s, l, d].filter((v) => !(v instanceof Tensor));
  if (plain.some((v) => typeof v !== 'number')) throw new ValueError('tf.range: start, limit and delta must be numbers or scalar tensors');
  const tensorArg = [s, l, d].find((v) => v instanceof Tensor) as Tensor | undefined;
  const dt = o.dtype ? as_dtype(o.dtype)
    : tensorArg ? tensorArg.dtype
    : (plain as number[]).every((v) => Number.isInteger(v)) ? 'int32' : 'float32';
  const g = graphOf([s, l, d]);
  const [ts, tl, td] = [s, l, d].map((v) => convertToTensor(v, dt, undefined, g));
  return addOp('Range', [ts, tl, td], { Tidx: dt }, o.name ?? 'range');
});
