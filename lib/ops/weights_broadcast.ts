/* TF1's weights_broadcast_ops: which weights tf.losses and tf.metrics accept for their values. */
import type { Tensor } from '../framework/tensor';
import { formatShape } from '../framework/ndarray';
import { ValueError } from '../framework/errors';

/** TF1's assert_broadcastable, statically: weights are a scalar or match the values' rank with dims 1 or equal. */
export function checkWeightsBroadcast(weights: Tensor, values: Tensor): void {
  const w = weights.shape, v = values.shape;
  if (w === null || v === null || w.length === 0) return;
  if (w.length !== v.length) {
    throw new ValueError(`weights can not be broadcast to values. values.rank=${v.length}. weights.rank=${w.length}. ` +
      `values.shape=${formatShape(v)}. weights.shape=${formatShape(w)}.`);
  }
  w.forEach((d, i) => {
    if (d !== null && d !== 1 && v[i] !== null && d !== v[i]) {
      throw new ValueError(`weights can not be broadcast to values. values.shape=${formatShape(v)}. weights.shape=${formatShape(w)}.`);
    }
  });
}
