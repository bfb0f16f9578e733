import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import type { TensorSpec, StaticShape } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { resolveStridedSlice, stridedSliceMasks } from '../../../framework/strided_slice_rules';
import { knownInts, shapeOf, shapeOperand } from '../known_inputs';
import { requireRank } from './checks';
import { makeOp1 } from '../../op_builder';

/*
 * StridedSlice (Python's t[b:e:s, ...], tf.strided_slice) and its gradient op.
 * Mask semantics: lib/framework/strided_slice_rules.ts; kernels: kernels/cpu/StridedSlice.ts.
 */

const MASK_ATTRS = {
  begin_mask: { type: 'int', default: 0 },
  end_mask: { type: 'int', default: 0 },
  ellipsis_mask: { type: 'int', default: 0 },
  new_axis_mask: { type: 'int', default: 0 },
  shrink_axis_mask: { type: 'int', default: 0 },
} as const;

/** The static output shape, when the strides are known while building (else unknown); begin and end may be unknown. */
function sliceShape(input: StaticShape, specs: TensorSpec[], attrs: Record<string, any>, opName: string, opType: string): StaticShape {
  const [b, e, s] = specs;
  for (const [spec, what] of [[b, 'begin'], [e, 'end'], [s, 'strides']] as const) requireRank(spec, 1, what, opName, opType);
  const begin = knownInts(b), end = knownInts(e), strides = knownInts(s);
  if (input === null || strides === null) return null;
  const fail = (msg: string) => new ValueError(`${msg} for '${opName}' (op: '${opType}')`);
  return resolveStridedSlice(input, begin, end, strides, stridedSliceMasks(attrs), fail).finalShape;
}

export const StridedSlice: OpSpec = {
  name: 'StridedSlice',
  inputs: [
    { name: 'input', type_attr: 'T' }, { name: 'begin', type_attr: 'Index' },
    { name: 'end', type_attr: 'Index' }, { name: 'strides', type_attr: 'Index' },
  ],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' }, Index: indexTypeAttr(null), ...MASK_ATTRS },
  shape: ([x, ...rest], attrs, opName) => ({ shape: sliceShape(x.shape, rest, attrs, opName, 'StridedSlice') }),
  // dy goes back to the positions it was read from; everything else gets zero.
  gradient: (op, [dy]) => {
    const [x, begin, end, strides] = op.inputs;
    if (x.dtype !== 'float32') return [null, null, null, null];
    const shape = begin.dtype === 'int32' ? shapeOf(x) : makeOp1('Cast', [shapeOf(x)], { DstT: begin.dtype });
    const masks = stridedSliceMasks(op.attrs);
    return [makeOp1('StridedSliceGrad', [shape, begin, end, strides, dy!], { ...masks }), null, null, null];
  },
};

/** The gradient of StridedSlice: dy written into zeros of the input's `shape` at the sliced positions. */
export const StridedSliceGrad: OpSpec = {
  name: 'StridedSliceGrad',
  inputs: [
    { name: 'shape', type_attr: 'Index' }, { name: 'begin', type_attr: 'Index' },
    { name: 'end', type_attr: 'Index' }, { name: 'strides', type_attr: 'Index' }, { name: 'dy', type_attr: 'T' },
  ],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' }, Index: indexTypeAttr(null), ...MASK_ATTRS },
  shape: ([shape, ...rest], attrs, opName) => {
    requireRank(shape, 1, 'shape', opName, 'StridedSliceGrad');
    const out = shapeOperand(shape);
    sliceShape(out, rest.slice(0, 3), attrs, opName, 'StridedSliceGrad');
    return { shape: out };
  },
  // Linear in dy: its gradient is the same slice of the incoming gradient.
  gradient: (op, [g]) => {
    const [, begin, end, strides] = op.inputs;
    return [null, null, null, null, makeOp1('StridedSlice', [g!, begin, end, strides], { ...stridedSliceMasks(op.attrs) })];
  },
};
