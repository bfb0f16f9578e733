import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { TensorSpec } from '../../../registry/op_registry';
import type { Tensor } from '../../../framework/tensor';
import { knownInts, constantInts } from '../known_inputs';
import { requireRank, unknownDims } from './checks';
import { slice } from '../../array_ops';
import { makeOp, makeOp1 } from '../../op_builder';
import { castInt32 } from './graph_helpers';
import { hasGradient } from '../../../framework/dtypes';

/** Joins values along `axis` (the last input); all other dimensions must agree (kernel: kernels/cpu/Concat.ts). */
export const ConcatV2: OpSpec = {
  name: 'ConcatV2',
  inputs: [{ name: 'values', number_attr: 'N', type_attr: 'T' }, { name: 'axis', type_attr: 'Tidx' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    N: { type: 'int', minimum: 2 },
    T: { type: 'type' },
    Tidx: indexTypeAttr(),
  },
  shape: (specs, _attrs, opName) => {
    const values = specs.slice(0, -1);
    const axisSpec = specs[specs.length - 1];
    const context = () => `for '${opName}' (op: 'ConcatV2') with input shapes: ${specs.map((s) => shapeToString(s.shape)).join(', ')}`;
    requireRank(axisSpec, 0, 'axis', opName, 'ConcatV2');
    const known = values.filter((v): v is TensorSpec & { shape: (number | null)[] } => v.shape !== null);
    if (known.length === 0) return { shape: null };
    const rank = known[0].shape.length;
    for (const v of known) {
      if (v.shape.length !== rank) throw new ValueError(`Shape must be rank ${rank} but is rank ${v.shape.length} ${context()}.`);
    }
    if (rank === 0) throw new ValueError(`Can't concatenate scalars (use tf.stack instead) ${context()}.`);
    const axisValue = knownInts(axisSpec);
    if (axisValue === null) return { shape: unknownDims(rank) };
    const axis = axisValue[0];
    if (axis < -rank || axis >= rank) {
      throw new ValueError(`ConcatV2 axis ${axis} is out of bounds: expected it in [${-rank}, ${rank}) ${context()}.`);
    }
    const a = axis < 0 ? axis + rank : axis;
    const out: (number | null)[] = known[0].shape.slice();
    out[a] = 0;
    for (const v of known) {
      for (let i = 0; i < rank; i++) {
        if (i === a) continue;
        const d = v.shape[i];
        if (d !== null && out[i] !== null && d !== out[i]) {
          throw new ValueError(`Dimension ${i} in both shapes must be equal, but are ${out[i]} and ${d}. ` +
            `Shapes are ${shapeToString(known[0].shape)} and ${shapeToString(v.shape)}. ${context()}.`);
        }
        out[i] = out[i] ?? d;
      }
    }
    out[a] = values.every((v) => v.shape !== null && v.shape[a] !== null)
      ? values.reduce((s, v) => s + (v.shape![a] as number), 0) : null;
    return { shape: out };
  },
  // Each input's gradient is its window of dy along the axis.
  gradient: (op, [dy]) => {
    const values = op.inputs.slice(0, -1);
    const axisTensor = op.inputs[op.inputs.length - 1];
    const axisValue = constantInts(axisTensor);
    const rank = values.find((v) => v.shape !== null)?.shape?.length ?? dy!.shape?.length ?? null;
    const grads = axisValue !== null && rank !== null
      ? staticWindows(values, dy!, axisValue[0] < 0 ? axisValue[0] + rank : axisValue[0], rank)
      : null;
    return [...(grads ?? dynamicWindows(values, dy!, axisTensor)), null];
  },
};

/** With the axis and the inputs' sizes along it known, the windows are constants (other dims: -1, the rest). */
function staticWindows(values: readonly Tensor[], dy: Tensor, axis: number, rank: number): (Tensor | null)[] | null {
  const widths = values.map((v) => v.shape?.[axis] ?? null);
  if (widths.some((w) => w === null)) return null;
  let offset = 0;
  return values.map((v, k) => {
    const begin = new Array<number>(rank).fill(0);
    const size = new Array<number>(rank).fill(-1);
    begin[axis] = offset;
    size[axis] = widths[k]!;
    offset += widths[k]!;
    return hasGradient(v.dtype) ? slice(dy, begin, size) : null;
  });
}

function dynamicWindows(values: readonly Tensor[], dy: Tensor, axis: Tensor): (Tensor | null)[] {
  const shapes = values.map((v) => makeOp1('Shape', [v], { out_type: 'int32' }));
  // ConcatOffset's concat_dim is int32 only, while ConcatV2's axis may be int64.
  const offsets = makeOp('ConcatOffset', [castInt32(axis), ...shapes]).outputs;
  return values.map((v, k) => (hasGradient(v.dtype) ? slice(dy, offsets[k], shapes[k]) : null));
}

/** The start of each input along the concat axis, from the inputs' shapes (TF's ConcatOffset; used by ConcatV2's gradient). */
export const ConcatOffset: OpSpec = {
  name: 'ConcatOffset',
  inputs: [{ name: 'concat_dim', type: 'int32' }, { name: 'shape', number_attr: 'N', type: 'int32' }],
  outputs: [{ name: 'offset', number_attr: 'N', type: 'int32' }],
  attrs: { N: { type: 'int', minimum: 2 } },
  shape: (specs, _attrs, opName) => {
    requireRank(specs[0], 0, 'concat_dim', opName, 'ConcatOffset');
    return specs.slice(1).map((s) => {
      requireRank(s, 1, 'shape', opName, 'ConcatOffset');
      return { shape: s.shape };
    });
  },
  gradient: null,
};
