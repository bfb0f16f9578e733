/** The tf.random namespace of TF 1.13+: tf.random.normal is tf.random_normal, and so on. */
export {
  random_normal as normal, random_uniform as uniform, truncated_normal, set_random_seed, get_seed,
  /** TF 2's spelling of tf.random.set_random_seed, which scripts written for TF 1.15 and 2.x share. */
  set_random_seed as set_seed,
} from '../ops/random_ops';
