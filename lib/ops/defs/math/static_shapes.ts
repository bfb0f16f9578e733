import type { StaticShape } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { sizeOf, formatShape } from '../../../framework/ndarray';
import { shapeToString, broadcastStatic } from '../../../framework/shape_utils';
import { resolveReshape } from '../../../../kernels/cpu/shape';
import { normalizeReductionAxes } from '../../../framework/shape_rules';

/* Static shape rules that need an input's constant value (see ../known_inputs). */

/** Static output shape of a reduction (TF1's ReductionShape); `axes` null when not constant. */
export function reductionStaticShape(input: StaticShape, axes: ArrayLike<number> | null, keepDims: boolean, opName: string): StaticShape {
  if (input === null) return null;
  if (axes === null) return keepDims ? input.map(() => null) : null;
  const norm = normalizeReductionAxes(axes, input.length, opName, (msg) => new ValueError(msg));
  const out: (number | null)[] = [];
  input.forEach((d, i) => {
    if (!norm.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/** Reshape's static shape for a constant target: -1 is resolved when the input's size is known (and checked against it). */
export function reshapeStaticShape(input: StaticShape, target: ArrayLike<number>, opName: string): StaticShape {
  const dims = Array.from(target);
  if (input !== null && input.every((d) => d !== null)) {
    return resolveReshape(sizeOf(input as number[]), dims, () => `${shapeToString(input)} for '${opName}' (op: 'Reshape')`,
      (msg) => new ValueError(msg));
  }
  if (dims.filter((d) => d === -1).length > 1) throw new ValueError(`Only one input size may be -1 in the target shape [${dims}] of '${opName}'`);
  if (dims.some((d) => d < -1 || !Number.isInteger(d))) throw new ValueError(`Invalid target shape [${dims}] for '${opName}'`);
  return dims.map((d) => (d === -1 ? null : d));
}

/** ArgMax/ArgMin's static shape for a constant axis: the input's without that axis (which must not be empty). */
export function argReductionStaticShape(input: StaticShape, axisValues: ArrayLike<number>, opName: string, opType: string): StaticShape {
  if (input === null) return null;
  const rank = input.length;
  const axis = axisValues[0];
  if (axisValues.length !== 1 || !(axis >= -rank && axis < rank)) {
    throw new ValueError(`Expected dimension in the range [${-rank}, ${rank}), but got ${Array.from(axisValues)} for '${opName}' (op: '${opType}')`);
  }
  const a = axis < 0 ? axis + rank : axis;
  if (input[a] === 0) throw new ValueError(`Reduction axis ${axis} is empty in shape ${formatShape(input)} for '${opName}' (op: '${opType}')`);
  return input.filter((_, i) => i !== a);
}

/** Static check that `from` broadcasts to exactly `to` (not merely with it). */
export function broadcastToStatic(from: StaticShape, to: StaticShape, opName: string): StaticShape {
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

