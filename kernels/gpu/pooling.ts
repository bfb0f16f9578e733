/**
 * MaxPool, AvgPool and their gradients (NHWC). Padding never wins a max and is not
 * counted in an average; max ties go to the first pixel in row-major window order,
 * as the CPU kernels choose.
 */
import type { GpuKernel, GpuKernelContext } from './types';
import type { Window2D } from '../../kernels/cpu/conv_geometry';
import { poolWindow, requireShape, shapeFromTensor } from '../../kernels/cpu/window_attrs';
import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import { UnimplementedError } from '../../lib/framework/errors';
import { coords, kernelSource } from './codegen';

function requireNhwc(ctx: GpuKernelContext): void {
  const f = ctx.attrs.data_format ?? 'NHWC';
  if (f !== 'NHWC') throw new UnimplementedError(`${ctx.op.type} '${ctx.op.name}': data_format ${f} is not supported, only NHWC`, ctx.op.name);
}

/** Source lines finding window (oh, ow)'s max of channel c in input x: sets `best` and its flat position `at`. */
function windowMax(g: Window2D, n: string, oh: string, ow: string, c: string): string {
  return `let best = 0;
  let at = -1;
  for (let kh = 0; kh < ${g.kH}; kh++) {
    const ih = ${oh} * ${g.strideH} - ${g.padTop} + kh;
    if (ih >= 0 && ih < ${g.inH}) {
      for (let kw = 0; kw < ${g.kW}; kw++) {
        const iw = ${ow} * ${g.strideW} - ${g.padLeft} + kw;
        if (iw >= 0 && iw < ${g.inW}) {
          const p = ((${n} * ${g.inH} + ih) * ${g.inW} + iw) * ${g.channels} + ${c};
          const v = x[p];
          if (at < 0 || v > best) { best = v; at = p; }
        }
      }
    }
  }`;
}

/** The windows (oh, ow) covering input pixel (ih, iw), as loops setting oh and ow; `body` runs for each. */
function coveringWindows(g: Window2D, ih: string, iw: string, body: string): string {
  const nH = Math.ceil(g.kH / g.strideH), nW = Math.ceil(g.kW / g.strideW);
  return `const ohHi = Math.floor((${ih} + ${g.padTop} + 0.5) / ${g.strideH});
  const owHi = Math.floor((${iw} + ${g.padLeft} + 0.5) / ${g.strideW});
  for (let a = 0; a < ${nH}; a++) {
    const oh = ohHi - a;
    if (oh >= 0 && oh < ${g.outH} && oh * ${g.strideH} - ${g.padTop} + ${g.kH} > ${ih}) {
      for (let b = 0; b < ${nW}; b++) {
        const ow = owHi - b;
        if (ow >= 0 && ow < ${g.outW} && ow * ${g.strideW} - ${g.padLeft} + ${g.kW} > ${iw}) {
          ${body}
        }
      }
    }
  }`;
}

