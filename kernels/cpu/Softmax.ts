import { NDArray, formatShape } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { softmaxWasm, transcendentalInWasm } from './wasm_elementwise';

/*
 * Softmax-family kernels over the last dimension, row by row. Rows are shifted by
 * their maximum before exponentiating, so logits of any magnitude stay finite; sums
 * are accumulated in float64.
 */

function rowsOf(x: NDArray, opName: string): { rows: number; cols: number } {
  if (x.rank < 1) throw new InvalidArgumentError(`logits must have >= 1 dimension, got shape ${formatShape(x.shape)} in '${opName}'`, opName);
  const cols = x.shape[x.rank - 1];
  return { rows: cols === 0 ? 0 : x.size / cols, cols };
}

function sameShape(a: NDArray, b: NDArray, opName: string): void {
  if (a.rank !== b.rank || a.shape.some((d, i) => d !== b.shape[i])) {
    throw new InvalidArgumentError(`'${opName}' needs inputs of the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`, opName);
  }
}

export const softmaxKernel: CpuKernel = ([x], ctx) => {
  const { rows, cols } = rowsOf(x, ctx.op.name);
  const d = x.data as Float32Array;
  // One output whichever path fills it: a pooled buffer dropped here would wait for a GC finalizer.
  const out = ctx.allocate('float32', x.size, false) as Float32Array;
  if (x.dtype === 'float32' && transcendentalInWasm(x.size) && softmaxWasm(d, out, cols)) {
    return new NDArray(out, x.shape, 'float32');
  }
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (d[base + j] > max) max = d[base + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) { const e = Math.exp(d[base + j] - max); out[base + j] = e; sum += e; }
    const inv = 1 / sum;
    for (let j = 0; j < cols; j++) out[base + j] *= inv;
  }
  return new NDArray(out, x.shape, 'float32');
};

/** log softmax = x - max - log(sum(exp(x - max))). */
export const logSoftmaxKernel: CpuKernel = ([x], ctx) => {
  const { rows, cols } = rowsOf(x, ctx.op.name);
  const d = x.data as Float32Array;
  const out = ctx.allocate('float32', x.size, false) as Float32Array;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (d[base + j] > max) max = d[base + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(d[base + j] - max);
    const shift = max + Math.log(sum);
    for (let j = 0; j < cols; j++) out[base + j] = d[base + j] - shift;
  }
  return new NDArray(out, x.shape, 'float32');
};

/** SoftmaxGrad(y, dy) = (dy - sum(dy * y)) * y per row, y being the softmax output. */
export const softmaxGradKernel: CpuKernel = ([y, dy], ctx) => {
  sameShape(y, dy, ctx.op.name);
  const { rows, cols } = rowsOf(y, ctx.op.name);
  const a = y.data, g = dy.data;
  const out = ctx.allocate('float32', y.size, false) as Float32Array;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let dot = 0;
    for (let j = 0; j < cols; j++) dot += g[base + j] * a[base + j];
    for (let j = 0; j < cols; j++) out[base + j] = (g[base + j] - dot) * a[base + j];
  }
  return new NDArray(out, y.shape, 'float32');
};

/** LogSoftmaxGrad(y, dy) = dy - exp(y) * sum(dy) per row, y being the log-softmax output. */
export const logSoftmaxGradKernel: CpuKernel = ([y, dy], ctx) => {
  sameShape(y, dy, ctx.op.name);
  const { rows, cols } = rowsOf(y, ctx.op.name);
  const a = y.data, g = dy.data;
  const out = ctx.allocate('float32', y.size, false) as Float32Array;
  for (let r = 0, base = 0; r < rows; r++, base += cols) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += g[base + j];
    for (let j = 0; j < cols; j++) out[base + j] = g[base + j] - Math.exp(a[base + j]) * sum;
  }
  return new NDArray(out, y.shape, 'float32');
};
