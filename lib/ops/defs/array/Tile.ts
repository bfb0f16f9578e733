import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { knownInts, constantInts, fullyKnown, shapeOf } from '../known_inputs';
import { requireRank, unknownDims } from './checks';
import { stack, transpose } from '../../array_ops';
import { range } from '../../shape_ops';
import { makeOp1 } from '../../op_builder';
import { castInt32, indices, reshapeTo } from './graph_helpers';
import { hasGradient } from '../../../framework/dtypes';

/** Repeats the input multiples[i] times along each dimension i (kernel: kernels/cpu/Tile.ts). */
export const Tile: OpSpec = {
  name: 'Tile',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'multiples', type_attr: 'Tmultiples' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    T: { type: 'type' },
    Tmultiples: indexTypeAttr(),
  },
  shape: (specs, _attrs, opName) => {
    const [x, multiples] = specs;
    requireRank(multiples, 1, 'multiples', opName, 'Tile');
    const rank = x.shape?.length ?? multiples.shape?.[0] ?? null;
    if (rank === null) return { shape: null };
    const m = knownInts(multiples);
    if (m !== null && m.length !== rank) {
      throw new ValueError(`Tile '${opName}': multiples [${m}] has ${m.length} entries for an input of rank ${rank} ` +
        `(shape ${shapeToString(x.shape)})`);
    }
    if (m !== null && m.some((v) => v < 0)) throw new ValueError(`Tile '${opName}': multiples [${m}] must be non-negative`);
    const dims = x.shape ?? unknownDims(rank);
    return { shape: dims.map((d, i) => (d === null || m === null ? null : d * m[i])) };
  },
  // Viewing dy as [m0, d0, m1, d1, ...], each tile is one index of the even axes: sum them.
  gradient: (op, [dy]) => {
    const [x, multiples] = op.inputs;
    if (!hasGradient(x.dtype)) return [null, null];
    const m = constantInts(multiples);
    const dims = fullyKnown(x.shape);
    const rank = x.shape?.length ?? null;
    const splitShape = m && dims
      ? m.flatMap((v, i) => [v, dims[i]])
      : reshapeTo(transpose(stack([castInt32(multiples), shapeOf(x)]), [1, 0]), [-1]);
    const axes = rank !== null
      ? Array.from({ length: rank }, (_, i) => 2 * i)
      : range(0, makeOp1('Size', [splitShape], { out_type: 'int32' }), 2);
    const summed = makeOp1('Sum', [reshapeTo(dy!, splitShape), indices(axes, x.graph)], { keep_dims: false });
    // Sum's static shape is unknown when the axes are not constants; restore the input's.
    return [dims ? summed : reshapeTo(summed, shapeOf(x)), null];
  },
};

