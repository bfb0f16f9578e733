import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { mergeStatic, shapeToString } from '../../../framework/shape_utils';
import type { StaticShape } from '../../../registry/op_registry';
import { selectKernel, whereKernel } from '../../../../kernels/cpu/Select';
import { makeOp1 } from '../../op_builder';

/** t where condition is true, else e (tf.where with x and y). */
export const Select: LegacyOpSpec = {
  name: 'Select',
  inputs: 3,
  outputs: ([c, t, e], _attrs, opName) => {
    const where = `for '${opName}' (op: 'Select') with input shapes: ${[c, t, e].map((s) => shapeToString(s.shape)).join(', ')}`;
    if (c.dtype !== 'bool') throw new ValueError(`condition must be bool, got ${c.dtype} ${where}`);
    if (t.dtype !== e.dtype) throw new ValueError(`'t' (${t.dtype}) and 'e' (${e.dtype}) must have the same dtype ${where}`);
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
    return { dtype: t.dtype, shape };
  },
  cpu: selectKernel,
  // Each branch gets dy where it was chosen, zeros elsewhere.
  gradient: (op, [dy]) => {
    const c = op.inputs[0];
    const zeros = makeOp1('ZerosLike', [dy!]);
    return [null, makeOp1('Select', [c, dy!, zeros]), makeOp1('Select', [c, zeros, dy!])];
  },
};

/** The coordinates of the true elements of a bool tensor, as an int64 [num_true, rank] matrix (tf.where(condition)). */
export const Where: LegacyOpSpec = {
  name: 'Where',
  inputs: 1,
  outputs: ([x], _attrs, opName) => {
    if (x.dtype !== 'bool') throw new ValueError(`Where '${opName}' needs a bool input, got ${x.dtype}`);
    return { dtype: 'int64', shape: [null, x.shape === null ? null : x.shape.length] };
  },
  cpu: whereKernel,
  gradient: null,
};
