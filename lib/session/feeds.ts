import { Tensor } from '../framework/tensor';
import { Graph } from '../framework/graph';
import { NDArray, formatShape, sizeOf } from '../framework/ndarray';
import { DType, coerce, dtypeMax, dtypeMin, isInteger, typedArrayFor } from '../framework/dtypes';
import { InvalidArgumentError } from '../framework/errors';
import { isCompatible, shapeToString } from '../framework/shape_utils';

/**
 * Normalizes a feed_dict (a Map, an array of [key, value] pairs, or an object keyed
 * by tensor name) into checked NDArrays of each tensor's dtype and shape.
 */
export function normalizeFeeds(feedDict: unknown, graph: Graph): Map<Tensor, NDArray> {
  const out = new Map<Tensor, NDArray>();
  if (feedDict === undefined || feedDict === null) return out;
  let entries: [unknown, unknown][];
  if (feedDict instanceof Map) entries = [...feedDict.entries()];
  else if (Array.isArray(feedDict)) entries = feedDict as [unknown, unknown][];
  else if (typeof feedDict === 'object') entries = Object.entries(feedDict as object);
  else throw new InvalidArgumentError(`feed_dict must be a Map, an array of [tensor, value] pairs or an object; got ${typeof feedDict}`);
  for (const [key, value] of entries) {
    const t = feedKey(key, graph);
    out.set(t, toFeedValue(value, t));
  }
  return out;
}

/**
 * The tensor a feed_dict key names. A JS object's keys are strings, so `{x: v}` is the
 * name 'x' (not the variable x) and `{[tensor]: v}` is '[object Object]': the error (TF1's
 * TypeError) says how to feed.
 */
function feedKey(key: unknown, graph: Graph): Tensor {
  let t: unknown = key;
  let reason = '';
  if (typeof key === 'string') {
    try {
      t = graph.get_tensor_by_name(key.includes(':') ? key : `${key}:0`);
    } catch (e) {
      reason = ` (${(e as Error).message})`;
    }
  } else if (key && typeof key === 'object' && typeof (key as any)._asTensor === 'function') {
    t = (key as any)._asTensor();
  }
  if (!(t instanceof Tensor)) {
    const shown = typeof key === 'string' ? `'${key}'` : String(key);
    const objectAsKey = key === '[object Object]' || (typeof key === 'string' && /^(Tensor\("|<tf\.Variable ')/.test(key));
    const hint = objectAsKey ? ` (a Tensor used as an object key becomes the string ${shown})` : reason;
    throw new TypeError(`Cannot interpret feed_dict key ${shown} as a Tensor: use {[x.name]: value}, a Map, or [[x, value]] pairs${hint}`);
  }
  if (t.graph !== graph) throw new InvalidArgumentError(`Cannot feed ${t.name}: it is not an element of this session's graph`);
  return t;
}

function toFeedValue(value: unknown, t: Tensor): NDArray {
  const arr = asNDArray(value, t);
  if (!isCompatible(t.shape, arr.shape)) {
    throw new InvalidArgumentError(`Cannot feed value of shape ${formatShape(arr.shape)} for Tensor '${t.name}', ` +
      `which has shape '${t.shape === null ? '<unknown>' : formatShape(t.shape)}'`, t.op.name);
  }
  return arr;
}

function asNDArray(value: unknown, t: Tensor): NDArray {
  if (value instanceof NDArray) return convertDType(value, t);
  if (t.dtype === 'string') {
    try { return NDArray.from(value, 'string'); } catch (e) {
      throw new InvalidArgumentError(`Cannot feed value for Tensor '${t.name}': ${(e as Error).message}`, t.op.name);
    }
  }
  if (ArrayBuffer.isView(value)) return convertDType(typedWithStaticShape(value as any, t), t);
  if (value && typeof value === 'object' && !Array.isArray(value) && 'data' in value && 'shape' in value) {
    const v = value as { data: ArrayLike<number>; shape: number[] };
    return convertDType(fromFlat(v.data, v.shape, t), t);
  }
  return checkedFromNested(value, t);
}

/** A typed array fed without a shape takes the tensor's static shape (one unknown dim inferred). */
function typedWithStaticShape(data: ArrayLike<number>, t: Tensor): NDArray {
  const s = t.shape;
  if (s === null) throw new InvalidArgumentError(`Feeding a flat typed array to '${t.name}' needs a shape: the tensor's rank is unknown`);
  const known = s.reduce<number>((p, d) => p * (d ?? 1), 1);
  const unknown = s.filter((d) => d === null).length;
  if (unknown > 1 || (unknown === 0 && known !== data.length) || (unknown === 1 && data.length % known !== 0)) {
    throw new InvalidArgumentError(`Cannot feed a flat array of ${data.length} values for Tensor '${t.name}', which has shape '${shapeToString(s)}'`, t.op.name);
  }
  return fromFlat(data, s.map((d) => d ?? data.length / known), t);
}

function fromFlat(data: ArrayLike<number>, shape: number[], t: Tensor): NDArray {
  if (sizeOf(shape) !== data.length) {
    throw new InvalidArgumentError(`Feed for '${t.name}' has ${data.length} values but shape ${formatShape(shape)}`, t.op.name);
  }
  const out = typedArrayFor(t.dtype, data.length);
  copyChecked(data, out, t);
  return new NDArray(out, shape, t.dtype);
}

function checkedFromNested(value: unknown, t: Tensor): NDArray {
  let generic: NDArray;
  try {
    generic = NDArray.from(value, t.dtype === 'bool' ? 'bool' : 'float32');
  } catch (e) {
    throw new InvalidArgumentError(`Cannot feed value for Tensor '${t.name}': ${(e as Error).message}`, t.op.name);
  }
  if (t.dtype !== 'bool') {
    // Re-read from the source as float64 to check integers exactly (float32 would round them).
    const flat: number[] = [];
    const walk = (v: unknown) => { if (Array.isArray(v) || ArrayBuffer.isView(v)) for (const x of Array.from(v as ArrayLike<unknown>)) walk(x); else flat.push(typeof v === 'boolean' ? Number(v) : (v as number)); };
    walk(value);
    return fromFlat(flat, generic.shape, t);
  }
  return generic;
}

function convertDType(a: NDArray, t: Tensor): NDArray {
  if (a.dtype === t.dtype) return a;
  if ((a.dtype === 'bool') !== (t.dtype === 'bool')) {
    throw new InvalidArgumentError(`Cannot feed a ${a.dtype} value to Tensor '${t.name}' of dtype ${t.dtype}`, t.op.name);
  }
  return fromFlat(a.data, a.shape, t);
}

function copyChecked(src: ArrayLike<number>, dst: ArrayLike<number> & { [i: number]: number }, t: Tensor): void {
  const dtype: DType = t.dtype;
  const integral = isInteger(dtype);
  // int64's range is past 2^53, where every double is an integer: only the narrower ones are checked.
  const [lo, hi] = integral && dtype !== 'int64' ? [dtypeMin(dtype), dtypeMax(dtype)] : [-Infinity, Infinity];
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (integral && !Number.isInteger(v)) {
      throw new InvalidArgumentError(`Cannot feed non-integer value ${v} to Tensor '${t.name}' of dtype ${dtype}`, t.op.name);
    }
    if (v < lo || v > hi) {
      throw new InvalidArgumentError(`Value ${v} is out of range for ${dtype} Tensor '${t.name}'`, t.op.name);
    }
    dst[i] = coerce(dtype, v);
  }
}
