/* tf.nn losses: softmax_cross_entropy_with_logits(_v2), sparse_softmax_cross_entropy_with_logits, sigmoid_cross_entropy_with_logits, l2_loss. */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, NameArg, nameFrom, ownedConstant } from '../framework/convert';
import type { Graph } from '../framework/graph';
import { NDArray, formatShape } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import { isInteger } from '../framework/dtypes';
import type { StaticShape } from '../registry/op_registry';
import { makeOp, makeOp1 } from './op_builder';
import { stop_gradient } from './gradients';
import { reshape, shape } from './shape_ops';
import { slice, transpose, where } from './array_ops';
import { add, exp, greater_equal, log, multiply, negative, subtract } from './math_ops';
import { zeros_like } from './shape_ops';
import { checkKeywords, isOptionsObject, pyfunc } from '../framework/python_args';

export interface SoftmaxXentOptions {
  labels: TensorLike;
  logits: TensorLike;
  /** The class dimension (TF1's v2 name); default -1. */
  axis?: number;
  /** The class dimension (TF1's v1 name). */
  dim?: number;
  name?: string;
}

export interface SparseSoftmaxXentOptions { labels: TensorLike; logits: TensorLike; name?: string }

/** TF1 refuses positional calls to the cross-entropy functions (labels and logits are easy to swap). */
function namedArguments<T>(fn: string, args: unknown[], accepted: string[]): T {
  if (args.length !== 1 || !isOptionsObject(args[0])) {
    throw new ValueError(`Only call \`${fn}\` with named arguments (labels=..., logits=..., ...): ${fn}({labels, logits})`);
  }
  const o = args[0] as Record<string, unknown>;
  checkKeywords(fn, o, accepted);
  if (o.labels === undefined || o.labels === null) throw new ValueError(`${fn}: labels must not be None.`);
  if (o.logits === undefined || o.logits === null) throw new ValueError(`${fn}: logits must not be None.`);
  return o as T;
}

function fullyKnown(s: StaticShape): s is number[] {
  return s !== null && s.every((d) => d !== null);
}

/** Logits as a float32 tensor (JS arrays convert to float32). */
function logitsTensor(logits: TensorLike, fn: string): Tensor {
  const t = convertToTensor(logits, 'float32');
  if (t.dtype !== 'float32') throw new ValueError(`${fn}: logits must be float32; got ${t.dtype} (${t.name})`);
  return t;
}

/** The cost reshaped back to the logits' leading dimensions (statically when they are known). */
function restoreLeadingShape(cost: Tensor, logits: Tensor, rank: number): Tensor {
  const leading = logits.shape!.slice(0, rank - 1);
  if (fullyKnown(leading)) return reshape(cost, leading);
  return reshape(cost, slice(shape(logits), [0], [rank - 1]));
}

/**
 * Dense softmax cross-entropy over dimension `axis` (labels: a probability distribution per
 * row). Computed by the fused SoftmaxCrossEntropyWithLogits op on [rows, classes] matrices;
 * other ranks are reshaped (and a non-last axis transposed) around it, as TF1 does.
 */
function softmaxXent(labels: Tensor, logits: Tensor, axis: number, scopeName: string, fn: string): Tensor {
  const g = logits.graph;
  return g.name_scope(scopeName, (scope) => {
    const rank = logits.shape === null ? null : logits.shape.length;
    if (rank === null) return makeOp(OP_DENSE, [logits, labels], {}, scope).outputs[0];
    if (rank === 0) throw new ValueError(`${fn}: logits cannot be scalars - received shape ${formatShape(logits.shape)}.`);
    if (labels.shape !== null && !compatibleShapes(labels.shape, logits.shape!)) {
      throw new ValueError(`${fn} (op: '${OP_DENSE}'): logits and labels must have the same shape, received logits shape ` +
        `${formatShape(logits.shape)} and labels shape ${formatShape(labels.shape)}.`);
    }
    const a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) throw new ValueError(`${fn}: dim ${axis} is out of range for logits of rank ${rank}`);
    let x = logits, y = labels;
    if (a !== rank - 1) {
      const perm = [...Array(rank).keys()].filter((i) => i !== a).concat([a]);
      x = transpose(x, perm);
      y = transpose(y, perm);
    }
    if (rank === 2) return makeOp(OP_DENSE, [x, y], {}, scope).outputs[0];
    const classes = x.shape![rank - 1];
    if (classes === null) {
      throw new ValueError(`${fn}: the number of classes (dimension ${axis} of logits ${formatShape(logits.shape)}) must be known for logits of rank ${rank}`);
    }
    const cost = makeOp(OP_DENSE, [reshape(x, [-1, classes]), reshape(y, [-1, classes])], {}, scope).outputs[0];
    return restoreLeadingShape(cost, x, rank);
  });
}

