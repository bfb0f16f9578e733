import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { LookupError } from '../../../framework/errors';
import { multiply } from '../../math_ops';
import { expand_dims } from '../../array_ops';
import { requireRank, mergeDim, dimOf } from './shape_messages';

const TYPE = 'SparseSoftmaxCrossEntropyWithLogits';

/**
 * The fused sparse softmax cross-entropy: inputs (features [batch, classes] float32,
 * labels [batch] int32|int64), outputs (loss [batch], backprop [batch, classes]) with
 * backprop = softmax(features) - one_hot(labels). Labels outside [0, classes) are an
 * InvalidArgumentError at run time (kernels/cpu/softmax_cross_entropy.ts).
 */
export const SparseSoftmaxCrossEntropyWithLogits: OpSpec = {
  name: TYPE,
  inputs: [{ name: 'features', type_attr: 'T' }, { name: 'labels', type_attr: 'Tlabels' }],
  outputs: [{ name: 'loss', type_attr: 'T' }, { name: 'backprop', type_attr: 'T' }],
  attrs: {
    T: { type: 'type', allowed_values: ['float32'] },
    Tlabels: indexTypeAttr('int64'),
  },
  shape: (specs, _attrs, opName) => {
    const [features, labels] = specs;
    requireRank(features, 2, specs, opName, TYPE);
    requireRank(labels, 1, specs, opName, TYPE);
    const batch = mergeDim(dimOf(features, 0), dimOf(labels, 0), specs, opName, TYPE);
    return [{ shape: [batch] }, { shape: [batch, dimOf(features, 1)] }];
  },
  // As TF1: grad_loss * backprop for the features, nothing for the integer labels, and
  // no second derivative (the fused backprop output cannot be differentiated).
  gradient: (op, [gradLoss, gradBackprop]) => {
    if (gradBackprop) {
      throw new LookupError('Currently there is no way to take the second derivative of sparse_softmax_cross_entropy_with_logits ' +
        `due to the fused implementation's interaction with tf.gradients() (op '${op.name}')`);
    }
    return [gradLoss ? multiply(expand_dims(gradLoss, -1), op.outputs[1]) : null, null];
  },
};
