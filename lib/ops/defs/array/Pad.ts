import { indexTypeAttr } from '../type_attrs';
import type { AttrSpec, OpSpec, OutputSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { TensorSpec } from '../../../registry/op_registry';
import type { Operation } from '../../../framework/operation';
import type { Tensor } from '../../../framework/tensor';
import { knownInts, constantInts, shapeOf } from '../known_inputs';
import { requireRank, unknownDims } from './checks';
import { slice, unstack } from '../../array_ops';
import { castInt32 } from './graph_helpers';
import { hasGradient } from '../../../framework/dtypes';

function padShape(specs: TensorSpec[], opName: string, opType: string): OutputSpec {
  const [x, paddings] = specs;
  requireRank(paddings, 2, 'paddings', opName, opType);
  const rank = x.shape?.length ?? paddings.shape?.[0] ?? null;
  if (paddings.shape !== null && ((rank !== null && paddings.shape[0] !== null && paddings.shape[0] !== rank) ||
    (paddings.shape[1] !== null && paddings.shape[1] !== 2))) {
    throw new ValueError(`The first dimension of paddings must be the rank of inputs ${rank} and the second 2, ` +
      `got paddings of shape ${shapeToString(paddings.shape)} for '${opName}' (op: '${opType}') with input shape ${shapeToString(x.shape)}`);
  }
  if (rank === null) return { shape: null };
  const p = knownInts(paddings);
  if (p === null) return { shape: unknownDims(rank) };
  if (p.some((v) => v < 0)) throw new ValueError(`Paddings must be non-negative, got [${p}] for '${opName}' (op: '${opType}')`);
  const dims = x.shape ?? unknownDims(rank);
  return { shape: dims.map((d, i) => (d === null ? null : p[2 * i] + d + p[2 * i + 1])) };
}

/** The gradient of a constant pad is the window of dy where the input sits. */
function padGradient(op: Operation, [dy]: (Tensor | null)[]): (Tensor | null)[] {
  const [x, paddings] = op.inputs;
  const rest = op.inputs.slice(1).map(() => null);
  if (!hasGradient(x.dtype)) return [null, ...rest];
  const p = constantInts(paddings);
  // Slice's begin and size share one index type, and the size (the input's shape) is int32.
  const begin = p ? p.filter((_, k) => k % 2 === 0) : castInt32(unstack(paddings, { num: 2, axis: 1 })[0]);
  const size = shapeOf(x);
  return [slice(dy!, begin, size), ...rest];
}

const PAD_ATTRS: Record<string, AttrSpec> = {
  T: { type: 'type' },
  Tpaddings: indexTypeAttr(),
};

/** Pads with zeros: paddings[i] = [before, after] for dimension i (tf.pad, CONSTANT mode). Kernel of both: kernels/cpu/Pad.ts. */
export const Pad: OpSpec = {
  name: 'Pad',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'paddings', type_attr: 'Tpaddings' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: PAD_ATTRS,
  shape: (specs, _attrs, opName) => padShape(specs, opName, 'Pad'),
  gradient: padGradient,
};

/** Pad with a given scalar constant_values. */
export const PadV2: OpSpec = {
  name: 'PadV2',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'paddings', type_attr: 'Tpaddings' }, { name: 'constant_values', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: PAD_ATTRS,
  shape: (specs, _attrs, opName) => {
    requireRank(specs[2], 0, 'constant_values', opName, 'PadV2');
    return padShape(specs, opName, 'PadV2');
  },
  gradient: padGradient,
};
