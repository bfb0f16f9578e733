import { ALL, typeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { StaticShape } from '../../../registry/op_registry';
import { makeOp1 } from '../../op_builder';

/** t where condition is true, else e (tf.where with x and y). Kernels of both ops: kernels/cpu/Select.ts. */
export const Select: OpSpec = {
  name: 'Select',
  inputs: [{ name: 'condition', type: 'bool' }, { name: 't', type_attr: 'T' }, { name: 'e', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type' } },
  shape: ([c, t, e], _attrs, opName) => {
    const where = `for '${opName}' (op: 'Select') with input shapes: ${[c, t, e].map((s) => shapeToString(s.shape)).join(', ')}`;
    let shape: StaticShape;
    try { shape = mergeStatic(t.shape, e.shape, 'Select'); } catch {
      throw new ValueError(`Dimensions of 't' and 'e' must be equal ${where}`);
    }
    if (c.shape !== null && shape !== null && c.shape.length !== 0) {
      const rows = c.shape.length === 1 && shape.length > 1;
      const ok = rows ? (c.shape[0] === null || shape[0] === null || c.shape[0] === shape[0])
        : c.shape.length === shape.length && c.shape.every((d, i) => d === null || shape![i] === null || d === shape![i]);
      if (!ok) throw new ValueError(`condition must be a scalar, a vector matching the first dimension, or of the shape of 't' ${where}`);
      if (!rows) shape = mergeStatic(shape, c.shape, 'Select');
    }
    return { shape };
  },
  // Each branch gets dy where it was chosen, zeros elsewhere.
  gradient: (op, [dy]) => {
    const c = op.inputs[0];
    const zeros = makeOp1('ZerosLike', [dy!]);
    return [null, makeOp1('Select', [c, dy!, zeros]), makeOp1('Select', [c, zeros, dy!])];
  },
};

/**
 * The coordinates of the true (non-zero) elements of a tensor, as an int64
 * [num_true, rank] matrix (tf.where(condition)).
 */
export const Where: OpSpec = {
  name: 'Where',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'index', type: 'int64' }],
  attrs: { T: typeAttr(ALL, 'bool') },
  shape: ([x]) => ({ shape: [null, x.shape === null ? null : x.shape.length] }),
  gradient: null,
};
