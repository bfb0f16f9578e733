import { NUMERIC, typeAttr, indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { convertToTensor } from '../../../framework/convert';
import { shapeToString } from '../../../framework/shape_utils';
import { knownInts, shapeOf } from '../known_inputs';
import { requireRank } from '../array/checks';
import { makeOp1 } from '../../op_builder';
import { indices as indexTensor } from '../array/graph_helpers';

/*
 * TopKV2 (tf.nn.top_k) and InTopKV2 (tf.nn.in_top_k). Kernels: kernels/cpu/TopKV2.ts.
 */

export const TopKV2: OpSpec = {
  name: 'TopKV2',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'k', type: 'int32' }],
  outputs: [{ name: 'values', type_attr: 'T' }, { name: 'indices', type: 'int32' }],
  attrs: { sorted: { type: 'bool', default: true }, T: typeAttr(NUMERIC) },
  shape: ([x, kSpec], _attrs, opName) => {
    requireRank(kSpec, 0, 'k', opName, 'TopKV2');
    if (x.shape === null) return [{ shape: null }, { shape: null }];
    if (x.shape.length < 1) {
      throw new ValueError(`Shape must be at least rank 1 but is rank 0 for '${opName}' (op: 'TopKV2') with input shapes: [], [].`);
    }
    const k = knownInts(kSpec)?.[0] ?? null;
    if (k !== null && k < 0) throw new ValueError(`Need k >= 0, got ${k} for '${opName}' (op: 'TopKV2')`);
    const last = x.shape[x.shape.length - 1];
    if (k !== null && last !== null && last < k) {
      throw new ValueError(`input must have last dimension >= k = ${k} but is ${last} for '${opName}' (op: 'TopKV2') ` +
        `with input shapes: ${shapeToString(x.shape)}, [].`);
    }
    const shape = [...x.shape.slice(0, -1), k];
    return [{ shape }, { shape: shape.slice() }];
  },
  // Each value's gradient goes to the input position it came from: one-hot rows of the
  // indices, weighted by dy and summed over the k picks (no scatter op needed).
  gradient: (op, [dValues]) => {
    const [x] = op.inputs;
    if (dValues === null || x.dtype !== 'float32') return [null, null];
    const n = x.shape?.[x.shape.length - 1] ?? null;
    const depth = n !== null ? indexTensor(n, x.graph)
      : makeOp1('StridedSlice', [shapeOf(x), indexTensor([-1], x.graph), indexTensor([0], x.graph), indexTensor([1], x.graph)],
        { shrink_axis_mask: 1 });
    const [on, off] = [1, 0].map((v) => convertToTensor(v, 'float32', undefined, x.graph));
    const picks = makeOp1('OneHot', [op.outputs[1], depth, on, off], { axis: -1 });
    const weighted = makeOp1('Mul', [picks, makeOp1('ExpandDims', [dValues, indexTensor(-1, x.graph)])]);
    return [makeOp1('Sum', [weighted, indexTensor(-2, x.graph)], { keep_dims: false }), null];
  },
};

/**
 * Whether each row's target class is among its k largest predictions. Ties at the
 * boundary count as in; a target out of range, or a row with a non-finite
 * prediction, gives false (TF's kernel).
 */
export const InTopKV2: OpSpec = {
  name: 'InTopKV2',
  inputs: [{ name: 'predictions', type: 'float32' }, { name: 'targets', type_attr: 'T' }, { name: 'k', type_attr: 'T' }],
  outputs: [{ name: 'precision', type: 'bool' }],
  attrs: { T: indexTypeAttr() },
  shape: ([p, t, k], _attrs, opName) => {
    requireRank(p, 2, 'predictions', opName, 'InTopKV2');
    requireRank(t, 1, 'targets', opName, 'InTopKV2');
    requireRank(k, 0, 'k', opName, 'InTopKV2');
    const rows = p.shape?.[0] ?? null, n = t.shape?.[0] ?? null;
    if (rows !== null && n !== null && rows !== n) {
      throw new ValueError(`Dimensions must be equal, but are ${rows} and ${n} for '${opName}' (op: 'InTopKV2') ` +
        `with input shapes: ${shapeToString(p.shape)}, ${shapeToString(t.shape)}, [].`);
    }
    return { shape: [rows ?? n] };
  },
  gradient: null,
};
