import * as activation from '../ops/nn_activation_ops';
import * as conv from '../ops/nn_conv_ops';
import * as losses from '../ops/nn_loss_ops';

/** The tf.nn namespace, gathered from the modules that define its functions. */
export const nn = { ...activation, ...conv, ...losses };
