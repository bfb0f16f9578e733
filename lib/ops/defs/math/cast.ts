import type { OpSpec } from '../../register_op';
import { isFloating } from '../../../framework/dtypes';
import * as m from '../../math_ops';

/**
 * Cast(x: SrcT) -> y: DstT: bool <-> numeric, float -> int truncating toward zero
 * (kernel: kernels/cpu/Cast.ts). A float narrowed to a smaller float (float64 to float32,
 * anything to float16) rounds to nearest even; Truncate, TF's attr for chopping the mantissa
 * there instead, is accepted and changes nothing here.
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
