import { NDArray } from '../../lib/framework/ndarray';
import { InvalidArgumentError } from '../../lib/framework/errors';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { reluGradWasm, reluWasm } from './wasm_elementwise';

/* Elementwise activations and the ops their gradients use; plain loops over typed arrays. */

function sameSize(a: NDArray, b: NDArray, opName: string): void {
  if (a.size !== b.size || a.shape.some((d, i) => d !== b.shape[i]) || a.rank !== b.rank) {
    throw new InvalidArgumentError(`'${opName}' needs inputs of the same shape, got [${a.shape}] and [${b.shape}]`, opName);
  }
}

/** max(x, 0) as TF computes it: NaN stays NaN. */
export const reluKernel: CpuKernel = ([x], ctx) => {
  if (x.dtype === 'float32') {
    const out = ctx.allocate('float32', x.size, false) as Float32Array;
    if (!reluWasm(x.data as Float32Array, out)) reluFloat32(x.data as Float32Array, out);
    return new NDArray(out, x.shape, x.dtype);
  }
  const out = ctx.allocate(x.dtype, x.size, false);
  const d = x.data;
  for (let i = 0; i < d.length; i++) { const v = d[i]; out[i] = v < 0 ? 0 : v; }
  return new NDArray(out, x.shape, x.dtype);
};

/** ReluGrad(gradients, features) = gradients where features > 0, else 0. */
export const reluGradKernel: CpuKernel = ([dy, x], ctx) => {
  sameSize(dy, x, ctx.op.name);
  if (dy.dtype === 'float32' && x.dtype === 'float32') {
    const out = ctx.allocate('float32', dy.size, false) as Float32Array;
    if (!reluGradWasm(dy.data as Float32Array, x.data as Float32Array, out)) {
      reluGradFloat32(dy.data as Float32Array, x.data as Float32Array, out);
    }
    return new NDArray(out, dy.shape, dy.dtype);
  }
  const out = ctx.allocate(dy.dtype, dy.size, false);
  const g = dy.data, f = x.data;
  for (let i = 0; i < g.length; i++) out[i] = f[i] > 0 ? g[i] : 0;
  return new NDArray(out, dy.shape, dy.dtype);
};

/*
 * Float32 ReLU and ReluGrad on the floats' bit patterns (int32 views of the same
 * memory): a branch on the sign of each activation is mispredicted about half the
 * time, which made these loops 2.5x slower than a copy (measured on Deep MNIST's
 * first layer, 1.25M activations); the masks below have no branch. Bit patterns:
 * sign set = negative (or -0, or a NaN with the sign set); magnitude above
 * 0x7f800000 = NaN.
 */
function int32View(a: Float32Array): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.length);
}

/** Keeps x where !(x < 0): non-negative values, -0 and every NaN; else 0. */
function reluFloat32(x: Float32Array, out: Float32Array): void {
  const xb = int32View(x), ob = int32View(out), n = xb.length;
  for (let i = 0; i < n; i++) {
    const b = xb[i], magnitude = b & 0x7fffffff;
    const keep = ~(b >> 31) | ((0x7f800000 - magnitude) >> 31) | ((magnitude - 1) >> 31);
    ob[i] = b & keep;
  }
}

/** dy where x > 0 (positive and not NaN), else 0. */
function reluGradFloat32(dy: Float32Array, x: Float32Array, out: Float32Array): void {
  const gb = int32View(dy), xb = int32View(x), ob = int32View(out), n = gb.length;
  for (let i = 0; i < n; i++) {
    // t = bits - 1 is in [0, 0x7f800000) exactly for 0 < x <= +Infinity.
    const t = (xb[i] - 1) | 0;
    ob[i] = gb[i] & ~(t >> 31) & (((t - 0x7f800000) | 0) >> 31);
  }
}

/** 1 / (1 + e^-x); for very negative x, e^-x overflows to Infinity and the result is 0, not NaN. */
export const sigmoidKernel: CpuKernel = ([x], ctx) => {
  const out = ctx.allocate('float32', x.size, false) as Float32Array;
  const d = x.data;
  for (let i = 0; i < d.length; i++) out[i] = 1 / (1 + Math.exp(-d[i]));
  return new NDArray(out, x.shape, 'float32');
};

/** SigmoidGrad(y, dy) = dy * y * (1 - y). */
export const sigmoidGradKernel: CpuKernel = ([y, dy], ctx) => {
  sameSize(y, dy, ctx.op.name);
  const out = ctx.allocate('float32', y.size, false) as Float32Array;
  const a = y.data, g = dy.data;
  for (let i = 0; i < a.length; i++) { const v = a[i]; out[i] = g[i] * v * (1 - v); }
  return new NDArray(out, y.shape, 'float32');
};

export const tanhKernel: CpuKernel = ([x], ctx) => {
  const out = ctx.allocate('float32', x.size, false) as Float32Array;
  const d = x.data;
  for (let i = 0; i < d.length; i++) out[i] = Math.tanh(d[i]);
  return new NDArray(out, x.shape, 'float32');
};

/** TanhGrad(y, dy) = dy * (1 - y²). */
export const tanhGradKernel: CpuKernel = ([y, dy], ctx) => {
  sameSize(y, dy, ctx.op.name);
  const out = ctx.allocate('float32', y.size, false) as Float32Array;
  const a = y.data, g = dy.data;
  for (let i = 0; i < a.length; i++) { const v = a[i]; out[i] = g[i] * (1 - v * v); }
  return new NDArray(out, y.shape, 'float32');
};
