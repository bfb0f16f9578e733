import { ALL, indexTypeAttr, typeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import type { TensorSpec, StaticShape } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { sizeOf } from '../../../framework/ndarray';
import { shapeToString, broadcastStatic } from '../../../framework/shape_utils';
import { resolveReshape, rangeSize } from '../../../framework/shape_rules';
import { knownInts, shapeOperand } from '../known_inputs';
import { reduce_sum } from '../../math_ops';
import { reshapeLike, unbroadcast } from '../../gradient_utils';

/*
 * Ops about shapes (array ops in TF's sense): Shape, Size, Rank, Reshape, Fill,
 * ZerosLike, OnesLike, BroadcastTo, BroadcastGradientArgs, Range.
 * Kernels: kernels/cpu/shape.ts.
 */


function requireVector(spec: TensorSpec, opType: string, opName: string, what: string): void {
  if (spec.shape !== null && spec.shape.length !== 1) {
    throw new ValueError(`Shape must be rank 1 but is rank ${spec.shape.length} for '${what}' of '${opName}' (op: '${opType}')`);
  }
}

/** Reshape's static shape for a constant target: -1 is resolved when the input's size is known (and checked against it). */
function reshapeStaticShape(input: StaticShape, target: ArrayLike<number>, opName: string): StaticShape {
  const dims = Array.from(target);
  if (input !== null && input.every((d) => d !== null)) {
    return resolveReshape(sizeOf(input as number[]), dims, () => `${shapeToString(input)} for '${opName}' (op: 'Reshape')`,
      (msg) => new ValueError(msg));
  }
  if (dims.filter((d) => d === -1).length > 1) throw new ValueError(`Only one input size may be -1 in the target shape [${dims}] of '${opName}'`);
  if (dims.some((d) => d < -1 || !Number.isInteger(d))) throw new ValueError(`Invalid target shape [${dims}] for '${opName}'`);
  return dims.map((d) => (d === -1 ? null : d));
}

/** Static check that `from` broadcasts to exactly `to` (not merely with it). */
function broadcastToStatic(from: StaticShape, to: StaticShape, opName: string): StaticShape {
  if (from === null || to === null) return to;
  const fail = () => new ValueError(`Shape ${shapeToString(from)} of the input of '${opName}' (op: 'BroadcastTo') ` +
    `cannot be broadcast to ${shapeToString(to)}`);
  if (from.length > to.length) throw fail();
  broadcastStatic(from, to, opName, 'BroadcastTo');
  from.forEach((d, i) => {
    const t = to[i + to.length - from.length];
    if (d !== null && d !== 1 && t !== null && d !== t) throw fail();
  });
  return to;
}

export const Shape: OpSpec = {
  name: 'Shape',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'out_type' }],
  attrs: { T: { type: 'type' }, out_type: indexTypeAttr() },
  shape: ([x]) => ({ shape: [x.shape === null ? null : x.shape.length] }),
  gradient: null,
};

export const Size: OpSpec = {
  name: 'Size',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'out_type' }],
  attrs: { T: { type: 'type' }, out_type: indexTypeAttr() },
  shape: () => ({ shape: [] }),
  gradient: null,
};

export const Rank: OpSpec = {
  name: 'Rank',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type: 'int32' }],
  attrs: { T: { type: 'type' } },
  shape: () => ({ shape: [] }),
  gradient: null,
};

