import type { OpSpec } from '../../register_op';
import type { Tensor } from '../../../framework/tensor';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { NUMERIC, indexTypeAttr, typeAttr } from '../type_attrs';
import type { StaticShape, TensorSpec } from '../../../registry/op_registry';
import { knownInts, setShape } from '../known_inputs';
import { indices as intConst, reshapeTo } from '../array/graph_helpers';
import { makeOp1 } from '../../op_builder';
import { dimsCompatible } from './checks';

/**
 * Sums of data's slices per segment id into num_segments rows (tf.unsorted_segment_sum;
 * kernel: kernels/cpu/UnsortedSegmentSum.ts). Output shape: [num_segments] +
 * data.shape[segment_ids.rank:]. A negative id drops its slice, as in TF.
 */
export const UnsortedSegmentSum: OpSpec = {
  name: 'UnsortedSegmentSum',
  inputs: [
    { name: 'data', type_attr: 'T' }, { name: 'segment_ids', type_attr: 'Tindices' },
    { name: 'num_segments', type_attr: 'Tnumsegments' },
  ],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: typeAttr(NUMERIC), Tindices: indexTypeAttr(null), Tnumsegments: indexTypeAttr() },
  shape: (specs, _attrs, opName) => {
    const [data, ids, num] = specs;
    if (num.shape !== null && num.shape.length !== 0) {
      throw new ValueError(`Shape must be rank 0 but is rank ${num.shape.length} for '${opName}' (op: 'UnsortedSegmentSum') (num_segments)`);
    }
    const rows = knownInts(num)?.[0] ?? null;
    return { shape: segmentedShape(data, ids, rows, opName, 'UnsortedSegmentSum') };
  },
  gradient: (op, [dy]) => [gatherDropNegatives(dy!, op.inputs[1]), null, null],
};

/**
 * Sums of data's slices per segment of sorted ids (tf.math.segment_sum; kernel:
 * kernels/cpu/UnsortedSegmentSum.ts): the output has max(id) + 1 rows.
 */
export const SegmentSum: OpSpec = {
  name: 'SegmentSum',
  inputs: [{ name: 'data', type_attr: 'T' }, { name: 'segment_ids', type_attr: 'Tindices' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: typeAttr(NUMERIC), Tindices: indexTypeAttr(null) },
  shape: ([data, ids], _attrs, opName) => {
    if (ids.shape !== null && ids.shape.length !== 1) {
      throw new ValueError(`Shape must be rank 1 but is rank ${ids.shape.length} for '${opName}' (op: 'SegmentSum') (segment_ids has shape ${shapeToString(ids.shape)}).`);
    }
    return { shape: segmentedShape(data, ids, null, opName, 'SegmentSum') };
  },
  gradient: (op, [dy]) => [op.inputs[0].dtype === 'float32' ? makeOp1('GatherV2', [dy!, op.inputs[1], intConst(0, dy!.graph)]) : null, null],
};

/** [rows] + data.shape[ids.rank:], after checking that data's shape starts with the ids'. */
function segmentedShape(data: TensorSpec, ids: TensorSpec, rows: number | null, opName: string, opType: string): StaticShape {
  if (data.shape === null || ids.shape === null) return null;
  const fits = ids.shape.length <= data.shape.length && ids.shape.every((d, i) => dimsCompatible(d, data.shape![i]));
  if (!fits) {
    throw new ValueError(`${opType} '${opName}': data.shape = ${shapeToString(data.shape)} does not start with ` +
      `segment_ids.shape = ${shapeToString(ids.shape)}`);
  }
  return [rows, ...data.shape.slice(ids.shape.length)];
}

/**
 * dy's rows gathered by ids, zero where an id is negative (those slices were dropped):
 * gathered at max(id, 0), then multiplied by a 0/1 mask shaped ids.shape + [1, ...].
 */
function gatherDropNegatives(dy: Tensor, ids: Tensor): Tensor | null {
  if (dy.dtype !== 'float32') return null;
  const g = dy.graph;
  const zero = makeOp1('Cast', [intConst(0, g)], { DstT: ids.dtype });
  const gathered = makeOp1('GatherV2', [dy, makeOp1('Maximum', [ids, zero]), intConst(0, g)]);
  const keep = makeOp1('Cast', [makeOp1('GreaterEqual', [ids, zero])], { DstT: 'float32' });
  const extraRank = makeOp1('Sub', [makeOp1('Rank', [gathered]), makeOp1('Rank', [ids])]);
  const ones = makeOp1('Fill', [makeOp1('ExpandDims', [extraRank, intConst(0, g)]), intConst(1, g)]);
  const maskShape = makeOp1('ConcatV2', [makeOp1('Shape', [ids], { out_type: 'int32' }), ones, intConst(0, g)]);
  return setShape(makeOp1('Mul', [gathered, reshapeTo(keep, maskShape)]), gathered.shape);
}
