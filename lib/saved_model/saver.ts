/* tf.train.Saver and tf.train.latest_checkpoint. */
export {};
