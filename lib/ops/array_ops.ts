import { Tensor, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { NDArray, sizeOf } from '../framework/ndarray';
import { DType, as_dtype, typedArrayFor, coerce } from '../framework/dtypes';
import { get_default_graph, Graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { NameArg, nameFrom, convertToTensor, graphOf } from '../framework/convert';
import { shapeToString } from '../framework/shape_utils';
import { makeOp1 } from './op_builder';
import { range } from './shape_ops';

type ShapeArg = (number | null)[] | null | undefined;

/** tf.placeholder(dtype, shape?, name?): a value fed at run time. */
export function placeholder(dtype: DType | string, shape?: ShapeArg | { shape?: ShapeArg; name?: string }, name?: NameArg): Tensor {
  let s: ShapeArg = shape as ShapeArg;
  let n = nameFrom(name);
  if (shape && !Array.isArray(shape) && typeof shape === 'object') { s = shape.shape; n = shape.name ?? n; }
  if (s !== undefined && s !== null) {
    for (const d of s) {
      if (d !== null && !(Number.isInteger(d) && d >= 0)) throw new ValueError(`placeholder: invalid dimension ${d} in shape [${s}]`);
    }
  }
  return get_default_graph().create_op('Placeholder', [], { dtype: as_dtype(dtype), shape: s ?? null }, n ?? 'Placeholder').outputs[0];
}

export interface ConstantOptions { dtype?: DType | string; shape?: number[]; name?: string }

/**
 * tf.constant(value, {dtype, shape, name}). A scalar with a shape fills it, and a
 * list shorter than the shape is padded with its last element, as TF1 does.
 */
export function constant(value: unknown, options: ConstantOptions | DType | string = {}): Tensor {
  const opts: ConstantOptions = typeof options === 'string' ? { dtype: options } : options;
  const dtype = opts.dtype ? as_dtype(opts.dtype) : undefined;
  let arr = value instanceof NDArray ? value : NDArray.from(value, dtype);
  if (dtype && arr.dtype !== dtype) arr = arr.astype(dtype);
  if (opts.shape) {
    const n = sizeOf(opts.shape);
    if (arr.size === n) arr = arr.reshape(opts.shape);
    else if (arr.size >= 1 && arr.size < n) {
      const data = typedArrayFor(arr.dtype, n);
      data.set(arr.data as any);
      data.fill(arr.data[arr.size - 1] as never, arr.size);
      arr = new NDArray(data, opts.shape, arr.dtype);
    } else {
      throw new ValueError(`Too many elements provided. Needed at most ${n}, but received ${arr.size}`);
    }
  }
  // The graph keeps its own copy of a caller's NDArray (NDArray.from already copies anything else),
  // so changing the array later does not change the constant. Converted or padded values are copies already.
  if (value instanceof NDArray && arr.data === value.data) arr = arr.clone();
  return get_default_graph().create_op('Const', [], { value: arr, dtype: arr.dtype }, opts.name ?? 'Const').outputs[0];
}

function filled(shape: number[], value: number, dtype: DType | string | undefined, name: string): Tensor {
  const dt = as_dtype(dtype ?? 'float32');
  const data = typedArrayFor(dt, sizeOf(shape));
  data.fill(coerce(dt, value) as never);
  return get_default_graph().create_op('Const', [], { value: new NDArray(data, shape, dt), dtype: dt }, name).outputs[0];
}

/** tf.zeros(shape, dtype?, name?) */
export function zeros(shape: number[], dtype?: DType | string, name?: NameArg): Tensor {
  return filled(shape, 0, dtype, nameFrom(name) ?? 'zeros');
}
/** tf.ones(shape, dtype?, name?) */
export function ones(shape: number[], dtype?: DType | string, name?: NameArg): Tensor {
  return filled(shape, 1, dtype, nameFrom(name) ?? 'ones');
}

/* ------------------------------------------------------------------------------------
 * Layout and indexing ops. Arguments such as perm, axis, begin or multiples become
 * int32 constants named after the op's input (e.g. 'transpose/perm'), inside a name
 * scope that the op itself takes as its name, as TF1's op_def_library arranges it.
 * ---------------------------------------------------------------------------------- */

type IndexArg = number | number[] | number[][] | Tensor | NDArray;
interface ArgInput { arg: string; value: TensorLike | IndexArg; dtype?: DType }

/** Adds an op whose inputs are converted inside its own name scope (constants named by argument). */
function buildOp(type: string, defaultName: string, inputs: ArgInput[], attrs: Record<string, unknown>, name?: string | null): Operation {
  const g = graphOf(inputs.map((i) => i.value));
  return g.name_scope(name ?? defaultName, (scope) => {
    const tensors = inputs.map(({ arg, value, dtype }) => convertToTensor(value as TensorLike, dtype, arg, g));
    return g.create_op(type, tensors, attrs, scope);
  });
}

function isOptions(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Tensor) &&
    !(v instanceof NDArray) && !ArrayBuffer.isView(v) && typeof (v as any)._asTensor !== 'function';
}

/** tf.identity(input, name?): the same value, as a new tensor. */
export function identity(input: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Identity', [input], {}, nameFrom(name) ?? 'Identity');
}

export interface TransposeOptions { perm?: IndexArg | null; name?: string }

/**
 * tf.transpose(a, perm?, name?) or tf.transpose(a, {perm, name}). Without perm the
 * dimensions are reversed (a matrix is transposed).
 */
export function transpose(a: TensorLike, perm?: IndexArg | null | TransposeOptions, name?: NameArg): Tensor {
  const opts: TransposeOptions = isOptions(perm) ? perm as TransposeOptions : { perm: perm as IndexArg | null | undefined, name: nameFrom(name) };
  const g = graphOf([a]);
  const x = convertToTensor(a, undefined, undefined, g);
  let p: IndexArg | undefined | null = opts.perm;
  if (p === undefined || p === null) {
    if (x.shape !== null) {
      p = x.shape.map((_, i) => x.shape!.length - 1 - i);
    } else {
      // Unknown rank: perm = (rank - 1) - range(rank), computed in the graph as TF1 does.
      return g.name_scope(opts.name ?? 'transpose', (scope) => {
        const rank = makeOp1('Rank', [x], {}, 'Rank');
        const reversed = makeOp1('Sub', [makeOp1('Sub', [rank, convertToTensor(1, 'int32', 'sub/y', g)], {}, 'sub'),
          range(0, rank)], {}, 'sub_1');
        return g.create_op('Transpose', [x, reversed], {}, scope).outputs[0];
      });
    }
  }
  return buildOp('Transpose', 'transpose', [{ arg: 'x', value: x }, { arg: 'perm', value: p, dtype: 'int32' }], {}, opts.name).outputs[0];
}

/** tf.invert_permutation(x): y[x[i]] = i. */
export function invert_permutation(x: IndexArg, name?: NameArg): Tensor {
  return buildOp('InvertPermutation', 'InvertPermutation', [{ arg: 'x', value: x, dtype: 'int32' }], {}, nameFrom(name)).outputs[0];
}

/** tf.concat(values, axis, name='concat'). A single value is returned through identity, as TF1 does. */
export function concat(values: TensorLike[], axis: number | Tensor, name?: NameArg): Tensor {
  if (!Array.isArray(values) || values.length === 0) throw new ValueError('tf.concat needs a non-empty list of values');
  const n = nameFrom(name);
  if (values.length === 1) {
    return identity(values[0], n ?? 'concat');
  }
  return buildOp('ConcatV2', 'concat', [
    ...values.map((v, i) => ({ arg: `values_${i}`, value: v })),
    { arg: 'axis', value: axis, dtype: 'int32' as DType },
  ], { N: values.length }, n).outputs[0];
}

export interface StackOptions { axis?: number; name?: string }

/** tf.stack(values, axis=0, name='stack'): joins equal-shaped tensors along a new dimension. */
export function stack(values: TensorLike[], axis: number | StackOptions = 0, name?: NameArg): Tensor {
  const opts: StackOptions = typeof axis === 'object' ? axis : { axis, name: nameFrom(name) };
  if (!Array.isArray(values) || values.length === 0) throw new ValueError('tf.stack needs a non-empty list of values');
  const g = graphOf(values);
  const tensors = convertAll(values, g);
  return g.create_op('Pack', tensors, { N: tensors.length, axis: opts.axis ?? 0 }, opts.name ?? 'stack').outputs[0];
}

export interface UnstackOptions { num?: number | null; axis?: number; name?: string }

/** tf.unstack(value, num?, axis=0, name='unstack'): the slices along axis, as a list. */
export function unstack(value: TensorLike, num?: number | null | UnstackOptions, axis?: number, name?: NameArg): Tensor[] {
  const opts: UnstackOptions = isOptions(num) ? num as UnstackOptions : { num: num as number | null | undefined, axis, name: nameFrom(name) };
  const x = convertToTensor(value);
  const ax = opts.axis ?? 0;
  let count = opts.num ?? null;
  if (count === null) {
    if (x.shape === null) throw new ValueError(`Cannot infer num from shape <unknown> (tf.unstack of ${x.name})`);
    const rank = x.shape.length;
    if (ax < -rank || ax >= rank) throw new ValueError(`axis = ${ax} not in [${-rank}, ${rank}) (tf.unstack of ${x.name})`);
    count = x.shape[ax < 0 ? ax + rank : ax];
    if (count === null) throw new ValueError(`Cannot infer num from shape ${shapeToString(x.shape)} (tf.unstack of ${x.name})`);
  }
  return x.graph.create_op('Unpack', [x], { num: count, axis: ax }, opts.name ?? 'unstack').outputs.slice();
}

export interface ExpandDimsOptions { axis?: number | Tensor; dim?: number | Tensor; name?: string }

/** tf.expand_dims(input, axis, name?): inserts a dimension of size 1 (TF1 also accepts `dim`). */
export function expand_dims(input: TensorLike, axis?: number | Tensor | ExpandDimsOptions, name?: NameArg): Tensor {
  const opts: ExpandDimsOptions = isOptions(axis) ? axis as ExpandDimsOptions : { axis: axis as number | Tensor | undefined, name: nameFrom(name) };
  const dim = opts.axis ?? opts.dim;
  if (dim === undefined || dim === null) throw new ValueError('tf.expand_dims needs an axis');
  if (opts.axis !== undefined && opts.dim !== undefined) throw new ValueError("tf.expand_dims: cannot specify both 'axis' and 'dim'");
  return buildOp('ExpandDims', 'ExpandDims', [{ arg: 'input', value: input }, { arg: 'dim', value: dim, dtype: 'int32' }], {}, opts.name).outputs[0];
}

export interface SqueezeOptions { axis?: number | number[] | null; squeeze_dims?: number | number[] | null; name?: string }

/** tf.squeeze(input, axis?, name?): removes size-1 dimensions (all, or those listed). */
export function squeeze(input: TensorLike, axis?: number | number[] | null | SqueezeOptions, name?: NameArg): Tensor {
  const opts: SqueezeOptions = isOptions(axis) ? axis as SqueezeOptions : { axis: axis as number | number[] | null | undefined, name: nameFrom(name) };
  if (opts.axis != null && opts.squeeze_dims != null) throw new ValueError("tf.squeeze: cannot specify both 'axis' and 'squeeze_dims'");
  const dims = opts.axis ?? opts.squeeze_dims ?? [];
  const x = convertToTensor(input);
  return x.graph.create_op('Squeeze', [x], { squeeze_dims: Array.isArray(dims) ? dims.slice() : [dims] }, opts.name ?? 'Squeeze').outputs[0];
}

/** tf.slice(input, begin, size, name?): size -1 takes the rest of a dimension. */
export function slice(input: TensorLike, begin: IndexArg, size: IndexArg, name?: NameArg): Tensor {
  // begin and size share Slice's Index attr: a JS list takes the other operand's int64, as TF1 converts it.
  const index: DType = [begin, size].some((v) => v instanceof Tensor && v.dtype === 'int64') ? 'int64' : 'int32';
  return buildOp('Slice', 'Slice', [
    { arg: 'input', value: input }, { arg: 'begin', value: begin, dtype: index }, { arg: 'size', value: size, dtype: index },
  ], {}, nameFrom(name)).outputs[0];
}

export interface PadOptions { mode?: string; name?: string; constant_values?: number | Tensor }

/**
 * tf.pad(tensor, paddings, mode='CONSTANT', name?, constant_values=0), or
 * tf.pad(tensor, paddings, {mode, name, constant_values}). Only CONSTANT mode is supported.
 */
export function pad(tensor: TensorLike, paddings: IndexArg, mode: string | PadOptions = 'CONSTANT', name?: NameArg,
  constant_values: number | Tensor = 0): Tensor {
  const opts: PadOptions = typeof mode === 'object' ? mode : { mode, name: nameFrom(name), constant_values };
  const m = (opts.mode ?? 'CONSTANT').toUpperCase();
  if (m !== 'CONSTANT') {
    throw new ValueError(`tf.pad: mode '${opts.mode}' is not supported; tensorgraph implements the CONSTANT mode only`);
  }
  const c = opts.constant_values ?? 0;
  const x = convertToTensor(tensor);
  const inputs: ArgInput[] = [{ arg: 'input', value: x }, { arg: 'paddings', value: paddings, dtype: 'int32' }];
  if (c instanceof Tensor || c !== 0) {
    return buildOp('PadV2', 'PadV2', [...inputs, { arg: 'constant_values', value: c, dtype: x.dtype }], {}, opts.name).outputs[0];
  }
  return buildOp('Pad', 'Pad', inputs, {}, opts.name).outputs[0];
}

/** tf.tile(input, multiples, name?): repeats the input multiples[i] times along dimension i. */
export function tile(input: TensorLike, multiples: IndexArg, name?: NameArg): Tensor {
  return buildOp('Tile', 'Tile', [{ arg: 'input', value: input }, { arg: 'multiples', value: multiples, dtype: 'int32' }], {}, nameFrom(name)).outputs[0];
}

export interface OneHotOptions {
  on_value?: TensorLike; off_value?: TensorLike; axis?: number | null; dtype?: DType | string | null; name?: string;
}

/**
 * tf.one_hot(indices, depth, on_value=1, off_value=0, axis=-1, dtype=float32, name?), or
 * tf.one_hot(indices, depth, {on_value, off_value, axis, dtype, name}). An index outside
 * [0, depth) gives a row of off_value.
 */
export function one_hot(indices: TensorLike, depth: number | Tensor, on_value?: TensorLike | OneHotOptions | null,
  off_value?: TensorLike | null, axis?: number | null, dtype?: DType | string | null, name?: NameArg): Tensor {
  const opts: OneHotOptions = isOptions(on_value) ? on_value as OneHotOptions
    : { on_value: on_value ?? undefined, off_value: off_value ?? undefined, axis, dtype, name: nameFrom(name) };
  const asTensor = (v: TensorLike | undefined) => (v instanceof Tensor ? v : v !== undefined && typeof (v as any)._asTensor === 'function' ? convertToTensor(v) : null);
  const onT = asTensor(opts.on_value), offT = asTensor(opts.off_value);
  const dt = opts.dtype ? as_dtype(opts.dtype) : onT?.dtype ?? offT?.dtype ?? 'float32';
  for (const [t, what] of [[onT, 'on_value'], [offT, 'off_value']] as const) {
    if (t && t.dtype !== dt) throw new TypeError(`dtype ${t.dtype} of ${what} does not match dtype parameter ${dt} (tf.one_hot)`);
  }
  return buildOp('OneHot', 'one_hot', [
    { arg: 'indices', ...indexArg(indices, 'tf.one_hot indices') },
    { arg: 'depth', value: depth, dtype: 'int32' },
    { arg: 'on_value', value: opts.on_value ?? 1, dtype: dt },
    { arg: 'off_value', value: opts.off_value ?? 0, dtype: dt },
  ], { axis: opts.axis ?? -1 }, opts.name).outputs[0];
}

/**
 * tf.where(condition, x?, y?, name?): with x and y, the elementwise choice between them
 * (Select; condition of x's shape, a vector picking rows, or a scalar); with neither,
 * the int64 coordinates of condition's true elements (Where).
 */
export function where(condition: TensorLike, x?: TensorLike | null, y?: TensorLike | null, name?: NameArg): Tensor {
  const n = nameFrom(name);
  if ((x === undefined || x === null) !== (y === undefined || y === null)) {
    throw new ValueError('x and y must both be non-None or both be None.');
  }
  if (x === undefined || x === null) return makeOp1('Where', [condition], {}, n);
  const g = graphOf([condition, x, y]);
  const c = convertToTensor(condition, 'bool', undefined, g);
  const [tx, ty] = convertAll([x, y!], g);
  return g.create_op('Select', [c, tx, ty], {}, n ?? 'Select').outputs[0];
}

function convertAll(values: TensorLike[], g: Graph): Tensor[] {
  const firstTensor = values.find((v) => v instanceof Tensor || typeof (v as any)?._asTensor === 'function');
  const dtype = firstTensor ? convertToTensor(firstTensor).dtype : undefined;
  return values.map((v) => convertToTensor(v, dtype, undefined, g));
}

/** Index inputs given as JS values become int32 (TF1 converts Python ints so); fractions are an error. */
function indexArg(v: TensorLike, what: string): { value: TensorLike; dtype?: DType } {
  if (v instanceof Tensor || v instanceof NDArray || typeof (v as any)?._asTensor === 'function') return { value: v };
  const arr = NDArray.from(v, 'float32');
  if (!Array.prototype.every.call(arr.data, (x: number) => Number.isInteger(x))) {
    throw new ValueError(`${what} must be integers, got ${arr.toString()}`);
  }
  return { value: v, dtype: 'int32' };
}

