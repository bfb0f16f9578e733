/** The tf.nn namespace, gathered from the modules that define its functions. */
export { relu, sigmoid, tanh, softmax, log_softmax } from '../ops/nn_activation_ops';
export type { SoftmaxOptions } from '../ops/nn_activation_ops';
export {
  conv2d, conv2d_backprop_input, conv2d_backprop_filter, conv2d_transpose, max_pool, avg_pool, bias_add, relu6, elu, leaky_relu, dropout,
} from '../ops/nn_conv_ops';
export type { Conv2DOptions, Conv2DCallOptions, PoolOptions, PoolCallOptions, DropoutOptions } from '../ops/nn_conv_ops';
export {
  softmax_cross_entropy_with_logits_v2, softmax_cross_entropy_with_logits, sparse_softmax_cross_entropy_with_logits, l2_loss,
  sigmoid_cross_entropy_with_logits,
} from '../ops/nn_loss_ops';
export type { SoftmaxXentOptions, SparseSoftmaxXentOptions } from '../ops/nn_loss_ops';
export { moments, batch_normalization, fused_batch_norm, l2_normalize } from '../ops/nn_batch_norm_ops';
export { embedding_lookup } from '../ops/embedding_ops';
export { top_k, in_top_k } from '../ops/nn_top_k_ops';
export * as rnn_cell from '../ops/rnn_cell/index';
export { static_rnn, static_bidirectional_rnn, dynamic_rnn, bidirectional_dynamic_rnn } from '../ops/rnn';
export { log_uniform_candidate_sampler, uniform_candidate_sampler, fixed_unigram_candidate_sampler, compute_accidental_hits } from '../ops/candidate_sampling_ops';
export type { SampledValues } from '../ops/candidate_sampling_ops';
export { nce_loss, sampled_softmax_loss } from '../ops/nn_sampled_losses';
