/* tf.nn convolution, pooling, bias_add, dropout, relu6, elu, leaky_relu. */
export {};
