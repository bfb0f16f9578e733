import type { OpSpec } from '../../register_op';
import { isFloating } from '../../../framework/dtypes';
import * as m from '../../math_ops';

/**
 * Cast(x: SrcT) -> y: DstT: bool <-> numeric, float -> int truncating toward zero
 * (kernel: kernels/cpu/Cast.ts); to float16 rounds to the nearest half. Truncate (TF's
 * attr for rounding toward zero when narrowing a float) is accepted; the casts round to nearest.
 */
export const Cast: OpSpec = {
  name: 'Cast',
  inputs: [{ name: 'x', type_attr: 'SrcT' }],
  outputs: [{ name: 'y', type_attr: 'DstT' }],
  attrs: {
    SrcT: { type: 'type' },
    DstT: { type: 'type' },
    Truncate: { type: 'bool', default: false },
  },
  shape: ([x]) => ({ shape: x.shape }),
  // Only float-to-float casts carry a gradient, cast back to the source dtype (as TF1's _CastGrad).
  gradient: (op, [dy]) => {
    const src = op.inputs[0].dtype, dst = op.outputs[0].dtype;
    if (!isFloating(src) || !isFloating(dst)) return [null];
    return [src === dst ? dy : m.cast(dy!, src)];
  },
};
