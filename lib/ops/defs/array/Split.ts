import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import type { Operation } from '../../../framework/operation';
import type { Tensor } from '../../../framework/tensor';
import type { StaticShape } from '../../../registry/op_registry';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { splitSizes } from '../../../framework/split_rules';
import { knownInts } from '../known_inputs';
import { requireRank } from './checks';
import { makeOp1 } from '../../op_builder';

/*
 * Split (num_split equal parts) and SplitV (given sizes, one -1 inferred) along
 * split_dim (tf.split). Kernels: kernels/cpu/Split.ts.
 */

/** The split dimension, checked, when the rank and split_dim are known. */
function splitAxis(x: StaticShape, axisValue: number[] | null, opName: string, opType: string): number | null {
  if (x === null || axisValue === null) return null;
  const rank = x.length, axis = axisValue[0];
  if (axis < -rank || axis >= rank) {
    throw new ValueError(`Dimension must be in range [${-rank}, ${rank}), but is ${axis} for '${opName}' (op: '${opType}') ` +
      `with input shapes: ${shapeToString(x)}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Static output shapes: the input's, with the split dimension replaced by each part's size. */
function partShapes(x: StaticShape, axis: number | null, sizes: (number | null)[]) {
  if (x === null) return sizes.map(() => ({ shape: null }));
  return sizes.map((s) => ({ shape: x.map((d, i) => (axis === null ? null : i === axis ? s : d)) }));
}

/** The gradient of both: the parts' gradients joined again, zeros for parts nobody differentiated. */
function joinGradients(op: Operation, grads: (Tensor | null)[], axis: Tensor): Tensor | null {
  if (op.outputs[0].dtype !== 'float32') return null;
  const parts = grads.map((g, i) => g ?? makeOp1('ZerosLike', [op.outputs[i]]));
  if (parts.length === 1) return parts[0];
  return makeOp1('ConcatV2', [...parts, axis], { N: parts.length });
}

export const Split: OpSpec = {
  name: 'Split',
  inputs: [{ name: 'split_dim', type: 'int32' }, { name: 'value', type_attr: 'T' }],
  outputs: [{ name: 'output', number_attr: 'num_split', type_attr: 'T' }],
  attrs: { num_split: { type: 'int', minimum: 1 }, T: { type: 'type' } },
  shape: ([axisSpec, x], attrs, opName) => {
    requireRank(axisSpec, 0, 'split_dim', opName, 'Split');
    const n: number = attrs.num_split, axis = knownInts(axisSpec);
    const a = splitAxis(x.shape, axis, opName, 'Split');
    let size: number | null = null;
    if (a !== null && x.shape![a] !== null) {
      const d = x.shape![a]!;
      if (d % n !== 0) {
        throw new ValueError(`Dimension size must be evenly divisible by ${n} but is ${d} for '${opName}' (op: 'Split') ` +
          `with input shapes: [], ${shapeToString(x.shape)}.`);
      }
      size = d / n;
    }
    return partShapes(x.shape, a, new Array<number | null>(n).fill(size));
  },
  gradient: (op, grads) => [null, joinGradients(op, grads, op.inputs[0])],
};

export const SplitV: OpSpec = {
  name: 'SplitV',
  inputs: [{ name: 'value', type_attr: 'T' }, { name: 'size_splits', type_attr: 'Tlen' }, { name: 'split_dim', type: 'int32' }],
  outputs: [{ name: 'output', number_attr: 'num_split', type_attr: 'T' }],
  attrs: { num_split: { type: 'int', minimum: 1 }, T: { type: 'type' }, Tlen: indexTypeAttr('int64') },
  shape: ([x, sizesSpec, axisSpec], attrs, opName) => {
    requireRank(sizesSpec, 1, 'size_splits', opName, 'SplitV');
    requireRank(axisSpec, 0, 'split_dim', opName, 'SplitV');
    const n: number = attrs.num_split, axis = knownInts(axisSpec), given = knownInts(sizesSpec);
    const a = splitAxis(x.shape, axis, opName, 'SplitV');
    let sizes: (number | null)[] = new Array<number | null>(n).fill(null);
    if (given !== null) {
      if (given.length !== n) {
        throw new ValueError(`Length of size_splits should be equal to num_outputs: ${given.length} vs. ${n} for '${opName}' (op: 'SplitV')`);
      }
      const d = a === null ? null : x.shape![a];
      sizes = splitSizes(given, d, (msg) => new ValueError(`${msg} for '${opName}' (op: 'SplitV')`));
    }
    return partShapes(x.shape, a, sizes);
  },
  gradient: (op, grads) => [joinGradients(op, grads, op.inputs[2]), null, null],
};