const OP_DENSE = 'SoftmaxCrossEntropyWithLogits';
const OP_SPARSE = 'SparseSoftmaxCrossEntropyWithLogits';

function compatibleShapes(a: (number | null)[], b: (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/**
 * tf.nn.softmax_cross_entropy_with_logits_v2({labels, logits, axis=-1, name}): per-example
 * cross-entropy -sum(labels * log_softmax(logits)); gradients flow into labels too.
 */
export function softmax_cross_entropy_with_logits_v2(...args: unknown[]): Tensor {
  const fn = 'softmax_cross_entropy_with_logits_v2';
  const o = namedArguments<SoftmaxXentOptions>(fn, args, ['labels', 'logits', 'axis', 'name', 'dim']);
  const logits = logitsTensor(o.logits, fn);
  const labels = convertToTensor(o.labels, 'float32', undefined, logits.graph);
  return softmaxXent(labels, logits, o.axis ?? o.dim ?? -1, o.name ?? 'softmax_cross_entropy_with_logits', fn);
}

/**
 * tf.nn.softmax_cross_entropy_with_logits({labels, logits, dim=-1, name}), TF1's original:
 * as _v2, but no gradient flows into labels.
 */
export function softmax_cross_entropy_with_logits(...args: unknown[]): Tensor {
  const fn = 'softmax_cross_entropy_with_logits';
  const o = namedArguments<SoftmaxXentOptions>(fn, args, ['labels', 'logits', 'axis', 'name', 'dim']);
  const logits = logitsTensor(o.logits, fn);
  const g = logits.graph;
  // Claim the unique scope once; the labels' StopGradient and the fused op both go inside it.
  const scope = g.name_scope(o.name ?? 'softmax_cross_entropy_with_logits_sg', (s) => s);
  const labels = g.name_scope(scope, () =>
    stop_gradient(convertToTensor(o.labels, 'float32', undefined, g), 'labels_stop_gradient'));
  return softmaxXent(labels, logits, o.dim ?? o.axis ?? -1, scope, fn);
}

/** Labels as an int32/int64 tensor (JS arrays convert to int32, as Python ints do). */
function sparseLabels(labels: TensorLike, fn: string, graph: Graph): Tensor {
  const typed = labels instanceof Tensor || labels instanceof NDArray || (typeof labels === 'object' && labels !== null && '_asTensor' in labels);
  if (!typed) {
    // Plain JS numbers: class indices must be integers (0.5 is no class), then int32 as Python ints.
    const values = NDArray.from(labels, 'float32');
    if (!values.data.every(Number.isInteger)) throw new ValueError(`${fn}: labels must be integer class indices; got ${JSON.stringify(labels)}`);
    return ownedConstant(values.astype('int32'), undefined, graph);
  }
  const t = convertToTensor(labels, undefined, undefined, graph);
  if (!isInteger(t.dtype) || t.dtype === 'uint8') {
    throw new ValueError(`${fn}: labels must be int32 or int64 class indices; got ${t.dtype} (${t.name})`);
  }
  return t;
}

/**
 * tf.nn.sparse_softmax_cross_entropy_with_logits({labels, logits, name}): per-example
 * -log_softmax(logits)[label] for integer labels of shape logits.shape[:-1]. A label
 * outside [0, classes) is an InvalidArgumentError when the op runs.
 */
export function sparse_softmax_cross_entropy_with_logits(...args: unknown[]): Tensor {
  const fn = 'sparse_softmax_cross_entropy_with_logits';
  const o = namedArguments<SparseSoftmaxXentOptions>(fn, args, ['labels', 'logits', 'name']);
  const logits = logitsTensor(o.logits, fn);
  const g = logits.graph;
  const opName = o.name ?? OP_SPARSE;
  return g.name_scope(opName, () => {
    const labels = sparseLabels(o.labels, fn, g);
    const where = `(op: '${OP_SPARSE}', name: '${opName}')`;
    const lr = labels.shape === null ? null : labels.shape.length;
    const xr = logits.shape === null ? null : logits.shape.length;
    if (xr === 0) throw new ValueError(`Logits cannot be scalars - received shape ${formatShape(logits.shape)}. ${where}`);
    if (lr !== null && xr !== null && lr !== xr - 1) {
      throw new ValueError(`Rank mismatch: Rank of labels (received ${lr}) should equal rank of logits minus 1 (received ${xr}). ${where}`);
    }
    if (lr !== null && xr !== null && !compatibleShapes(labels.shape!, logits.shape!.slice(0, -1))) {
      throw new ValueError(`Shape mismatch: The shape of labels (received ${formatShape(labels.shape)}) should equal the shape of logits ` +
        `except for the last dimension (received ${formatShape(logits.shape)}). ${where}`);
    }
    if (xr === null || xr === 2) return makeOp(OP_SPARSE, [logits, labels], {}, opName).outputs[0];
    const classes = logits.shape![xr - 1];
    if (classes === null) {
      throw new ValueError(`${fn}: the number of classes (last dimension of logits ${formatShape(logits.shape)}) must be known for logits of rank ${xr}`);
    }
    const cost = makeOp(OP_SPARSE, [reshape(logits, [-1, classes]), reshape(labels, [-1])], {}, opName).outputs[0];
    return restoreLeadingShape(cost, logits, xr);
  });
}

/** tf.nn.l2_loss(t, name?): sum(t^2) / 2. */
export const l2_loss = pyfunc('l2_loss', ['t', 'name'], 1, function l2_loss(t: TensorLike, name?: NameArg): Tensor {
  return makeOp1('L2Loss', [convertToTensor(t, 'float32')], {}, nameFrom(name));
});

/** A static shape as Python prints a TensorShape: (2, 3), (3,), (?, 4), <unknown>. */
function pythonShape(s: StaticShape): string {
  if (s === null) return '<unknown>';
  const dims = s.map((d) => (d === null ? '?' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

/**
 * tf.nn.sigmoid_cross_entropy_with_logits({labels, logits, name}): per element
 * max(x, 0) - x·z + log(1 + exp(-|x|)), TF1's overflow-free form, under `logistic_loss/`.
 * TF1 takes the last term with Log1p, which tensorgraph lacks: Log(1 + Exp) differs by
 * less than float32's spacing near 1 (it rounds exp(-|x|) < 6e-8 away), not in the gradient's form.
 */
export function sigmoid_cross_entropy_with_logits(...args: unknown[]): Tensor {
  const fn = 'sigmoid_cross_entropy_with_logits';
  const o = namedArguments<SparseSoftmaxXentOptions>(fn, args, ['labels', 'logits', 'name']);
  const logits = logitsTensor(o.logits, fn);
  const g = logits.graph;
  return g.name_scope(o.name ?? 'logistic_loss', (scope) => {
    const labels = convertToTensor(o.labels, 'float32', undefined, g);
    if (labels.shape !== null && logits.shape !== null && !compatibleShapes(labels.shape, logits.shape)) {
      throw new ValueError(`logits and labels must have the same shape (${pythonShape(logits.shape)} vs ${pythonShape(labels.shape)})`);
    }
    const zeros = zeros_like(logits);
    const positive = greater_equal(logits, zeros);
    const reluLogits = where(positive, logits, zeros);
    const negAbsLogits = where(positive, negative(logits), logits);
    return add(subtract(reluLogits, multiply(logits, labels)), log(add(1, exp(negAbsLogits))), scope);
  });
}
