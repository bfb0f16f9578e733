import type { OpSpec } from '../../register_op';
import { NDArray, formatShape } from '../../../framework/ndarray';
import { InvalidArgumentError, ValueError } from '../../../framework/errors';
import { mergeStatic } from '../../../framework/shape_utils';
import { requireDType, NUMERIC } from './checks';

/** Sum of n tensors of one dtype and shape (no broadcasting); tf.gradients sums contributions with it. */
export const AddN: OpSpec = {
  name: 'AddN',
  inputs: [1, Infinity],
  outputs: (inputs, _attrs, opName) => {
    requireDType('AddN', opName, inputs[0], NUMERIC, 'inputs');
    let shape = inputs[0].shape;
    for (let i = 1; i < inputs.length; i++) {
      if (inputs[i].dtype !== inputs[0].dtype) {
        throw new ValueError(`AddN '${opName}': input ${i} has dtype ${inputs[i].dtype}, input 0 has ${inputs[0].dtype}`);
      }
      shape = mergeStatic(shape, inputs[i].shape, `inputs of AddN '${opName}' must all have the same shape`);
    }
    return { dtype: inputs[0].dtype, shape };
  },
  cpu: (inputs, ctx) => {
    const first = inputs[0];
    if (inputs.length === 1) return first;
    for (let i = 1; i < inputs.length; i++) {
      const s = inputs[i].shape;
      if (s.length !== first.shape.length || s.some((d, j) => d !== first.shape[j])) {
        throw new InvalidArgumentError(`AddN '${ctx.op.name}': inputs must have the same shape: ` +
          `input 0 is ${formatShape(first.shape)}, input ${i} is ${formatShape(s)}`, ctx.op.name);
      }
    }
    const out = ctx.allocate(first.dtype, first.size, true);
    // Accumulate pairwise into the output: one pass per input, contiguous.
    const a = first.data, b = inputs[1].data;
    for (let j = 0; j < out.length; j++) out[j] = a[j] + b[j];
    for (let i = 2; i < inputs.length; i++) {
      const d = inputs[i].data;
      for (let j = 0; j < out.length; j++) out[j] += d[j];
    }
    return new NDArray(out, first.shape, first.dtype);
  },
  gradient: (op, [dy]) => op.inputs.map(() => dy),
};
