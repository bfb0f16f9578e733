import { Tensor, TensorLike } from '../framework/tensor';
import { NameArg, nameFrom, convertToTensor, graphOf } from '../framework/convert';
import { pyfunc } from '../framework/python_args';

/* tf.nn.top_k (op TopKV2) and tf.nn.in_top_k (op InTopKV2); definitions in lib/ops/defs/nn/TopKV2.ts. */

/**
 * tf.nn.top_k(input, k=1, sorted=True, name=None): [values, indices] of the k largest
 * entries of each last-dimension row, largest first; equal values lower index first.
 */
export const top_k = pyfunc('top_k', ['input', 'k', 'sorted', 'name'], 1,
  function top_k(input: TensorLike, k: TensorLike = 1, sorted = true, name?: NameArg): [Tensor, Tensor] {
    const x = convertToTensor(input);
    const kT = convertToTensor(k, 'int32', undefined, x.graph);
    const op = x.graph.create_op('TopKV2', [x, kT], { sorted }, nameFrom(name) ?? 'TopKV2');
    return [op.outputs[0], op.outputs[1]];
  });

/**
 * tf.nn.in_top_k(predictions, targets, k, name=None): bool per row, whether the target
 * class is among the k largest predictions (ties at the boundary count as in; a row
 * with a non-finite prediction or a target out of range is false).
 */
export const in_top_k = pyfunc('in_top_k', ['predictions', 'targets', 'k', 'name'], 3,
  function in_top_k(predictions: TensorLike, targets: TensorLike, k: TensorLike, name?: NameArg): Tensor {
    const g = graphOf([predictions, targets, k]);
    const p = convertToTensor(predictions, 'float32', undefined, g);
    const t = convertToTensor(targets, targets instanceof Tensor ? undefined : 'int32', undefined, g);
    const kT = convertToTensor(k, t.dtype, undefined, g);
    return g.create_op('InTopKV2', [p, t, kT], {}, nameFrom(name) ?? 'in_top_k').outputs[0];
  });
