/* tf.random_normal, tf.truncated_normal, tf.random_uniform, tf.set_random_seed. */
export {};
