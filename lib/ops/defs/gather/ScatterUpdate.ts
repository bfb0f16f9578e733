import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { ALL, NUMERIC, indexTypeAttr, typeAttr } from '../type_attrs';
import type { DType } from '../../../framework/dtypes';
import { dimsCompatible } from './checks';

/*
 * TF1's sparse updates of a ref variable (state_ops.cc): rows ref[indices[i]] of the
 * variable are set to, or changed by, updates[i]. State ops like Assign (lib/ops/defs/core/variables.ts):
 * the write is staged and committed with the run. Kernels: kernels/cpu/ScatterUpdate.ts.
 */

/** ref[indices[i], ...] = updates[i, ...] (tf.scatter_update); with repeated indices the last update wins. */
export const ScatterUpdate: OpSpec = scatterOp('ScatterUpdate', ALL, true);
/** ref[indices[i], ...] += updates[i, ...] (tf.scatter_add); repeated indices add up. */
export const ScatterAdd: OpSpec = scatterOp('ScatterAdd', NUMERIC, false);
/** ref[indices[i], ...] -= updates[i, ...] (tf.scatter_sub). */
export const ScatterSub: OpSpec = scatterOp('ScatterSub', NUMERIC, false);

function scatterOp(name: string, types: readonly DType[], lockingDefault: boolean): OpSpec {
  return {
    name,
    inputs: [{ name: 'ref', type_attr: 'T', is_ref: true }, { name: 'indices', type_attr: 'Tindices' }, { name: 'updates', type_attr: 'T' }],
    outputs: [{ name: 'output_ref', type_attr: 'T', is_ref: true }],
    attrs: { T: typeAttr(types), Tindices: indexTypeAttr(null), use_locking: { type: 'bool', default: lockingDefault } },
    shape: ([ref, idx, updates], _attrs, opName) => {
      if (ref.shape === null || idx.shape === null || updates.shape === null) return { shape: ref.shape };
      // updates is a scalar (applied to every addressed row) or indices.shape + ref.shape[1:].
      if (updates.shape.length === 0) return { shape: ref.shape };
      const expected = [...idx.shape, ...ref.shape.slice(1)];
      const fits = ref.shape.length >= 1 && expected.length === updates.shape.length &&
        expected.every((d, i) => dimsCompatible(d, updates.shape![i]));
      if (!fits) {
        throw new ValueError(`Shapes must be equal rank or updates must be a scalar: updates.shape = ${shapeToString(updates.shape)} ` +
          `is not indices.shape + ref.shape[1:] = ${shapeToString(idx.shape)} + ${shapeToString(ref.shape.slice(1))} ` +
          `for '${opName}' (op: '${name}')`);
      }
      return { shape: ref.shape };
    },
    gradient: null,
  };
}
