import { Tensor } from '../framework/tensor';
import { NDArray, sizeOf } from '../framework/ndarray';
import { DType, as_dtype, typedArrayFor, coerce } from '../framework/dtypes';
import { get_default_graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { NameArg, nameFrom } from '../framework/convert';

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
