/** The tf.math namespace (TF 1.13+ spells the math ops tf.math.*): the ones tensorgraph has. */
export {
  add, subtract, multiply, divide, truediv, realdiv, floordiv, floormod, mod, pow, maximum, minimum, squared_difference,
  scalar_mul, negative, exp, log, sqrt, rsqrt, square, abs, sign, reciprocal, floor, ceil, round, add_n, equal, not_equal,
  less, less_equal, greater, greater_equal, logical_and, logical_or, logical_not, logical_xor, reduce_sum, reduce_mean,
  reduce_max, reduce_min, reduce_prod, reduce_any, reduce_all, argmax, argmin,
} from '../ops/math_ops';
export { sigmoid, tanh } from '../ops/nn_activation_ops';
export { unsorted_segment_sum, segment_sum } from '../ops/gather_ops';
