/** The tf.nn namespace, gathered from the modules that define its functions. */
export { relu, sigmoid, tanh, softmax, log_softmax } from '../ops/nn_activation_ops';
export type { SoftmaxOptions } from '../ops/nn_activation_ops';
export {
  conv2d, conv2d_backprop_input, conv2d_backprop_filter, max_pool, avg_pool, bias_add, relu6, elu, leaky_relu, dropout,
} from '../ops/nn_conv_ops';
export type { Conv2DOptions, Conv2DCallOptions, PoolOptions, PoolCallOptions, DropoutOptions } from '../ops/nn_conv_ops';
export {
  softmax_cross_entropy_with_logits_v2, softmax_cross_entropy_with_logits, sparse_softmax_cross_entropy_with_logits, l2_loss,
} from '../ops/nn_loss_ops';
export type { SoftmaxXentOptions, SparseSoftmaxXentOptions } from '../ops/nn_loss_ops';
export { top_k, in_top_k } from '../ops/nn_top_k_ops';
