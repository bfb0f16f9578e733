/** tf.contrib.layers: the initializers and regularizers tf.get_variable takes, fully_connected and flatten. */
export { xavier_initializer, xavier_initializer as xavier_initializer_conv2d, variance_scaling_initializer } from '../ops/init_ops';
export { l1_regularizer, l2_regularizer, sum_regularizer, apply_regularization } from '../ops/regularizers';
export { fully_connected, flatten } from '../layers/contrib';
