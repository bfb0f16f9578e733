import { Tensor, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { NDArray, sizeOf, formatShape } from '../framework/ndarray';
import { DType, as_dtype, typedArrayFor, coerce } from '../framework/dtypes';
import { get_default_graph, Graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { NameArg, nameFrom, convertToTensor, graphOf, inferConstDType } from '../framework/convert';
import { shapeToString } from '../framework/shape_utils';
import { TensorShape, shapeObjectValue } from '../framework/tensor_shape';
import { makeOp1 } from './op_builder';
import { range } from './shape_ops';
import { pyfunc } from '../framework/python_args';

type ShapeArg = (number | null)[] | TensorShape | null | undefined;

/** tf.placeholder(dtype, shape?, name?): a value fed at run time. */
export const placeholder = pyfunc('placeholder', ['dtype', 'shape', 'name'], 1,
  function placeholder(dtype: DType | string, shape?: ShapeArg, name?: NameArg): Tensor {
  const s = shape instanceof TensorShape ? shape.toStatic() : shape, n = nameFrom(name);
  if (s !== undefined && s !== null) {
    for (const d of s) {
      if (d !== null && !(Number.isInteger(d) && d >= 0)) throw new ValueError(`placeholder: invalid dimension ${d} in shape [${s}]`);
    }
  }
  return get_default_graph().create_op('Placeholder', [], { dtype: as_dtype(dtype), shape: s ?? null }, n ?? 'Placeholder').outputs[0];
});

/**
 * tf.placeholder_with_default(input, shape, name=None): `input` unless fed. `shape` is what a
 * feed must fit, and may leave dimensions open that the default has (a batch size, say).
 */
export const placeholder_with_default = pyfunc('placeholder_with_default', ['input', 'shape', 'name'], 2,
  function placeholder_with_default(input: TensorLike, shape: ShapeArg, name?: NameArg): Tensor {
  const value = convertToTensor(input);
  const s = shape instanceof TensorShape ? shape.toStatic() : shape;
  return graphOf([value]).create_op('PlaceholderWithDefault', [value], { dtype: value.dtype, shape: s ?? null },
    nameFrom(name) ?? 'PlaceholderWithDefault').outputs[0];
});


/**
 * tf.constant(value, dtype=None, shape=None, name='Const', verify_shape=False), or
 * tf.constant(value, {dtype, shape, name}). A scalar with a shape fills it, and a
 * list shorter than the shape is padded with its last element, as TF1 does.
 */
export const constant = pyfunc('constant', ['value', 'dtype', 'shape', 'name', 'verify_shape'], 1,
  function constant(value: unknown, dtype_?: DType | string | null, shape?: number[] | null, name?: string | null,
  verify_shape?: boolean): Tensor {
  const opts = { dtype: dtype_, shape, name };
  const dtype = opts.dtype ? as_dtype(opts.dtype) : undefined;
  let arr = value instanceof NDArray ? value : NDArray.from(value, dtype ?? inferConstDType(value));
  if (dtype && arr.dtype !== dtype) arr = arr.astype(dtype);
  if (verify_shape && opts.shape && formatShape(arr.shape) !== formatShape(opts.shape)) {
    throw new TypeError(`Expected Tensor's shape: ${formatShape(opts.shape)}, got ${formatShape(arr.shape)}.`);
  }
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
});

function filled(shapeArg: number[] | TensorShape, value: number, dtype: DType | string | undefined, name: string): Tensor {
  const dt = as_dtype(dtype ?? 'float32');
  const shape = shapeArg instanceof TensorShape ? Array.from(shapeObjectValue(shapeArg).data as Int32Array) : shapeArg;
  const data = typedArrayFor(dt, sizeOf(shape));
  data.fill(coerce(dt, value) as never);
  return get_default_graph().create_op('Const', [], { value: new NDArray(data, shape, dt), dtype: dt }, name).outputs[0];
}

/** tf.zeros(shape, dtype?, name?) */
export const zeros = pyfunc('zeros', ['shape', 'dtype', 'name'], 1,
  function zeros(shape: number[] | TensorShape, dtype?: DType | string, name?: NameArg): Tensor {
  return filled(shape, 0, dtype, nameFrom(name) ?? 'zeros');
});
/** tf.ones(shape, dtype?, name?) */
export const ones = pyfunc('ones', ['shape', 'dtype', 'name'], 1,
  function ones(shape: number[] | TensorShape, dtype?: DType | string, name?: NameArg): Tensor {
  return filled(shape, 1, dtype, nameFrom(name) ?? 'ones');
});

/* ------------------------------------------------------------------------------------
 * Layout and indexing ops. Arguments such as perm, axis, begin or multiples become
 * int32 constants named after the op's input (e.g. 'transpose/perm'), inside a name
 * scope that the op itself takes as its name, as TF1's op_def_library arranges it.
 * ---------------------------------------------------------------------------------- */

type IndexArg = number | number[] | number[][] | Tensor | NDArray;
interface ArgInput { arg: string; value: TensorLike | IndexArg; dtype?: DType }

/** Adds an op whose inputs are converted inside its own name scope (constants named by argument). */
export function buildOp(type: string, defaultName: string, inputs: ArgInput[], attrs: Record<string, unknown>, name?: string | null): Operation {
  const g = graphOf(inputs.map((i) => i.value));
  return g.name_scope(name ?? defaultName, (scope) => {
    const tensors = inputs.map(({ arg, value, dtype }) => convertToTensor(value as TensorLike, dtype, arg, g));
    return g.create_op(type, tensors, attrs, scope);
  });
}

/** tf.identity(input, name?): the same value, as a new tensor. */
export const identity = pyfunc('identity', ['input', 'name'], 1, function identity(input: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Identity', [input], {}, nameFrom(name) ?? 'Identity');
});

/**
 * tf.transpose(a, perm?, name?) or tf.transpose(a, {perm, name}). Without perm the
 * dimensions are reversed (a matrix is transposed).
 */
export const transpose = pyfunc('transpose', ['a', 'perm', 'name', 'conjugate'], 1,
  function transpose(a: TensorLike, perm?: IndexArg | null, name?: NameArg, conjugate?: boolean): Tensor {
  // conjugate changes nothing for the real dtypes tensorgraph has.
  const opts = { perm, name: nameFrom(name) };
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
});

/** tf.invert_permutation(x): y[x[i]] = i. */
export const invert_permutation = pyfunc('invert_permutation', ['x', 'name'], 1,
  function invert_permutation(x: IndexArg, name?: NameArg): Tensor {
  return buildOp('InvertPermutation', 'InvertPermutation', [{ arg: 'x', value: x, dtype: 'int32' }], {}, nameFrom(name)).outputs[0];
});

/** tf.concat(values, axis, name='concat'). A single value is returned through identity, as TF1 does. */
export const concat = pyfunc('concat', ['values', 'axis', 'name'], 2,
  function concat(values: TensorLike[], axis: number | Tensor, name?: NameArg): Tensor {
  if (!Array.isArray(values) || values.length === 0) throw new ValueError('tf.concat needs a non-empty list of values');
  const n = nameFrom(name);
  if (values.length === 1) {
    return identity(values[0], n ?? 'concat');
  }
  return buildOp('ConcatV2', 'concat', [
    ...values.map((v, i) => ({ arg: `values_${i}`, value: v })),
    { arg: 'axis', value: axis, dtype: 'int32' as DType },
  ], { N: values.length }, n).outputs[0];
});

/** tf.stack(values, axis=0, name='stack'): joins equal-shaped tensors along a new dimension. */
export const stack = pyfunc('stack', ['values', 'axis', 'name'], 1,
  function stack(values: TensorLike[], axis?: number, name?: NameArg): Tensor {
  const opts = { axis, name: nameFrom(name) };
  if (!Array.isArray(values) || values.length === 0) throw new ValueError('tf.stack needs a non-empty list of values');
  const g = graphOf(values);
  const tensors = convertAll(values, g);
  return g.create_op('Pack', tensors, { N: tensors.length, axis: opts.axis ?? 0 }, opts.name ?? 'stack').outputs[0];
});

/** tf.unstack(value, num?, axis=0, name='unstack'): the slices along axis, as a list. */
export const unstack = pyfunc('unstack', ['value', 'num', 'axis', 'name'], 1,
  function unstack(value: TensorLike, num?: number | null, axis?: number, name?: NameArg): Tensor[] {
  const opts = { num, axis, name: nameFrom(name) };
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
});

/** tf.expand_dims(input, axis, name?): inserts a dimension of size 1 (TF1 also accepts `dim`). */
export const expand_dims = pyfunc('expand_dims', ['input', 'axis', 'name', 'dim'], 1,
  function expand_dims(input: TensorLike, axis?: number | Tensor, name?: NameArg, dim?: number | Tensor): Tensor {
  const opts = { axis, dim, name: nameFrom(name) };
  const axisValue = opts.axis ?? opts.dim;
  if (axisValue === undefined || axisValue === null) throw new ValueError('tf.expand_dims needs an axis');
  if (opts.axis !== undefined && opts.dim !== undefined) throw new ValueError("tf.expand_dims: cannot specify both 'axis' and 'dim'");
  return buildOp('ExpandDims', 'ExpandDims', [{ arg: 'input', value: input }, { arg: 'dim', value: axisValue, dtype: 'int32' }], {}, opts.name).outputs[0];
});

/** tf.squeeze(input, axis?, name?): removes size-1 dimensions (all, or those listed). */
export const squeeze = pyfunc('squeeze', ['input', 'axis', 'name', 'squeeze_dims'], 1,
  function squeeze(input: TensorLike, axis?: number | number[] | null, name?: NameArg, squeeze_dims?: number | number[] | null): Tensor {
  const opts = { axis, squeeze_dims, name: nameFrom(name) };
  if (opts.axis != null && opts.squeeze_dims != null) throw new ValueError("tf.squeeze: cannot specify both 'axis' and 'squeeze_dims'");
  const dims = opts.axis ?? opts.squeeze_dims ?? [];
  const x = convertToTensor(input);
  return x.graph.create_op('Squeeze', [x], { squeeze_dims: Array.isArray(dims) ? dims.slice() : [dims] }, opts.name ?? 'Squeeze').outputs[0];
});

/** tf.slice(input, begin, size, name?): size -1 takes the rest of a dimension. */
export const slice = pyfunc('slice', ['input_', 'begin', 'size', 'name'], 3,
  function slice(input: TensorLike, begin: IndexArg, size: IndexArg, name?: NameArg): Tensor {
  // begin and size share Slice's Index attr: a JS list takes the other operand's int64, as TF1 converts it.
  const index: DType = [begin, size].some((v) => v instanceof Tensor && v.dtype === 'int64') ? 'int64' : 'int32';
  return buildOp('Slice', 'Slice', [
    { arg: 'input', value: input }, { arg: 'begin', value: begin, dtype: index }, { arg: 'size', value: size, dtype: index },
  ], {}, nameFrom(name)).outputs[0];
});

/**
 * tf.pad(tensor, paddings, mode='CONSTANT', name?, constant_values=0), or
 * tf.pad(tensor, paddings, {mode, name, constant_values}). Only CONSTANT mode is supported.
 */
export const pad = pyfunc('pad', ['tensor', 'paddings', 'mode', 'name', 'constant_values'], 2,
  function pad(tensor: TensorLike, paddings: IndexArg, mode: string = 'CONSTANT', name?: NameArg,
  constant_values: number | Tensor = 0): Tensor {
  const opts = { mode, name: nameFrom(name), constant_values };
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
});

/** tf.tile(input, multiples, name?): repeats the input multiples[i] times along dimension i. */
export const tile = pyfunc('tile', ['input', 'multiples', 'name'], 2,
  function tile(input: TensorLike, multiples: IndexArg, name?: NameArg): Tensor {
  return buildOp('Tile', 'Tile', [{ arg: 'input', value: input }, { arg: 'multiples', value: multiples, dtype: 'int32' }], {}, nameFrom(name)).outputs[0];
});

/**
 * tf.one_hot(indices, depth, on_value=1, off_value=0, axis=-1, dtype=float32, name?), or
 * tf.one_hot(indices, depth, {on_value, off_value, axis, dtype, name}). An index outside
 * [0, depth) gives a row of off_value.
 */
export const one_hot = pyfunc('one_hot', ['indices', 'depth', 'on_value', 'off_value', 'axis', 'dtype', 'name'], 2,
  function one_hot(indices: TensorLike, depth: number | Tensor, on_value?: TensorLike | null,
  off_value?: TensorLike | null, axis?: number | null, dtype?: DType | string | null, name?: NameArg): Tensor {
  const opts = { on_value: on_value ?? undefined, off_value: off_value ?? undefined, axis, dtype, name: nameFrom(name) };
  const asTensor = (v: TensorLike | undefined) => (v instanceof Tensor ? v : v !== undefined && typeof (v as any)._asTensor === 'function' ? convertToTensor(v) : null);
  const onT = asTensor(opts.on_value), offT = asTensor(opts.off_value);
  if (!opts.dtype && onT && offT && onT.dtype !== offT.dtype) {
    throw new TypeError(`dtype ${onT.dtype} of on_value does not match dtype ${offT.dtype} of off_value`);
  }
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
});

/**
 * tf.where(condition, x?, y?, name?): with x and y, the elementwise choice between them
 * (Select; condition of x's shape, a vector picking rows, or a scalar); with neither,
 * the int64 coordinates of condition's true elements (Where).
 */
export const where = pyfunc('where', ['condition', 'x', 'y', 'name'], 1,
  function where(condition: TensorLike, x?: TensorLike | null, y?: TensorLike | null, name?: NameArg): Tensor {
  const n = nameFrom(name);
  if ((x === undefined || x === null) !== (y === undefined || y === null)) {
    throw new ValueError('x and y must both be non-None or both be None.');
  }
  if (x === undefined || x === null) return makeOp1('Where', [condition], {}, n);
  const g = graphOf([condition, x, y]);
  const c = convertToTensor(condition, 'bool', undefined, g);
  const [tx, ty] = convertAll([x, y!], g);
  return g.create_op('Select', [c, tx, ty], {}, n ?? 'Select').outputs[0];
});

function convertAll(values: TensorLike[], g: Graph): Tensor[] {
  const firstTensor = values.find((v) => v instanceof Tensor || typeof (v as any)?._asTensor === 'function');
  const dtype = firstTensor ? convertToTensor(firstTensor).dtype : undefined;
  return values.map((v) => convertToTensor(v, dtype, undefined, g));
}

/** Index inputs given as JS values become int32 (TF1 converts Python ints so); fractions are an error. */
export function indexArg(v: TensorLike, what: string): { value: TensorLike; dtype?: DType } {
  if (v instanceof Tensor || v instanceof NDArray || typeof (v as any)?._asTensor === 'function') return { value: v };
  const arr = NDArray.from(v, 'float32');
  if (!Array.prototype.every.call(arr.data, (x: number) => Number.isInteger(x))) {
    throw new ValueError(`${what} must be integers, got ${arr.toString()}`);
  }
  return { value: v, dtype: 'int32' };
}

