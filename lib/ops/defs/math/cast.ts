import type { OpSpec } from '../../register_op';

/**
 * Cast(x: SrcT) -> y: DstT: bool <-> numeric, float -> int truncating toward zero
 * (kernel: kernels/cpu/Cast.ts). Truncate, TF's choice to truncate rather than round
 * when narrowing a float, changes nothing here: float32 is the one float dtype.
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
  // Only float-to-float casts carry a gradient (float32 is the one float dtype, so it passes through).
  gradient: (op, [dy]) => {
    const src = op.inputs[0].dtype, dst = op.outputs[0].dtype;
    return src === 'float32' && dst === 'float32' ? [dy] : [null];
  },
};
