import { Tensor } from '../framework/tensor';
import type { Operation } from '../framework/operation';
import type { StaticShape } from '../registry/op_registry';
import { makeOp } from './op_builder';
import { constant } from './array_ops';
import { setShape, constantValue } from './defs/known_inputs';
import { reduce_sum, reduce_any, cast, add, subtract, multiply, equal, less } from './math_ops';
import { reshape, shape as shapeOp, rank as rankOp, range, broadcast_to } from './shape_ops';

/*
 * Shape plumbing shared by gradient functions. Each helper works from static shapes
 * when they settle the question, and otherwise builds the same computation from
 * Shape ops at run time (as TF1 does), so graphs with an unknown batch size work.
 */

export function isFullyKnown(shape: StaticShape): shape is number[] {
  return shape !== null && shape.every((d) => d !== null);
}

function sameStatic(a: StaticShape, b: StaticShape): boolean {
  return isFullyKnown(a) && isFullyKnown(b) && a.length === b.length && a.every((d, i) => d === b[i]);
}

/** x's shape as an int32 vector: a constant when static, else a Shape op. */
export function shapeTensor(x: Tensor): Tensor {
  return isFullyKnown(x.shape) ? constant(Int32Array.from(x.shape), { dtype: 'int32', shape: [x.shape.length] }) : shapeOp(x);
}

/** Reshapes t to x's shape (the gradient of a reshape-like op). */
export function reshapeLike(t: Tensor, x: Tensor): Tensor {
  if (sameStatic(t.shape, x.shape)) return t;
  return setShape(reshape(t, shapeTensor(x)), x.shape);
}

/**
 * The axes along which an operand of static shape `x` was stretched to the broadcast
 * shape of x and `other`; null when static shapes cannot tell (an unknown dimension
 * of x facing a dimension of other that may be larger).
 */
function staticStretchedAxes(x: StaticShape, other: StaticShape): number[] | null {
  if (x === null || other === null) return null;
  const rank = Math.max(x.length, other.length);
  const axes: number[] = [];
  for (let i = 0; i < rank; i++) {
    const xi = i - (rank - x.length), oi = i - (rank - other.length);
    if (xi < 0) { axes.push(i); continue; }
    const xd = x[xi], od = oi >= 0 ? other[oi] : 1;
    if (xd === 1) axes.push(i); // harmless too when the result is 1 there
    else if (xd === null && od !== 1) return null;
  }
  return axes;
}

/**
 * Sums a gradient taken at the broadcast shape of x and `other` back to x's shape.
 * `stretched` gives the run-time reduction axes of x (from BroadcastGradientArgs).
 */
function reduceTo(grad: Tensor, x: Tensor, other: StaticShape, stretched: () => Tensor): Tensor {
  if (sameStatic(grad.shape, x.shape)) return grad;
  const axes = staticStretchedAxes(x.shape, other);
  if (axes !== null) {
    if (axes.length === 0) return grad;
    const leading = Math.max(x.shape!.length, other!.length) - x.shape!.length;
    // Summing away only the leading axes leaves x's shape; x's own size-1 axes need a reshape.
    if (axes.every((a) => a < leading)) return reduce_sum(grad, axes);
    if (isFullyKnown(x.shape)) return reshape(reduce_sum(grad, axes), x.shape);
  }
  return setShape(reshape(reduce_sum(grad, stretched()), shapeTensor(x)), x.shape);
}

/** Reduces `grad`, shaped like a broadcast result involving x, to x's shape (TF1's unbroadcast step). */
export function unbroadcast(grad: Tensor, x: Tensor): Tensor {
  return reduceTo(grad, x, grad.shape, () => makeOp('BroadcastGradientArgs', [shapeTensor(x), shapeTensor(grad)]).outputs[0]);
}

/**
 * The gradients of a broadcasting binary op: gx and gy are taken at the output's
 * shape and summed back to the shapes of x and y. In the dynamic case one
 * BroadcastGradientArgs op serves both.
 */
export function reduceBroadcastGradients(op: Operation, gx: Tensor | null, gy: Tensor | null): (Tensor | null)[] {
  const [x, y] = op.inputs;
  let args: Tensor[] | null = null;
  const stretched = (i: number) => () => {
    args ??= makeOp('BroadcastGradientArgs', [shapeTensor(x), shapeTensor(y)]).outputs;
    return args[i];
  };
  return [
    gx && reduceTo(gx, x, y.shape, stretched(0)),
    gy && reduceTo(gy, y, x.shape, stretched(1)),
  ];
}

/** A reduction's keep_dims shape, as a tensor and as far as it is statically known. */
export interface KeptShape { tensor: Tensor; static: StaticShape }

/**
 * x's shape with the reduced axes set to 1: the shape of a keep_dims reduction,
 * to which the gradient of a reduction is reshaped before broadcasting back.
 */
export function keptShape(x: Tensor, axes: Tensor): KeptShape {
  const constAxes = constantValue(axes);
  if (constAxes !== null && x.shape !== null) {
    const rank = x.shape.length;
    const reduced = x.shape.map((_, i) => Array.prototype.some.call(constAxes.data, (a: number) => (a < 0 ? a + rank : a) === i));
    const staticShape = x.shape.map((d, i) => (reduced[i] ? 1 : d));
    if (isFullyKnown(staticShape)) return { tensor: constant(Int32Array.from(staticShape), { dtype: 'int32', shape: [rank] }), static: staticShape };
    // kept = shape * keep + reduce, with constant 0/1 masks.
    const reduceMask = constant(Int32Array.from(reduced, (r) => (r ? 1 : 0)), { dtype: 'int32', shape: [rank] });
    const keepMask = constant(Int32Array.from(reduced, (r) => (r ? 0 : 1)), { dtype: 'int32', shape: [rank] });
    return { tensor: add(multiply(shapeOp(x), keepMask), reduceMask), static: staticShape };
  }
  // Axes or rank unknown until run time: mark the reduced positions with a [rank, numAxes] table.
  const shape = shapeOp(x);
  const r = rankOp(x);
  const positions = reshape(range(0, r, 1), [-1, 1]);
  // Negative axes count from the end. TF1 writes (axes + rank) % rank, which a rank-0 input
  // (a placeholder of unknown shape fed a number) turns into a modulo by zero over no axes;
  // adding rank where an axis is negative needs no division.
  const intAxes = cast(axes, 'int32');
  const normAxes = reshape(add(intAxes, multiply(cast(less(intAxes, 0), 'int32'), r)), [1, -1]);
  const reduced = cast(reduce_any(equal(positions, normAxes), 1), 'int32');
  const kept = add(subtract(shape, multiply(shape, reduced)), reduced);
  return { tensor: kept, static: x.shape === null ? null : x.shape.map(() => null) };
}

/** Reshapes a reduction's output (or its gradient) to the keep_dims shape, unless it already has it. */
export function toKeptShape(t: Tensor, reduction: Operation, kept: KeptShape): Tensor {
  if (reduction.attrs.keep_dims || sameStatic(t.shape, kept.static)) return t;
  return setShape(reshape(t, kept.tensor), kept.static);
}

/** Broadcasts t to x's shape (the gradient of a reduction), skipping the op when shapes already agree. */
export function broadcastLike(t: Tensor, x: Tensor): Tensor {
  if (sameStatic(t.shape, x.shape)) return t;
  return setShape(broadcast_to(t, shapeTensor(x)), x.shape);
}
