import { NDArray } from './ndarray';
import type { Tensor } from './tensor';
import type { StaticShape, TensorSpec } from '../registry/op_def';

/*
 * What the graph knows of a tensor's value while it is built: TF's
 * tensor_util.constant_value and constant_value_as_shape. Graph.create_op hands this
 * to every shape function (TensorSpec.value / valueAsShape), as TF's shape refiner
 * evaluates small constant subgraphs; gradient functions and public functions use it
 * to choose between a graph of constants and one computed at run time.
 */

/** The dims of a static shape when none is unknown. */
export function fullyKnown(shape: StaticShape): number[] | null {
  if (shape === null || shape.some((d) => d === null)) return null;
  return shape as number[];
}

/*
 * The same knowledge for tensors, which gradient functions and public functions use
 * to choose between a graph of constants and one computed at run time.
 */

/**
 * TF's tensor_util.constant_value for the graphs built here: a Const (also behind
 * Identity ops), the Shape of a tensor whose static shape is fully known, or a Pack
 * of int scalars that are all known.
 */
export function constantValue(t: Tensor): NDArray | null {
  const src = throughIdentity(t);
  switch (src.op.type) {
    case 'Const': return src.op.attrs.value as NDArray;
    case 'Shape': {
      const dims = fullyKnown(src.op.inputs[0].shape);
      return dims ? NDArray.from(dims, src.dtype) : null;
    }
    case 'Pack': {
      const parts = packedScalars(src);
      return parts && parts.every((p) => p !== null) ? NDArray.from(parts as number[], src.dtype) : null;
    }
    default: return null;
  }
}

/** constantValue as JS numbers. */
export function constantInts(t: Tensor): number[] | null {
  const v = constantValue(t);
  return v ? Array.from(v.data as ArrayLike<number>) : null;
}

/**
 * TF's constant_value_as_shape: the shape a 1-D shape tensor is known to describe
 * while the graph is built. Shape(x) describes x's static shape; a Pack of scalars
 * has the known ones in place (a negative or unknown entry is an unknown dimension).
 * Undefined when nothing beyond the tensor's own static shape is known.
 */
export function constantPartialShape(t: Tensor): StaticShape | undefined {
  const src = throughIdentity(t);
  switch (src.op.type) {
    case 'Const': {
      const v = src.op.attrs.value as NDArray;
      return v.rank === 1 ? Array.from(v.data as ArrayLike<number>, (d) => (d >= 0 ? d : null)) : undefined;
    }
    case 'Shape': return src.op.inputs[0].shape?.slice() ?? undefined;
    case 'Pack': return packedScalars(src)?.map((d) => (d !== null && d >= 0 ? d : null)) ?? undefined;
    default: return undefined;
  }
}

/**
 * The tensor behind a chain of Identity ops. Remembered per tensor, so building a long
 * chain (each op's inputs are looked through as it is made) stays linear, not quadratic.
 */
const identitySources = new WeakMap<Tensor, Tensor>();
function throughIdentity(t: Tensor): Tensor {
  if (t.op.type !== 'Identity') return t;
  let src = identitySources.get(t);
  if (!src) identitySources.set(t, (src = throughIdentity(t.op.inputs[0])));
  return src;
}

/** The entries of a Pack of int scalars along axis 0 (null where one is not known), else null. */
function packedScalars(pack: Tensor): (number | null)[] | null {
  const op = pack.op;
  if ((op.attrs.axis ?? 0) !== 0 || (pack.dtype !== 'int32' && pack.dtype !== 'int64')) return null;
  if (op.inputs.some((s) => s.shape === null || s.shape.length !== 0)) return null;
  return op.inputs.map((s) => {
    const v = constantValue(s);
    return v ? Number(v.data[0]) : null;
  });
}


/** The spec shape inference sees for an input: its dtype, static shape, and value or described shape when known. */
export function knownSpec(t: Tensor): TensorSpec {
  if (t.op.type === 'Const') return { dtype: t.dtype, shape: t.shape, value: t.op.attrs.value as NDArray };
  const value = constantValue(t);
  if (value) return { dtype: t.dtype, shape: t.shape, value };
  const valueAsShape = constantPartialShape(t);
  return valueAsShape === undefined ? { dtype: t.dtype, shape: t.shape } : { dtype: t.dtype, shape: t.shape, valueAsShape };
}
