import type { OpSpec } from '../../register_op';
import { multiply } from '../../math_ops';

/** L2Loss(t) = sum(t^2) / 2, a scalar (tf.nn.l2_loss, weight decay; kernel: kernels/cpu/l2_loss.ts). */
export const L2Loss: OpSpec = {
  name: 'L2Loss',
  inputs: [{ name: 't', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { T: { type: 'type', allowed_values: ['float32'] } },
  shape: () => ({ shape: [] }),
  gradient: (op, [dy]) => [multiply(op.inputs[0], dy!)],
};
