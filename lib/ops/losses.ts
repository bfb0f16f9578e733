/* tf.losses: sparse_softmax_cross_entropy, softmax_cross_entropy, mean_squared_error. */
export {};