export const Reshape: OpSpec = {
  name: 'Reshape',
  inputs: [{ name: 'tensor', type_attr: 'T' }, { name: 'shape', type_attr: 'Tshape' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' }, Tshape: indexTypeAttr() },
  shape: ([x, shape], _attrs, opName) => {
    requireVector(shape, 'Reshape', opName, 'shape');
    const target = knownInts(shape);
    // A target known only in part (Shape(y), a Pack of scalars) gives the dimensions it knows.
    return { shape: target ? reshapeStaticShape(x.shape, target, opName) : shapeOperand(shape) };
  },
  gradient: (op, [dy]) => [reshapeLike(dy!, op.inputs[0]), null],
};

export const Fill: OpSpec = {
  name: 'Fill',
  inputs: [{ name: 'dims', type_attr: 'index_type' }, { name: 'value', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' }, index_type: indexTypeAttr() },
  shape: ([dims, value], _attrs, opName) => {
    requireVector(dims, 'Fill', opName, 'dims');
    if (value.shape !== null && value.shape.length !== 0) {
      throw new ValueError(`Fill '${opName}': value must be a scalar, got shape ${shapeToString(value.shape)}`);
    }
    const shape = shapeOperand(dims);
    if (shape?.some((d) => d !== null && d < 0)) throw new ValueError(`Fill '${opName}': dims [${shape}] must be non-negative`);
    return { shape };
  },
  // The output is the value repeated: its gradient is the sum of dy.
  gradient: (_op, [dy]) => [null, reduce_sum(dy!)],
};

export const ZerosLike: OpSpec = {
  name: 'ZerosLike',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: { type: 'type' } },
  shape: ([x]) => ({ shape: x.shape }),
  gradient: null,
};

export const OnesLike: OpSpec = {
  name: 'OnesLike',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: typeAttr(ALL) },
  shape: ([x]) => ({ shape: x.shape }),
  gradient: null,
};

export const BroadcastTo: OpSpec = {
  name: 'BroadcastTo',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'shape', type_attr: 'Tidx' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' }, Tidx: indexTypeAttr() },
  shape: ([x, shape], _attrs, opName) => {
    requireVector(shape, 'BroadcastTo', opName, 'shape');
    return { shape: broadcastToStatic(x.shape, shapeOperand(shape), opName) };
  },
  gradient: (op, [dy]) => [unbroadcast(dy!, op.inputs[0]), null],
};

export const BroadcastGradientArgs: OpSpec = {
  name: 'BroadcastGradientArgs',
  inputs: [{ name: 's0', type_attr: 'T' }, { name: 's1', type_attr: 'T' }],
  outputs: [{ name: 'r0', type_attr: 'T' }, { name: 'r1', type_attr: 'T' }],
  attrs: { T: indexTypeAttr() },
  shape: ([s0, s1], _attrs, opName) => {
    requireVector(s0, 'BroadcastGradientArgs', opName, 's0');
    requireVector(s1, 'BroadcastGradientArgs', opName, 's1');
    return [{ shape: [null] }, { shape: [null] }];
  },
  gradient: null,
};

export const Range: OpSpec = {
  name: 'Range',
  inputs: [{ name: 'start', type_attr: 'Tidx' }, { name: 'limit', type_attr: 'Tidx' }, { name: 'delta', type_attr: 'Tidx' }],
  outputs: [{ name: 'output', type_attr: 'Tidx' }],
  // TF's list has more floats and ints; ours are the three we have (not uint8, which TF's lacks).
  attrs: { Tidx: { type: 'type', allowed_values: ['float32', 'int32', 'int64'], default: 'int32' } },
  shape: ([start, limit, delta], _attrs, opName) => {
    for (const [spec, what] of [[start, 'start'], [limit, 'limit'], [delta, 'delta']] as const) {
      if (spec.shape !== null && spec.shape.length !== 0) throw new ValueError(`Range '${opName}': ${what} must be a scalar, got ${shapeToString(spec.shape)}`);
    }
    const [a, b, c] = [knownInts(start), knownInts(limit), knownInts(delta)];
    const n = a && b && c ? rangeSize(a[0], b[0], c[0], opName, (msg) => new ValueError(msg)) : null;
    return { shape: [n] };
  },
  gradient: null,
};

export const SHAPE_OPS: OpSpec[] = [Shape, Size, Rank, Reshape, Fill, ZerosLike, OnesLike, BroadcastTo, BroadcastGradientArgs, Range];
