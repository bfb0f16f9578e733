/* tf.nn activations and softmax: relu, sigmoid, tanh, softmax, log_softmax, ... */
export {};
