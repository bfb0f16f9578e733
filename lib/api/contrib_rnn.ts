/** tf.contrib.rnn: the same cells as tf.nn.rnn_cell, and static_rnn / static_bidirectional_rnn under their contrib names. */
export * from '../ops/rnn_cell/index';
export { static_rnn, static_bidirectional_rnn } from '../ops/rnn';
