/** The tf.nn namespace, gathered from the modules that define its functions. */
export * from '../ops/nn_activation_ops';
export * from '../ops/nn_conv_ops';
export * from '../ops/nn_loss_ops';
