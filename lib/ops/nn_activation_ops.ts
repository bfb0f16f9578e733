/* tf.nn activations and softmax: relu, sigmoid, tanh, softmax, log_softmax. */
import { Tensor, TensorLike } from '../framework/tensor';
import { NameArg, nameFrom, convertToTensor } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { makeOp1 } from './op_builder';
import { transpose } from './array_ops';
import { pyfunc } from '../framework/python_args';

/** tf.nn.relu(features, name?): max(features, 0). */
export const relu = pyfunc('relu', ['features', 'name'], 1, function relu(features: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Relu', [features], {}, nameFrom(name));
});

/** tf.sigmoid / tf.nn.sigmoid(x, name?): 1 / (1 + exp(-x)). */
export const sigmoid = pyfunc('sigmoid', ['x', 'name'], 1, function sigmoid(x: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Sigmoid', [x], {}, nameFrom(name));
});

/** tf.tanh / tf.nn.tanh(x, name?). */
export const tanh = pyfunc('tanh', ['x', 'name'], 1, function tanh(x: TensorLike, name?: NameArg): Tensor {
  return makeOp1('Tanh', [x], {}, nameFrom(name));
});

export interface SoftmaxOptions { axis?: number | null; dim?: number | null; name?: string }

/**
 * tf.nn.softmax(logits, axis=-1, name?) or tf.nn.softmax(logits, {axis, name}); TF1's
 * older `dim` is accepted too. A softmax over another axis transposes that axis last
 * and back, as TF1 does.
 */
export const softmax = pyfunc('softmax', ['logits', 'axis', 'name', 'dim'], 1,
  function softmax(logits: TensorLike, axis?: number | null, name?: NameArg, dim?: number | null): Tensor {
  return overAxis('Softmax', 'softmax', logits, { axis, dim, name: nameFrom(name) });
});

/** tf.nn.log_softmax(logits, axis=-1, name?): logits - log(sum(exp(logits))), computed stably. */
export const log_softmax = pyfunc('log_softmax', ['logits', 'axis', 'name', 'dim'], 1,
  function log_softmax(logits: TensorLike, axis?: number | null, name?: NameArg, dim?: number | null): Tensor {
  return overAxis('LogSoftmax', 'log_softmax', logits, { axis, dim, name: nameFrom(name) });
});

function overAxis(type: string, fn: string, logits: TensorLike, opts: SoftmaxOptions): Tensor {
  if (opts.axis != null && opts.dim != null) throw new ValueError(`tf.nn.${fn}: cannot specify both 'axis' and 'dim'`);
  const ax = opts.axis ?? opts.dim ?? -1;
  const x = convertToTensor(logits);
  if (ax === -1) return makeOp1(type, [x], {}, opts.name);
  if (x.shape === null) {
    throw new ValueError(`tf.nn.${fn} over axis ${ax} needs logits of known rank; ${x.name} has unknown shape`);
  }
  const rank = x.shape.length;
  if (!Number.isInteger(ax) || ax < -rank || ax >= rank) {
    throw new ValueError(`tf.nn.${fn}: axis ${ax} is out of bounds for logits of rank ${rank} (${x.name})`);
  }
  const a = ax < 0 ? ax + rank : ax;
  if (a === rank - 1) return makeOp1(type, [x], {}, opts.name);
  // Swapping two axes is its own inverse, so one permutation serves both ways.
  const perm = Array.from({ length: rank }, (_, i) => (i === a ? rank - 1 : i === rank - 1 ? a : i));
  return transpose(makeOp1(type, [transpose(x, perm)]), perm, opts.name);
}
