import { LegacyOpSpec } from '../../register_op';
import { l2LossKernel } from '../../../../kernels/cpu/l2_loss';
import { multiply } from '../../math_ops';

/** L2Loss(t) = sum(t^2) / 2, a scalar (tf.nn.l2_loss, weight decay). */
export const L2Loss: LegacyOpSpec = {
  name: 'L2Loss',
  inputs: [{ name: 't', dtype: 'float32' }],
  outputs: () => ({ dtype: 'float32', shape: [] }),
  cpu: l2LossKernel,
  gradient: (op, [dy]) => [multiply(op.inputs[0], dy!)],
};
