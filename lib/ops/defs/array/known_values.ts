import { NDArray } from '../../../framework/ndarray';
import { Tensor } from '../../../framework/tensor';
import { Operation } from '../../../framework/operation';
import { Graph } from '../../../framework/graph';
import type { Attrs, StaticShape, TensorSpec } from '../../../registry/op_registry';

/*
 * Shape inference receives only its inputs' dtypes and static shapes, yet ops such
 * as Transpose, Slice or ConcatV2 need the *values* of small int inputs (perm, begin,
 * axis) to know their output shape — TF's shape functions read inputs that are
 * constants for the same reason. Until create_op hands such values over itself
 * (an optional `value` on TensorSpec, read first below), the ops built through
 * createWithKnownInputs record their input tensors while create_op runs, which is
 * synchronous, so their shape functions can look up the inputs that are constants.
 */
let building: readonly Tensor[] | null = null;

export function createWithKnownInputs(g: Graph, type: string, inputs: Tensor[], attrs: Attrs, name?: string | null): Operation {
  const saved = building;
  building = inputs;
  try { return g.create_op(type, inputs, attrs, name); } finally { building = saved; }
}

/** The value of input i when it is known while the graph is built, else null. */
export function knownValue(specs: readonly TensorSpec[], i: number): NDArray | null {
  const spec = specs[i] as TensorSpec & { value?: NDArray | null };
  if (spec.value !== undefined) return spec.value;
  const t = building?.[i];
  if (!building || building.length !== specs.length || !t || t.shape !== spec.shape || t.dtype !== spec.dtype) return null;
  return constantValue(t);
}

/** Input i's value as JS numbers when known at build time. */
export function knownInts(specs: readonly TensorSpec[], i: number): number[] | null {
  const v = knownValue(specs, i);
  return v ? Array.from(v.data as ArrayLike<number>) : null;
}

/**
 * TF's constant_value for the cases graphs here produce: a Const (possibly behind
 * Identity), or the Shape of a tensor whose static shape is fully known.
 */
export function constantValue(t: Tensor): NDArray | null {
  let src = t;
  while (src.op.type === 'Identity') src = src.op.inputs[0];
  if (src.op.type === 'Const') return src.op.attrs.value as NDArray;
  if (src.op.type === 'Shape') {
    const dims = fullyKnown(src.op.inputs[0].shape);
    if (dims) return NDArray.from(dims, src.dtype);
  }
  return null;
}

export function constantInts(t: Tensor): number[] | null {
  const v = constantValue(t);
  return v ? Array.from(v.data as ArrayLike<number>) : null;
}

/** The dims of a static shape when none is unknown. */
export function fullyKnown(shape: StaticShape): number[] | null {
  if (shape === null || shape.some((d) => d === null)) return null;
  return shape as number[];
}
