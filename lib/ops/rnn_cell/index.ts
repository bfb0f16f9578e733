/* tf.nn.rnn_cell (and tf.contrib.rnn): TF1's recurrent cells. */
export { RNNCell } from './rnn_cell';
export { BasicRNNCell } from './basic_rnn_cell';
export { BasicLSTMCell } from './basic_lstm_cell';
export { LSTMCell } from './lstm_cell';
export { GRUCell } from './gru_cell';
export { MultiRNNCell } from './multi_rnn_cell';
export { DropoutWrapper } from './dropout_wrapper';
export { LSTMStateTuple } from './nest';
