/* tf.nn losses: softmax_cross_entropy_with_logits(_v2), sparse_..., l2_loss. */
export {};
