/*
 * tf.contrib.layers' regularizers: functions of a weight tensor that return a scalar penalty.
 * tf.get_variable calls one on the new variable inside `<variable>/Regularizer/` and adds
 * the result to GraphKeys.REGULARIZATION_LOSSES (tf.losses.get_regularization_loss sums them).
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf } from '../framework/convert';
import { GraphKeys, get_default_graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { bindArgs } from '../framework/python_args';
import { abs, add_n, multiply, reduce_sum } from './math_ops';
import { l2_loss } from './nn_loss_ops';
import { constant } from './array_ops';

/** A regularizer: weights -> a scalar penalty, or null for none (a scale of 0). */
export type Regularizer = (weights: TensorLike) => Tensor | null;

/**
 * TF1's scale checks: negative is a ValueError, 0 disables the regularizer. (Python also
 * refuses an int scale; JavaScript numbers do not tell 1 from 1.0, so any number is taken.)
 */
function checkedScale(scale: unknown): number | Tensor | null {
  if (scale instanceof Tensor) return scale;
  if (typeof scale !== 'number' || Number.isNaN(scale)) throw new TypeError(`scale must be a number or a Tensor, got ${String(scale)}`);
  if (scale < 0) throw new ValueError(`Setting a scale less than 0 on a regularizer: ${scale}`);
  return scale === 0 ? null : scale;
}

function scaled(fnName: string, defaultScope: string, args: unknown[], penalty: (w: Tensor) => Tensor): Regularizer {
  const a = bindArgs<{ scale: unknown; scope: string | null }>(fnName, args, ['scale', 'scope'], {}, 1);
  const scale = checkedScale(a.scale);
  if (scale === null) return () => null;
  return (weights: TensorLike): Tensor => {
    const g = graphOf([weights]);
    return g.name_scope(a.scope ?? defaultScope, (name) => {
      const w = convertToTensor(weights, undefined, undefined, g);
      const myScale = convertToTensor(scale, w.dtype, 'scale', g);
      return multiply(myScale, penalty(w), name);
    });
  };
}

/** tf.contrib.layers.l1_regularizer(scale, scope=None): scale * sum(|w|). */
export function l1_regularizer(...args: unknown[]): Regularizer {
  return scaled('l1_regularizer', 'l1_regularizer', args, (w) => reduce_sum(abs(w)));
}

/** tf.contrib.layers.l2_regularizer(scale, scope=None): scale * sum(w^2) / 2 (tf.nn.l2_loss). */
export function l2_regularizer(...args: unknown[]): Regularizer {
  return scaled('l2_regularizer', 'l2_regularizer', args, (w) => l2_loss(w));
}

/** tf.contrib.layers.sum_regularizer(regularizer_list, scope=None): the sum of their penalties; null for an empty list. */
export function sum_regularizer(...args: unknown[]): Regularizer | null {
  const a = bindArgs<{ regularizer_list: (Regularizer | null)[]; scope: string | null }>('sum_regularizer', args,
    ['regularizer_list', 'scope'], {}, 1);
  const regs = a.regularizer_list.filter((r): r is Regularizer => r !== null && r !== undefined);
  if (regs.length === 0) return null;
  return (weights: TensorLike): Tensor | null => graphOf([weights]).name_scope(a.scope ?? 'sum_regularizer', (name) => {
    const penalties = regs.map((r) => r(weights)).filter((p): p is Tensor => p !== null && p !== undefined);
    return penalties.length ? add_n(penalties, name) : null;
  });
}

/**
 * tf.contrib.layers.apply_regularization(regularizer, weights_list=None): the summed penalty
 * of the weights (default: the WEIGHTS collection), added to REGULARIZATION_LOSSES.
 */
export function apply_regularization(...args: unknown[]): Tensor {
  const a = bindArgs<{ regularizer: Regularizer; weights_list: TensorLike[] | null }>('apply_regularization', args,
    ['regularizer', 'weights_list'], {}, 1);
  let weights = a.weights_list ?? [];
  if (weights.length === 0) weights = get_default_graph().get_collection<TensorLike>(GraphKeys.WEIGHTS);
  if (weights.length === 0) throw new ValueError('No weights to regularize.');
  const g = graphOf(weights);
  return g.name_scope('get_regularization_penalty', (scope) => {
    const penalties = weights.map((w) => a.regularizer(w) ?? constant(0.0));
    for (const p of penalties) {
      if (p.shape === null || p.shape.length !== 0) {
        throw new ValueError(`regularizer must return a scalar Tensor instead of a Tensor with rank ${p.shape === null ? 'None' : p.shape.length}.`);
      }
    }
    const summed = add_n(penalties, scope);
    g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, summed);
    return summed;
  });
}
