import { NDArray } from '../../lib/framework/ndarray';
import type { CpuKernel } from '../../lib/registry/kernel_registry';
import { maxPoolArgmax } from './MaxPool';
import { poolWindow, requireShape } from './window_attrs';
import type { Window2D } from './conv_geometry';
import { elementwiseInWasm, maxPoolGradWasm } from './wasm_elementwise';

/**
 * MaxPoolGrad(orig_input, orig_output, grad): each window's gradient goes to the
 * input pixel that was its max (the first one on ties), found again from orig_input.
 */
export const maxPoolGradKernel: CpuKernel = ([origInput, origOutput, grad], ctx) => {
  const type = 'MaxPoolGrad', name = ctx.op.name;
  const g = poolWindow(origInput.shape, ctx.attrs, type, name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  requireShape(origOutput.shape, outShape, 'orig_output', type, name);
  requireShape(grad.shape, outShape, 'grad', type, name);
  if (elementwiseInWasm(origInput.size)) {
    const dxWasm = ctx.allocate('float32', origInput.size, false) as Float32Array;
    if (maxPoolGradWasm(origInput.data as Float32Array, grad.data as Float32Array, g, dxWasm)) {
      return new NDArray(dxWasm, origInput.shape, 'float32');
    }
  }
  const dx = ctx.allocate('float32', origInput.size, true) as Float32Array;
  if (tiles2x2(g)) {
    routeTiled2x2(origInput.data as Float32Array, g, grad.data as Float32Array, dx);
  } else {
    const arg = argmaxScratch(grad.size);
    maxPoolArgmax(origInput.data as Float32Array, g, arg);
    scatterAdd(dx, arg, grad.data as Float32Array);
  }
  return new NDArray(dx, origInput.shape, 'float32');
};

let scratch = new Int32Array(0);

/**
 * The argmax indices live only for the duration of one kernel call and kernels run
 * one at a time on this thread, so one buffer serves every call (maxPoolArgmax writes
 * every entry): no allocation and zero-fill of a pooled-size array per step.
 */
function argmaxScratch(size: number): Int32Array {
  if (scratch.length < size) scratch = new Int32Array(size);
  return scratch.subarray(0, size);
}

/** 2x2 windows with stride 2 that tile the input exactly (max_pool_2x2 on even sizes). */
function tiles2x2(g: Window2D): boolean {
  return g.kH === 2 && g.kW === 2 && g.strideH === 2 && g.strideW === 2 && g.padTop === 0 &&
    g.padLeft === 0 && g.inH === 2 * g.outH && g.inW === 2 * g.outW;
}

/**
 * The windows do not overlap, so each input pixel gets at most one window's gradient:
 * it is stored straight into dx (fresh zeros) at the window's first max, without an
 * index array and a second pass. Same comparisons as maxPoolArgmax.
 */
function routeTiled2x2(x: Float32Array, g: Window2D, dy: Float32Array, dx: Float32Array): void {
  const { batch, inW, channels: C, outH, outW } = g;
  const row = inW * C;
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let oh = 0; oh < outH; oh++) {
      let p0 = (n * g.inH + 2 * oh) * row;
      for (let ow = 0; ow < outW; ow++, o += C, p0 += 2 * C) {
        const p1 = p0 + C, p2 = p0 + row, p3 = p2 + C;
        for (let c = 0; c < C; c++) {
          let best = x[p0 + c], at = p0 + c;
          const b = x[p1 + c], d = x[p2 + c], e = x[p3 + c];
          if (b > best) { best = b; at = p1 + c; }
          if (d > best) { best = d; at = p2 + c; }
          if (e > best) at = p3 + c;
          dx[at] = dy[o + c];
        }
      }
    }
  }
}

function scatterAdd(dx: Float32Array, arg: Int32Array, dy: Float32Array): void {
  const n = arg.length;
  for (let i = 0; i < n; i++) dx[arg[i]] += dy[i];
}

/**
 * MaxPoolGradGrad(orig_input, orig_output, grad): the gradient of MaxPoolGrad with
 * respect to its grad input — each window picks the value of `grad` (input-shaped)
 * at its max pixel.
 */
export const maxPoolGradGradKernel: CpuKernel = ([origInput, origOutput, grad], ctx) => {
  const type = 'MaxPoolGradGrad', name = ctx.op.name;
  const g = poolWindow(origInput.shape, ctx.attrs, type, name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  requireShape(origOutput.shape, outShape, 'orig_output', type, name);
  requireShape(grad.shape, origInput.shape, 'grad', type, name);
  const arg = new Int32Array(origOutput.size);
  maxPoolArgmax(origInput.data as Float32Array, g, arg);
  const out = ctx.allocate('float32', arg.length, true) as Float32Array;
  const src = grad.data;
  for (let i = 0; i < arg.length; i++) out[i] = src[arg[i]];
  return new NDArray(out, outShape, 'float32');
};
