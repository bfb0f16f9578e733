import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { TensorSpec } from '../../../registry/op_registry';
import type { Operation } from '../../../framework/operation';
import type { Tensor } from '../../../framework/tensor';
import { padKernel } from '../../../../kernels/cpu/Pad';
import { knownInts, constantInts, shapeOf } from '../known_inputs';
import { requireIndexDType, requireRank, unknownDims } from './checks';
import { slice, unstack } from '../../array_ops';

function padOutputs(specs: TensorSpec[], opName: string, opType: string): TensorSpec {
  const [x, paddings] = specs;
  requireIndexDType(paddings, 'paddings', opName, opType);
  requireRank(paddings, 2, 'paddings', opName, opType);
  const rank = x.shape?.length ?? paddings.shape?.[0] ?? null;
  if (paddings.shape !== null && ((rank !== null && paddings.shape[0] !== null && paddings.shape[0] !== rank) ||
    (paddings.shape[1] !== null && paddings.shape[1] !== 2))) {
    throw new ValueError(`The first dimension of paddings must be the rank of inputs ${rank} and the second 2, ` +
      `got paddings of shape ${shapeToString(paddings.shape)} for '${opName}' (op: '${opType}') with input shape ${shapeToString(x.shape)}`);
  }
  if (rank === null) return { dtype: x.dtype, shape: null };
  const p = knownInts(paddings);
  if (p === null) return { dtype: x.dtype, shape: unknownDims(rank) };
  if (p.some((v) => v < 0)) throw new ValueError(`Paddings must be non-negative, got [${p}] for '${opName}' (op: '${opType}')`);
  const dims = x.shape ?? unknownDims(rank);
  return { dtype: x.dtype, shape: dims.map((d, i) => (d === null ? null : p[2 * i] + d + p[2 * i + 1])) };
}

/** The gradient of a constant pad is the window of dy where the input sits. */
function padGradient(op: Operation, [dy]: (Tensor | null)[]): (Tensor | null)[] {
  const [x, paddings] = op.inputs;
  const rest = op.inputs.slice(1).map(() => null);
  if (x.dtype !== 'float32') return [null, ...rest];
  const p = constantInts(paddings);
  const begin = p ? p.filter((_, k) => k % 2 === 0) : unstack(paddings, { num: 2, axis: 1 })[0];
  const size = shapeOf(x);
  return [slice(dy!, begin, size), ...rest];
}

/** Pads with zeros: paddings[i] = [before, after] for dimension i (tf.pad, CONSTANT mode). */
export const Pad: LegacyOpSpec = {
  name: 'Pad',
  inputs: 2,
  outputs: (specs, _attrs, opName) => padOutputs(specs, opName, 'Pad'),
  cpu: padKernel,
  gradient: padGradient,
};

/** Pad with a given scalar constant_values. */
export const PadV2: LegacyOpSpec = {
  name: 'PadV2',
  inputs: 3,
  outputs: (specs, _attrs, opName) => {
    const c = specs[2];
    if (c.dtype !== specs[0].dtype) throw new ValueError(`PadV2 '${opName}': constant_values has dtype ${c.dtype}, the input ${specs[0].dtype}`);
    requireRank(c, 0, 'constant_values', opName, 'PadV2');
    return padOutputs(specs, opName, 'PadV2');
  },
  cpu: padKernel,
  gradient: padGradient,
};
