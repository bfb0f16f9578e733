/** The fused loss ops: SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, L2Loss. */
import type { GpuKernel, DeviceTensor, GpuKernelContext } from './types';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape, NDArray } from '../../lib/framework/ndarray';
import { reduce } from './reduce';
import { kernelSource } from './codegen';
import { rowLogSumExp, perRow } from './Softmax';

function checkAtLeastOneClass(logits: DeviceTensor, ctx: GpuKernelContext): void {
  if (logits.shape[0] > 0 && logits.shape[1] === 0) {
    throw new InvalidArgumentError(`Must have at least one class, but got logits shape ${formatShape(logits.shape)}`, ctx.op.name);
  }
}

/** (features [batch, classes], labels [batch, classes]) -> loss [batch], backprop = softmax - labels. */
export const SoftmaxCrossEntropyWithLogits: GpuKernel = ([logits, labels], ctx) => {
  if (logits.rank !== 2 || labels.rank !== 2 || logits.shape[0] !== labels.shape[0] || logits.shape[1] !== labels.shape[1]) {
    throw new InvalidArgumentError(`logits and labels must be same size: logits_size=${formatShape(logits.shape)} ` +
      `labels_size=${formatShape(labels.shape)}`, ctx.op.name);
  }
  checkAtLeastOneClass(logits, ctx);
  const [batch, classes] = logits.shape;
  if (logits.size === 0) return [ctx.fromHost(NDArray.zeros([batch])), ctx.fromHost(NDArray.zeros([batch, classes]))];
  const { max, logSum } = rowLogSumExp(ctx, logits, batch);
  const backprop = perRow(ctx, logits, classes, [max, logSum], 'Math.exp(x - r1 - r2) - y0', [labels]);
  // Zero labels contribute nothing, so a -inf logit with label 0 gives no 0 * inf = NaN.
  const terms = perRow(ctx, logits, classes, [max, logSum], 'y0 != 0 ? y0 * (r2 - (x - r1)) : 0', [labels]);
  const loss = reduce(ctx, terms, [1], [batch], { kind: 'sum' });
  return [loss, backprop];
};

/** (features [batch, classes], labels [batch] int) -> loss [batch], backprop = softmax - one_hot(labels). */
export const SparseSoftmaxCrossEntropyWithLogits: GpuKernel = ([logits, labels], ctx) => {
  if (logits.rank !== 2) throw new InvalidArgumentError(`logits must be 2-D, but got shape ${formatShape(logits.shape)}`, ctx.op.name);
  if (labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new InvalidArgumentError(`logits and labels must have the same first dimension, got logits shape ` +
      `${formatShape(logits.shape)} and labels shape ${formatShape(labels.shape)}`, ctx.op.name);
  }
  checkAtLeastOneClass(logits, ctx);
  const [batch, classes] = logits.shape;
  // A label outside [0, classes) is an error, as on the CPU: checking it needs the labels on the host
  // (they usually are: a feed), and the CPU kernel words the message.
  const hostLabels = ctx.hostValue(labels);
  if (Array.prototype.some.call(hostLabels.data, (v: number) => !(v >= 0 && v < classes))) return ctx.runOnHost([logits, labels]);
  if (logits.size === 0) return [ctx.fromHost(NDArray.zeros([batch])), ctx.fromHost(NDArray.zeros([batch, classes]))];
  const { max, logSum } = rowLogSumExp(ctx, logits, batch);
  const backprop = ctx.launch(kernelSource(['x', 'lab', 'mx', 'ls'], `const i = this.thread.x;
  const row = Math.floor((i + 0.5) / ${classes});
  const col = i - row * ${classes};
  return Math.exp(x[i] - mx[row] - ls[row]) - (col == lab[row] ? 1 : 0);`), [logits, labels, max, logSum], [batch, classes], 'float32');
  const loss = ctx.launch(kernelSource(['x', 'lab', 'mx', 'ls'], `const row = this.thread.x;
  return ls[row] - (x[row * ${classes} + lab[row]] - mx[row]);`), [logits, labels, max, logSum], [batch], 'float32');
  return [loss, backprop];
};

/** sum(t²) / 2. */
export const L2Loss: GpuKernel = ([t], ctx) => {
  if (t.size === 0) return ctx.fromHost(NDArray.scalar(0));
  const all = t.shape.map((_, i) => i);
  return reduce(ctx, t, all, [], { kind: 'sum', map: 'v * v * 0.5' });
};
