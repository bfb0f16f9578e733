/** The tf.train namespace: optimizers, global step, Saver. */
export * from '../train/optimizers';
export * from '../saved_model/saver';
