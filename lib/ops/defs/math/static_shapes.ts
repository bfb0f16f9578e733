import type { StaticShape } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { formatShape } from '../../../framework/ndarray';
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
