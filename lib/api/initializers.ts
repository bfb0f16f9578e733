/** The tf.initializers namespace of TF 1.15: the initializer classes under their short names, and the variables' initializer ops. */
export {
  Zeros as zeros, Ones as ones, Constant as constant, RandomUniform as random_uniform, RandomNormal as random_normal,
  TruncatedNormal as truncated_normal, VarianceScaling as variance_scaling, GlorotUniform as glorot_uniform,
  GlorotNormal as glorot_normal, he_normal, he_uniform, lecun_normal, lecun_uniform,
} from '../ops/init_ops';
export {
  global_variables_initializer as global_variables, local_variables_initializer as local_variables,
  variables_initializer as variables,
} from '../ops/variables';
