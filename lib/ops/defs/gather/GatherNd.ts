import type { OpSpec } from '../../register_op';
import type { Tensor } from '../../../framework/tensor';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { ALL, NUMERIC, indexTypeAttr, typeAttr } from '../type_attrs';
import { setShape, shapeOf, shapeOperand } from '../known_inputs';
import { makeOp1 } from '../../op_builder';
import { dimsCompatible, withInputShapes } from './checks';

/**
 * Slices of params addressed by the last dimension of indices (tf.gather_nd; kernel:
 * kernels/cpu/GatherNd.ts): with K = indices.shape[-1], the output shape is
 * indices.shape[:-1] + params.shape[K:].
 */
export const GatherNd: OpSpec = {
  name: 'GatherNd',
  inputs: [{ name: 'params', type_attr: 'Tparams' }, { name: 'indices', type_attr: 'Tindices' }],
  outputs: [{ name: 'output', type_attr: 'Tparams' }],
  attrs: { Tparams: typeAttr(ALL), Tindices: indexTypeAttr(null) },
  shape: (specs, _attrs, opName) => {
    const [params, idx] = specs;
    if (idx.shape !== null && idx.shape.length < 1) {
      throw new ValueError(`Shape must be at least rank 1 but is rank 0 for '${opName}' (op: 'GatherNd') ${withInputShapes(specs)}`);
    }
    if (idx.shape === null) return { shape: null };
    const k = idx.shape[idx.shape.length - 1];
    if (k === null || params.shape === null) return { shape: null };
    if (k > params.shape.length) {
      throw new ValueError(`indices.shape[-1] must be <= params.rank, but saw indices shape: ${shapeToString(idx.shape)} ` +
        `and params shape: ${shapeToString(params.shape)} for '${opName}' (op: 'GatherNd') ${withInputShapes(specs)}`);
    }
    return { shape: [...idx.shape.slice(0, -1), ...params.shape.slice(k)] };
  },
  gradient: (op, [dy]) => {
    const [params, idx] = op.inputs;
    if (params.dtype !== 'float32') return [null, null];
    const shape = castTo(shapeOf(params), idx.dtype);
    return [setShape(makeOp1('ScatterNd', [idx, dy!, shape]), params.shape), null];
  },
};

/**
 * A zero tensor of `shape` with updates added at the positions indices address
 * (tf.scatter_nd; kernel: kernels/cpu/GatherNd.ts). Repeated positions add up.
 * updates.shape must be indices.shape[:-1] + shape[K:].
 */
export const ScatterNd: OpSpec = {
  name: 'ScatterNd',
  inputs: [{ name: 'indices', type_attr: 'Tindices' }, { name: 'updates', type_attr: 'T' }, { name: 'shape', type_attr: 'Tindices' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: typeAttr(NUMERIC), Tindices: indexTypeAttr(null) },
  shape: (specs, _attrs, opName) => {
    const [idx, updates, shapeSpec] = specs;
    const out = shapeOperand(shapeSpec);
    if (out === null || idx.shape === null || updates.shape === null) return { shape: out };
    const k = idx.shape[idx.shape.length - 1];
    if (k === null) return { shape: out };
    const expected = [...idx.shape.slice(0, -1), ...out.slice(k)];
    const fits = k <= out.length && expected.length === updates.shape.length &&
      expected.every((d, i) => dimsCompatible(d, updates.shape![i]));
    if (!fits) {
      throw new ValueError(`The outer ${idx.shape.length - 1} dimensions of updates.shape=${shapeToString(updates.shape)} must match ` +
        `the outer ${idx.shape.length - 1} dimensions of indices.shape=${shapeToString(idx.shape)}, and its inner dimensions ` +
        `shape[${k}:] of shape=${shapeToString(out)}, for '${opName}' (op: 'ScatterNd') ${withInputShapes(specs)}`);
    }
    return { shape: out };
  },
  gradient: (op, [dy]) => {
    const [idx, updates] = op.inputs;
    if (updates.dtype !== 'float32') return [null, null, null];
    return [null, makeOp1('GatherNd', [dy!, idx]), null];
  },
};

function castTo(t: Tensor, dtype: string): Tensor {
  return t.dtype === dtype ? t : makeOp1('Cast', [t], { DstT: dtype });
}