export const MaxPool: GpuKernel = ([x], ctx) => {
  requireNhwc(ctx);
  const g = poolWindow(x.shape, ctx.attrs, 'MaxPool', ctx.op.name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  if (sizeOf(outShape) === 0) return ctx.fromHost(NDArray.zeros(outShape));
  const src = kernelSource(['x'], `const i = this.thread.x;
  ${coords('i', outShape, 'o')}
  ${windowMax(g, 'o0', 'o1', 'o2', 'o3')}
  return best;`);
  return ctx.launch(src, [x], outShape, 'float32');
};

/** MaxPoolGrad(orig_input, orig_output, grad): a pixel collects the gradient of every window whose max it is. */
export const MaxPoolGrad: GpuKernel = ([x, y, dy], ctx) => {
  requireNhwc(ctx);
  const type = 'MaxPoolGrad', name = ctx.op.name;
  const g = poolWindow(x.shape, ctx.attrs, type, name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  requireShape(y.shape, outShape, 'orig_output', type, name);
  requireShape(dy.shape, outShape, 'grad', type, name);
  if (x.size === 0) return x;
  if (dy.size === 0) return ctx.fromHost(NDArray.zeros(x.shape));
  const src = kernelSource(['x', 'dy'], `const i = this.thread.x;
  ${coords('i', x.shape, 'd')}
  let sum = 0;
  ${coveringWindows(g, 'd1', 'd2', `${windowMax(g, 'd0', 'oh', 'ow', 'd3')}
          if (at == i) { sum += dy[((d0 * ${g.outH} + oh) * ${g.outW} + ow) * ${g.channels} + d3]; }`)}
  return sum;`);
  return ctx.launch(src, [x, dy], x.shape, 'float32');
};

/** MaxPoolGradGrad(orig_input, orig_output, grad): each window reads `grad` (input-shaped) at its max pixel. */
export const MaxPoolGradGrad: GpuKernel = ([x, y, grad], ctx) => {
  requireNhwc(ctx);
  const type = 'MaxPoolGradGrad', name = ctx.op.name;
  const g = poolWindow(x.shape, ctx.attrs, type, name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  requireShape(y.shape, outShape, 'orig_output', type, name);
  requireShape(grad.shape, x.shape, 'grad', type, name);
  if (sizeOf(outShape) === 0) return ctx.fromHost(NDArray.zeros(outShape));
  const src = kernelSource(['x', 'gr'], `const i = this.thread.x;
  ${coords('i', outShape, 'o')}
  ${windowMax(g, 'o0', 'o1', 'o2', 'o3')}
  return gr[at];`);
  return ctx.launch(src, [x, grad], outShape, 'float32');
};

/** Pixels of window (oh, ow) inside the input: the divisor of an average. */
function windowCount(g: Window2D, oh: string, ow: string): string {
  const h0 = `(${oh} * ${g.strideH} - ${g.padTop})`, w0 = `(${ow} * ${g.strideW} - ${g.padLeft})`;
  return `((Math.min(${h0} + ${g.kH}, ${g.inH}) - Math.max(${h0}, 0)) * (Math.min(${w0} + ${g.kW}, ${g.inW}) - Math.max(${w0}, 0)))`;
}

export const AvgPool: GpuKernel = ([x], ctx) => {
  requireNhwc(ctx);
  const g = poolWindow(x.shape, ctx.attrs, 'AvgPool', ctx.op.name);
  const outShape = [g.batch, g.outH, g.outW, g.channels];
  if (sizeOf(outShape) === 0) return ctx.fromHost(NDArray.zeros(outShape));
  const src = kernelSource(['x'], `const i = this.thread.x;
  ${coords('i', outShape, 'o')}
  let sum = 0;
  for (let kh = 0; kh < ${g.kH}; kh++) {
    const ih = o1 * ${g.strideH} - ${g.padTop} + kh;
    if (ih >= 0 && ih < ${g.inH}) {
      for (let kw = 0; kw < ${g.kW}; kw++) {
        const iw = o2 * ${g.strideW} - ${g.padLeft} + kw;
        if (iw >= 0 && iw < ${g.inW}) {
          sum += x[((o0 * ${g.inH} + ih) * ${g.inW} + iw) * ${g.channels} + o3];
        }
      }
    }
  }
  return sum / ${windowCount(g, 'o1', 'o2')};`);
  return ctx.launch(src, [x], outShape, 'float32');
};

/** AvgPoolGrad(orig_input_shape, grad): each window spreads its gradient evenly over its pixels. */
export const AvgPoolGrad: GpuKernel = ([shapeT, dy], ctx) => {
  requireNhwc(ctx);
  const type = 'AvgPoolGrad', name = ctx.op.name;
  const s = ctx.hostValue(shapeT);
  const inShape = shapeFromTensor(s.data, s.shape, 'orig_input_shape', type, name);
  const g = poolWindow(inShape, ctx.attrs, type, name);
  requireShape(dy.shape, [g.batch, g.outH, g.outW, g.channels], 'grad', type, name);
  if (sizeOf(inShape) === 0 || dy.size === 0) return ctx.fromHost(NDArray.zeros(inShape));
  const src = kernelSource(['dy'], `const i = this.thread.x;
  ${coords('i', inShape, 'd')}
  let sum = 0;
  ${coveringWindows(g, 'd1', 'd2', `sum += dy[((d0 * ${g.outH} + oh) * ${g.outW} + ow) * ${g.channels} + d3] / ${windowCount(g, 'oh', 'ow')};`)}
  return sum;`);
  return ctx.launch(src, [dy], inShape, 'float32');
};
