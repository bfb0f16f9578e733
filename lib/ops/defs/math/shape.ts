import type { OpSpec } from '../../register_op';
import type { TensorSpec } from '../../../registry/op_registry';
import { NDArray, formatShape } from '../../../framework/ndarray';
import { as_dtype, typedArrayFor } from '../../../framework/dtypes';
import { InvalidArgumentError, ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { broadcastToKernel } from '../../../../kernels/cpu/elementwise';
import {
  reshapeKernel, dimsFrom, fillKernel, rangeKernel, rangeSize, broadcastGradientArgs,
} from '../../../../kernels/cpu/shape';
import { requireDType, INTEGERS, NUMERIC } from './checks';
import { knownInts, shapeOperand } from '../known_inputs';
import { reshapeStaticShape, broadcastToStatic } from './static_shapes';
import { reduce_sum } from '../../math_ops';
import { reshapeLike, unbroadcast } from '../../gradient_utils';

/* Ops about shapes: Shape, Size, Rank, Reshape, Fill, ZerosLike, OnesLike, BroadcastTo, BroadcastGradientArgs, Range. */

function outType(attrs: Record<string, any>, opType: string, opName: string) {
  const t = as_dtype(attrs.out_type ?? 'int32');
  if (t !== 'int32' && t !== 'int64') throw new ValueError(`'${opName}' (${opType}): out_type must be int32 or int64, got ${t}`);
  return t;
}

export const Shape: OpSpec = {
  name: 'Shape',
  inputs: 1,
  outputs: ([x], attrs, opName) => ({ dtype: outType(attrs, 'Shape', opName), shape: [x.shape === null ? null : x.shape.length] }),
  cpu: ([x], ctx) => {
    const t = outType(ctx.attrs, 'Shape', ctx.op.name);
    const data = typedArrayFor(t, x.rank);
    for (let i = 0; i < x.rank; i++) data[i] = x.shape[i];
    return new NDArray(data, [x.rank], t);
  },
  gradient: null,
};

export const Size: OpSpec = {
  name: 'Size',
  inputs: 1,
  outputs: (_i, attrs, opName) => ({ dtype: outType(attrs, 'Size', opName), shape: [] }),
  cpu: ([x], ctx) => NDArray.scalar(x.size, outType(ctx.attrs, 'Size', ctx.op.name)),
  gradient: null,
};

export const Rank: OpSpec = {
  name: 'Rank',
  inputs: 1,
  outputs: () => ({ dtype: 'int32', shape: [] }),
  cpu: ([x]) => NDArray.scalar(x.rank, 'int32'),
  gradient: null,
};

function requireVector(spec: TensorSpec, opType: string, opName: string, what: string): void {
  requireDType(opType, opName, spec, INTEGERS, what);
  if (spec.shape !== null && spec.shape.length !== 1) {
    throw new ValueError(`Shape must be rank 1 but is rank ${spec.shape.length} for '${what}' of '${opName}' (op: '${opType}')`);
  }
}

export const Reshape: OpSpec = {
  name: 'Reshape',
  inputs: 2,
  outputs: ([x, shape], _attrs, opName) => {
    requireVector(shape, 'Reshape', opName, 'shape');
    const target = knownInts(shape);
    // A target known only in part (Shape(y), a Pack of scalars) gives the dimensions it knows.
    return { dtype: x.dtype, shape: target ? reshapeStaticShape(x.shape, target, opName) : shapeOperand(shape) };
  },
  cpu: ([x, shape], ctx) => reshapeKernel(x, shape, ctx.op.name),
  gradient: (op, [dy]) => [reshapeLike(dy!, op.inputs[0]), null],
};

export const Fill: OpSpec = {
  name: 'Fill',
  inputs: 2,
  outputs: ([dims, value], _attrs, opName) => {
    requireVector(dims, 'Fill', opName, 'dims');
    if (value.shape !== null && value.shape.length !== 0) {
      throw new ValueError(`Fill '${opName}': value must be a scalar, got shape ${shapeToString(value.shape)}`);
    }
    const shape = shapeOperand(dims);
    if (shape?.some((d) => d !== null && d < 0)) throw new ValueError(`Fill '${opName}': dims [${shape}] must be non-negative`);
    return { dtype: value.dtype, shape };
  },
  cpu: ([dims, value], ctx) => {
    if (value.rank !== 0) throw new InvalidArgumentError(`value must be a scalar, got shape ${formatShape(value.shape)} in '${ctx.op.name}'`, ctx.op.name);
    return fillKernel(ctx, dimsFrom(dims, ctx.op.name, 'dims'), value.data[0], value.dtype);
  },
  // The output is the value repeated: its gradient is the sum of dy.
  gradient: (_op, [dy]) => [null, reduce_sum(dy!)],
};

export const ZerosLike: OpSpec = {
  name: 'ZerosLike',
  inputs: 1,
  outputs: ([x]) => x,
  cpu: ([x]) => NDArray.zeros(x.shape, x.dtype),
  gradient: null,
};

export const OnesLike: OpSpec = {
  name: 'OnesLike',
  inputs: 1,
  outputs: ([x]) => x,
  cpu: ([x], ctx) => fillKernel(ctx, x.shape, 1, x.dtype),
  gradient: null,
};

export const BroadcastTo: OpSpec = {
  name: 'BroadcastTo',
  inputs: 2,
  outputs: ([x, shape], _attrs, opName) => {
    requireVector(shape, 'BroadcastTo', opName, 'shape');
    return { dtype: x.dtype, shape: broadcastToStatic(x.shape, shapeOperand(shape), opName) };
  },
  cpu: ([x, shape], ctx) => {
    const target = dimsFrom(shape, ctx.op.name, 'shape');
    const off = target.length - x.rank;
    if (off < 0 || x.shape.some((d, i) => d !== 1 && d !== target[i + off])) {
      throw new InvalidArgumentError(`Incompatible shapes: ${formatShape(x.shape)} cannot be broadcast to ` +
        `${formatShape(target)} in '${ctx.op.name}'`, ctx.op.name);
    }
    return broadcastToKernel(ctx, x, target);
  },
  gradient: (op, [dy]) => [unbroadcast(dy!, op.inputs[0]), null],
};

export const BroadcastGradientArgs: OpSpec = {
  name: 'BroadcastGradientArgs',
  inputs: 2,
  outputs: ([s0, s1], _attrs, opName) => {
    requireVector(s0, 'BroadcastGradientArgs', opName, 's0');
    requireVector(s1, 'BroadcastGradientArgs', opName, 's1');
    return [{ dtype: s0.dtype, shape: [null] }, { dtype: s0.dtype, shape: [null] }];
  },
  cpu: ([s0, s1], ctx) => broadcastGradientArgs(s0.data, s1.data, ctx.op.name),
  gradient: null,
};

export const Range: OpSpec = {
  name: 'Range',
  inputs: 3,
  outputs: ([start, limit, delta], _attrs, opName) => {
    for (const [spec, what] of [[start, 'start'], [limit, 'limit'], [delta, 'delta']] as const) {
      requireDType('Range', opName, spec, NUMERIC, what);
      if (spec.dtype !== start.dtype) throw new ValueError(`Range '${opName}': ${what} has dtype ${spec.dtype}, start has ${start.dtype}`);
      if (spec.shape !== null && spec.shape.length !== 0) throw new ValueError(`Range '${opName}': ${what} must be a scalar, got ${shapeToString(spec.shape)}`);
    }
    const [a, b, c] = [knownInts(start), knownInts(limit), knownInts(delta)];
    const n = a && b && c ? rangeSize(a[0], b[0], c[0], opName, (msg) => new ValueError(msg)) : null;
    return { dtype: start.dtype, shape: [n] };
  },
  cpu: ([start, limit, delta], ctx) => rangeKernel(ctx, start.data[0], limit.data[0], delta.data[0], start.dtype, ctx.op.name),
  gradient: null,
};

export const SHAPE_OPS: OpSpec[] = [Shape, Size, Rank, Reshape, Fill, ZerosLike, OnesLike, BroadcastTo, BroadcastGradientArgs, Range];
