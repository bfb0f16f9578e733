import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { Tensor } from '../../../framework/tensor';
import { knownInts, constantInts, fullyKnown, shapeOf } from '../known_inputs';
import { requireRank, unknownDims } from './checks';
import { pad, stack } from '../../array_ops';
import { makeOp1 } from '../../op_builder';
import { castInt32 } from './graph_helpers';
import { hasGradient } from '../../../framework/dtypes';

/** The box of `input` starting at `begin` with extent `size` (-1: to the end of that dimension; kernel: kernels/cpu/Slice.ts). */
export const Slice: OpSpec = {
  name: 'Slice',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'begin', type_attr: 'Index' }, { name: 'size', type_attr: 'Index' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    T: { type: 'type' },
    Index: indexTypeAttr(null),
  },
  shape: (specs, _attrs, opName) => {
    const [x, beginSpec, sizeSpec] = specs;
    for (const [spec, what] of [[beginSpec, 'begin'], [sizeSpec, 'size']] as const) requireRank(spec, 1, what, opName, 'Slice');
    const rank = x.shape?.length ?? beginSpec.shape?.[0] ?? sizeSpec.shape?.[0] ?? null;
    if (rank === null) return { shape: null };
    const begin = knownInts(beginSpec), size = knownInts(sizeSpec);
    for (const [v, what] of [[begin, 'begin'], [size, 'size']] as const) {
      if (v !== null && v.length !== rank) {
        throw new ValueError(`Slice '${opName}': ${what} has ${v.length} entries for an input of rank ${rank} (shape ${shapeToString(x.shape)})`);
      }
    }
    const dims = x.shape ?? unknownDims(rank);
    const out = dims.map((d, i) => {
      const b = begin?.[i] ?? null, s = size?.[i] ?? null;
      if (b !== null && b < 0) throw new ValueError(`Slice '${opName}': begin[${i}] = ${b} is negative`);
      if (s !== null && s < -1) throw new ValueError(`Slice '${opName}': size[${i}] = ${s} must be -1 or non-negative`);
      if (d !== null && b !== null && (b > d || (s !== null && s !== -1 && b + s > d))) {
        throw new ValueError(`Slice '${opName}': begin[${i}] = ${b} with size[${i}] = ${s} is out of bounds ` +
          `for dimension ${i} of input shape ${shapeToString(x.shape)}`);
      }
      if (s !== null && s !== -1) return s;
      return s === -1 && d !== null && b !== null ? d - b : null;
    });
    return { shape: out };
  },
  // The gradient is dy put back in place: padded by begin before and the remainder after.
  gradient: (op, [dy]) => {
    const [x, beginT] = op.inputs;
    if (!hasGradient(x.dtype)) return [null, null, null];
    const begin = constantInts(beginT);
    const xDims = fullyKnown(x.shape), outDims = fullyKnown(op.outputs[0].shape);
    let paddings: Tensor | number[][];
    if (begin && xDims && outDims) {
      paddings = begin.map((b, i) => [b, xDims[i] - b - outDims[i]]);
    } else {
      const b = castInt32(beginT);
      const after = makeOp1('Sub', [makeOp1('Sub', [shapeOf(x), b]), shapeOf(op.outputs[0])]);
      paddings = stack([b, after], 1);
    }
    return [pad(dy!, paddings), null, null];
  },
};
