import { NDArray } from '../../framework/ndarray';
import type { Tensor } from '../../framework/tensor';
import type { Graph } from '../../framework/graph';
import type { Operation } from '../../framework/operation';
import { mergeStatic } from '../../framework/shape_utils';
import { opRegistry } from '../../registry/op_registry';
import type { Attrs, StaticShape, TensorSpec } from '../../registry/op_registry';

/*
 * What shape inference knows about an input besides its dtype and static shape, for
 * the ops whose output shape depends on a small int operand (a perm, an axis, begin,
 * a shape). TF1's shape functions read such operands with input_tensor(i) and
 * input_tensors_as_shapes; here Graph.create_op hands over a Const input's value
 * (TensorSpec.value), and the op definitions read it only through this module.
 */

/**
 * A TensorSpec as createOp below may pass it: besides a value, what a shape operand
 * computed from another tensor's shape says (TF's input_tensors_as_shapes), e.g.
 * Shape(x) of an x of static shape [null, 10] describes the shape [null, 10].
 */
export interface KnownSpec extends TensorSpec { valueAsShape?: StaticShape }

/** The value of an input when the graph knows it while building, else null. */
export function knownValue(spec: TensorSpec): NDArray | null {
  return spec.value ?? null;
}

/** knownValue as JS numbers. */
export function knownInts(spec: TensorSpec): number[] | null {
  const v = spec.value;
  return v ? Array.from(v.data as ArrayLike<number>) : null;
}

/**
 * The shape described by a 1-D shape operand (Fill's dims, a random op's shape,
 * Conv2DBackpropInput's input_sizes, ...): its value when known, else what its
 * producer tells, else as many unknown dimensions as its length.
 */
export function shapeOperand(spec: TensorSpec): StaticShape {
  const value = knownInts(spec);
  if (value) return value;
  const partial = (spec as KnownSpec).valueAsShape;
  if (partial !== undefined) return partial;
  const len = spec.shape?.length === 1 ? spec.shape[0] : null;
  return len === null ? null : new Array<null>(len).fill(null);
}

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

function throughIdentity(t: Tensor): Tensor {
  let src = t;
  while (src.op.type === 'Identity') src = src.op.inputs[0];
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

/**
 * TF1's Tensor.set_shape: narrows t's static shape with what the caller knows and
 * shape inference could not see. It only fills in unknowns; a conflict is a ValueError.
 */
export function setShape(t: Tensor, shape: StaticShape): Tensor {
  if (shape === null) return t;
  (t as { shape: StaticShape }).shape = mergeStatic(t.shape, shape, `setting the shape of ${t.name}`);
  return t;
}

/**
 * tf.shape(t) as gradient functions build it, in t's graph: a Const when t's static
 * shape is fully known (so the shape of what is built from it is known too), else a
 * Shape op.
 */
export function shapeOf(t: Tensor): Tensor {
  const dims = fullyKnown(t.shape);
  if (dims) {
    const value = new NDArray(Int32Array.from(dims), [dims.length], 'int32');
    return t.graph.create_op('Const', [], { value, dtype: 'int32' }, 'Shape').outputs[0];
  }
  return t.graph.create_op('Shape', [t], { out_type: 'int32' }).outputs[0];
}

/**
 * Graph.create_op, with shape inference also seeing what constantValue and
 * constantPartialShape know of non-Const inputs (create_op passes Const values
 * only), as TF's shape refiner evaluates small constant subgraphs. The richer
 * inference runs first, under the name the op will get, so a shape error leaves
 * no half-built op; its shapes are then set on the op's outputs.
 */
export function createOp(g: Graph, type: string, inputs: Tensor[], attrs: Attrs = {}, name?: string | null): Operation {
  const enriched = inputs.map(knownSpec);
  const def = opRegistry().get(type);
  const arity = def.numInputs === undefined ? null : typeof def.numInputs === 'number' ? [def.numInputs, def.numInputs] : def.numInputs;
  const arityOk = arity === null || (inputs.length >= arity[0] && inputs.length <= arity[1]);
  if (!arityOk || enriched.every((s, i) => s === null || inputs[i].op.type === 'Const')) {
    return g.create_op(type, inputs, attrs, name);
  }
  const opName = name && name.endsWith('/') ? name.slice(0, -1) : g.unique_name(name || type, false);
  const refined = def.inferOutputs(enriched.map((s, i) => s ?? { dtype: inputs[i].dtype, shape: inputs[i].shape }), attrs, opName);
  const op = g.create_op(type, inputs, attrs, name);
  op.outputs.forEach((t, i) => setShape(t, refined[i].shape));
  return op;
}

/** createOp for the common single-output case, in the inputs' graph. */
export function addOp(type: string, inputs: Tensor[], attrs: Attrs = {}, name?: string | null): Tensor {
  return createOp(inputs[0].graph, type, inputs, attrs, name).outputs[0];
}

/** The spec createOp passes for an input when more than its dtype and shape is known, else null. */
function knownSpec(t: Tensor): KnownSpec | null {
  if (t.op.type === 'Const') return { dtype: t.dtype, shape: t.shape, value: t.op.attrs.value as NDArray };
  const value = constantValue(t);
  if (value) return { dtype: t.dtype, shape: t.shape, value };
  const valueAsShape = constantPartialShape(t);
  return valueAsShape === undefined ? null : { dtype: t.dtype, shape: t.shape, valueAsShape };
}
