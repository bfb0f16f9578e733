/* tf.shape, tf.reshape, tf.fill, tf.zeros_like, tf.ones_like, tf.size, tf.rank. */
export {};
