import type { OpSpec } from '../../register_op';
import { add, multiply, negative, reduce_sum, subtract } from '../../math_ops';
import { expand_dims } from '../../array_ops';
import { log_softmax, softmax } from '../../nn_activation_ops';
import { requireRank, mergeDim, dimOf } from './shape_messages';

const TYPE = 'SoftmaxCrossEntropyWithLogits';

/**
 * The fused softmax cross-entropy: inputs (features [batch, classes], labels [batch, classes]),
 * outputs (loss [batch], backprop [batch, classes]) where backprop = softmax(features) - labels
 * is the gradient of the loss, computed by the forward kernel with log-sum-exp
 * (kernels/cpu/softmax_cross_entropy.ts).
 */
export const SoftmaxCrossEntropyWithLogits: OpSpec = {
  name: TYPE,
  inputs: [{ name: 'features', type_attr: 'T' }, { name: 'labels', type_attr: 'T' }],
  outputs: [{ name: 'loss', type_attr: 'T' }, { name: 'backprop', type_attr: 'T' }],
  attrs: { T: { type: 'type', allowed_values: ['float32'] } },
  shape: (specs, _attrs, opName) => {
    const [features, labels] = specs;
    requireRank(features, 2, specs, opName, TYPE);
    requireRank(labels, 2, specs, opName, TYPE);
    const batch = mergeDim(dimOf(features, 0), dimOf(labels, 0), specs, opName, TYPE);
    const classes = mergeDim(dimOf(features, 1), dimOf(labels, 1), specs, opName, TYPE);
    return [{ shape: [batch] }, { shape: [batch, classes] }];
  },
  /**
   * d loss / d features = grad_loss * backprop; d loss / d labels = -grad_loss * log_softmax(features).
   * A gradient arriving at the backprop output (a second derivative) adds the softmax
   * Jacobian-vector product to the features' gradient and -grad to the labels'.
   */
  gradient: (op, [gradLoss, gradBackprop]) => {
    const [features] = op.inputs;
    let dFeatures = gradLoss ? multiply(expand_dims(gradLoss, -1), op.outputs[1]) : null;
    let dLabels = gradLoss ? multiply(expand_dims(gradLoss, -1), negative(log_softmax(features))) : null;
    if (gradBackprop) {
      const p = softmax(features);
      const jvp = multiply(subtract(gradBackprop, reduce_sum(multiply(gradBackprop, p), -1, true)), p);
      dFeatures = dFeatures ? add(dFeatures, jvp) : jvp;
      dLabels = dLabels ? subtract(dLabels, gradBackprop) : negative(gradBackprop);
    }
    return [dFeatures, dLabels];
  },
};
