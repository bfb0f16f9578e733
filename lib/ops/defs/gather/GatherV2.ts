import type { OpSpec } from '../../register_op';
import type { Tensor } from '../../../framework/tensor';
import { ValueError } from '../../../framework/errors';
import { ALL, indexTypeAttr, typeAttr } from '../type_attrs';
import { constantInts, knownInts, setShape, shapeOf } from '../known_inputs';
import { indices as intConst, reshapeTo } from '../array/graph_helpers';
import { makeOp1 } from '../../op_builder';
import { requireRankAtLeast, withInputShapes } from './checks';

/**
 * Slices of params along `axis` picked by indices (tf.gather; kernel: kernels/cpu/GatherV2.ts).
 * Output shape: params.shape[:axis] + indices.shape + params.shape[axis+1:].
 * Only batch_dims = 0, the value every TF1 release's tf.gather uses.
 */
export const GatherV2: OpSpec = {
  name: 'GatherV2',
  inputs: [{ name: 'params', type_attr: 'Tparams' }, { name: 'indices', type_attr: 'Tindices' }, { name: 'axis', type_attr: 'Taxis' }],
  outputs: [{ name: 'output', type_attr: 'Tparams' }],
  attrs: {
    batch_dims: { type: 'int', default: 0 },
    Tparams: typeAttr(ALL),
    Tindices: indexTypeAttr(null),
    Taxis: indexTypeAttr(null),
  },
  shape: (specs, attrs, opName) => {
    const [params, idx, axisSpec] = specs;
    if (attrs.batch_dims !== 0) {
      throw new ValueError(`GatherV2 '${opName}': batch_dims=${attrs.batch_dims} is not supported; tensorgraph implements batch_dims=0`);
    }
    if (axisSpec.shape !== null && axisSpec.shape.length !== 0) {
      throw new ValueError(`Shape must be rank 0 but is rank ${axisSpec.shape.length} for '${opName}' (op: 'GatherV2') ${withInputShapes(specs)}`);
    }
    const axisValue = knownInts(axisSpec);
    if (axisValue === null) return { shape: null };
    const axis = axisValue[0];
    requireRankAtLeast(params, axis < 0 ? -axis : axis + 1, specs, opName, 'GatherV2');
    if (params.shape === null || idx.shape === null) return { shape: null };
    const a = axis < 0 ? axis + params.shape.length : axis;
    return { shape: [...params.shape.slice(0, a), ...idx.shape, ...params.shape.slice(a + 1)] };
  },
  gradient: (op, [dy]) => [params_grad(op.inputs, dy!), null, null],
};

/**
 * The dense gradient with respect to params (docs/sparse_gradients.md): dy's slices,
 * moved so the index dimensions lead and flattened to one, summed per index into
 * params.shape[axis] rows by UnsortedSegmentSum, then moved back into place.
 * Repeated indices add up; rows no index picked get zeros.
 */
function params_grad([params, idx, axisT]: readonly Tensor[], dy: Tensor): Tensor | null {
  if (params.dtype !== 'float32') return null;
  const g = params.graph;
  const axisValue = constantInts(axisT);
  const rank = params.shape?.length ?? null;
  if (axisValue === null) throw new ValueError(`The gradient of GatherV2 '${params.op.name}' needs a constant axis`);
  let a = axisValue[0];
  if (a < 0 && rank !== null) a += rank;
  if (a !== 0 && (rank === null || idx.shape === null || a < 0)) {
    throw new ValueError(`The gradient of GatherV2 along axis ${axisValue[0]} needs params and indices of known rank`);
  }
  const pShape = shapeOf(params);
  const q = idx.shape?.length ?? 0;
  const perm = (lead: number[], rest: number[]) => intConst([...lead, ...rest], g);
  const span = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  // dy is outer + indices.shape + inner; bring the index dimensions to the front.
  const moved = a === 0 ? dy : makeOp1('Transpose', [dy, perm(span(a, a + q), [...span(0, a), ...span(a + q, q + rank! - 1)])]);
  const restDims = a === 0
    ? makeOp1('Slice', [pShape, intConst([1], g), intConst([-1], g)])
    : makeOp1('GatherV2', [pShape, intConst([...span(0, a), ...span(a + 1, rank!)], g), intConst(0, g)]);
  const flat = makeOp1('ConcatV2', [intConst([-1], g), restDims, intConst(0, g)]);
  const values = reshapeTo(moved, flat);
  const rows = makeOp1('GatherV2', [pShape, intConst(a, g), intConst(0, g)]);
  const summed = makeOp1('UnsortedSegmentSum', [values, reshapeTo(idx, [-1]), rows]);
  const back = a === 0 ? summed : makeOp1('Transpose', [summed, perm([...span(1, a + 1), 0], span(a + 1, rank!))]);
  return setShape(back, params.shape);
}

