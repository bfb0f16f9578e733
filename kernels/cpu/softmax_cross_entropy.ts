import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';

/**
 * Per row of logits: shifts by the row max (so exp never overflows, even for 1e4),
 * writes softmax into `backprop`, and returns log(sum(exp(shifted))) and the max.
 */
function softmaxRow(x: ArrayLike<number>, off: number, classes: number, backprop: Float32Array): { logSum: number; max: number } {
  let max = -Infinity;
  for (let j = 0; j < classes; j++) { const v = x[off + j]; if (v > max) max = v; }
  // A row of NaN (or all -inf) has no usable max; let NaN propagate as TF does.
  if (!(max > -Infinity)) max = x[off];
  let sum = 0;
  for (let j = 0; j < classes; j++) {
    const e = Math.exp(x[off + j] - max);
    backprop[off + j] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let j = 0; j < classes; j++) backprop[off + j] *= inv;
  return { logSum: Math.log(sum), max };
}

function checkAtLeastOneClass(logits: NDArray, opName: string): void {
  if (logits.shape[0] > 0 && logits.shape[1] === 0) {
    throw new InvalidArgumentError(`Must have at least one class, but got logits shape ${formatShape(logits.shape)}`, opName);
  }
}

/**
 * SoftmaxCrossEntropyWithLogits(features [batch, classes], labels [batch, classes])
 * -> loss [batch] = sum(-labels * log_softmax(features)), backprop = softmax - labels.
 */
export const softmaxCrossEntropyKernel: CpuKernel = ([logits, labels], ctx) => {
  if (logits.rank !== 2 || labels.rank !== 2 || logits.shape[0] !== labels.shape[0] || logits.shape[1] !== labels.shape[1]) {
    throw new InvalidArgumentError(`logits and labels must be same size: logits_size=${formatShape(logits.shape)} ` +
      `labels_size=${formatShape(labels.shape)}`, ctx.op.name);
  }
  checkAtLeastOneClass(logits, ctx.op.name);
  const [batch, classes] = logits.shape;
  const x = logits.data, y = labels.data;
  const loss = ctx.allocate('float32', batch, true) as Float32Array;
  const backprop = ctx.allocate('float32', batch * classes, true) as Float32Array;
  for (let r = 0; r < batch; r++) {
    const off = r * classes;
    const { logSum, max } = softmaxRow(x, off, classes, backprop);
    let l = 0;
    for (let j = 0; j < classes; j++) {
      const label = y[off + j];
      // Zero labels contribute nothing; skipping them keeps -inf logits from making 0 * inf = NaN.
      if (label !== 0) l += label * (logSum - (x[off + j] - max));
      backprop[off + j] -= label;
    }
    loss[r] = l;
  }
  return [new NDArray(loss, [batch], 'float32'), new NDArray(backprop, [batch, classes], 'float32')];
};

/** Lists label values the way TF's error message does (the first few, then '...'). */
function summarize(labels: ArrayLike<number>): string {
  const shown = Array.from({ length: Math.min(labels.length, 10) }, (_, i) => String(labels[i]));
  return shown.join(' ') + (labels.length > 10 ? '...' : '');
}

/**
 * SparseSoftmaxCrossEntropyWithLogits(features [batch, classes], labels [batch] int32|int64)
 * -> loss [batch] = -log_softmax(features)[label], backprop = softmax - one_hot(label).
 */
export const sparseSoftmaxCrossEntropyKernel: CpuKernel = ([logits, labels], ctx) => {
  if (logits.rank !== 2) {
    throw new InvalidArgumentError(`logits must be 2-D, but got shape ${formatShape(logits.shape)}`, ctx.op.name);
  }
  if (labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new InvalidArgumentError(`logits and labels must have the same first dimension, got logits shape ` +
      `${formatShape(logits.shape)} and labels shape ${formatShape(labels.shape)}`, ctx.op.name);
  }
  checkAtLeastOneClass(logits, ctx.op.name);
  const [batch, classes] = logits.shape;
  const x = logits.data, y = labels.data;
  for (let r = 0; r < batch; r++) {
    const label = y[r];
    if (!(label >= 0 && label < classes)) {
      throw new InvalidArgumentError(`Received a label value of ${label} which is outside the valid range of [0, ${classes}).  ` +
        `Label values: ${summarize(y)}`, ctx.op.name);
    }
  }
  const loss = ctx.allocate('float32', batch, true) as Float32Array;
  const backprop = ctx.allocate('float32', batch * classes, true) as Float32Array;
  for (let r = 0; r < batch; r++) {
    const off = r * classes;
    const { logSum, max } = softmaxRow(x, off, classes, backprop);
    const label = y[r];
    loss[r] = logSum - (x[off + label] - max);
    backprop[off + label] -= 1;
  }
  return [new NDArray(loss, [batch], 'float32'), new NDArray(backprop, [batch, classes], 'float32')];
};
