/**
 * Conv2D and its two gradient ops, NHWC input and [kh, kw, in, out] filters, as
 * direct convolutions: one thread per output element. The filter gradient, whose
 * sums run over the whole batch, is split in two passes (partial sums over chunks of
 * rows, then their sum) so no thread loops over the batch on its own.
 */
import type { GpuKernel } from './types';
import type { Window2D } from '../../kernels/cpu/conv_geometry';
import { convWindow, requireBackpropSpatial, requireShape, shapeFromTensor } from '../../kernels/cpu/window_attrs';
import { UnimplementedError } from '../../lib/framework/errors';
import { NDArray, sizeOf } from '../../lib/framework/ndarray';
import type { GpuKernelContext } from './types';
import { coords, kernelSource } from './codegen';
import { reduce, SPLIT_ABOVE } from './reduce';

function requireNhwc(ctx: GpuKernelContext): void {
  const f = ctx.attrs.data_format ?? 'NHWC';
  if (f !== 'NHWC') throw new UnimplementedError(`${ctx.op.type} '${ctx.op.name}': data_format ${f} is not supported, only NHWC`, ctx.op.name);
}

export const Conv2D: GpuKernel = ([x, filter], ctx) => {
  requireNhwc(ctx);
  const g = convWindow(x.shape, filter.shape, ctx.attrs, 'Conv2D', ctx.op.name);
  const O = filter.shape[3];
  const outShape = [g.batch, g.outH, g.outW, O];
  if (sizeOf(outShape) === 0 || x.size === 0 || filter.size === 0) return ctx.fromHost(NDArray.zeros(outShape));
  const { inH: H, inW: W, channels: C, kH, kW } = g;
  const src = kernelSource(['x', 'f'], `const i = this.thread.x;
  ${coords('i', outShape, 'o')}
  let sum = 0;
  for (let kh = 0; kh < ${kH}; kh++) {
    const ih = o1 * ${g.strideH} - ${g.padTop} + kh * ${g.dilH};
    if (ih >= 0 && ih < ${H}) {
      for (let kw = 0; kw < ${kW}; kw++) {
        const iw = o2 * ${g.strideW} - ${g.padLeft} + kw * ${g.dilW};
        if (iw >= 0 && iw < ${W}) {
          const xb = ((o0 * ${H} + ih) * ${W} + iw) * ${C};
          const fb = (kh * ${kW} + kw) * ${C * O} + o3;
          for (let c = 0; c < ${C}; c++) {
            sum += x[xb + c] * f[fb + c * ${O}];
          }
        }
      }
    }
  }
  return sum;`);
  return ctx.launch(src, [x, filter], outShape, 'float32');
};

/** The output rows/cols whose window reads input position `pos` through tap k: checks divisibility by the stride. */
function tapSource(g: Window2D): string {
  return `function(dy, f) {
  const i = this.thread.x;
  __COORDS__
  let sum = 0;
  for (let kh = 0; kh < ${g.kH}; kh++) {
    const th = d1 + ${g.padTop} - kh * ${g.dilH};
    const oh = Math.floor((th + 0.5) / ${g.strideH});
    if (th >= 0 && oh * ${g.strideH} == th && oh < ${g.outH}) {
      for (let kw = 0; kw < ${g.kW}; kw++) {
        const tw = d2 + ${g.padLeft} - kw * ${g.dilW};
        const ow = Math.floor((tw + 0.5) / ${g.strideW});
        if (tw >= 0 && ow * ${g.strideW} == tw && ow < ${g.outW}) {
          const yb = ((d0 * ${g.outH} + oh) * ${g.outW} + ow) * __O__;
          const fb = ((kh * ${g.kW} + kw) * ${g.channels} + d3) * __O__;
          for (let o = 0; o < __O__; o++) {
            sum += dy[yb + o] * f[fb + o];
          }
        }
      }
    }
  }
  return sum;
}`;
}

/** Conv2DBackpropInput(input_sizes, filter, out_backprop): each input position sums the taps that read it. */
export const Conv2DBackpropInput: GpuKernel = ([sizesT, filter, dy], ctx) => {
  requireNhwc(ctx);
  const type = 'Conv2DBackpropInput', name = ctx.op.name;
  const sizes = ctx.hostValue(sizesT);
  const inShape = shapeFromTensor(sizes.data, sizes.shape, 'input_sizes', type, name);
  const g = convWindow(inShape, filter.shape, ctx.attrs, type, name);
  const O = filter.shape[3];
  requireBackpropSpatial(dy.shape, g, type, name);
  requireShape(dy.shape, [g.batch, g.outH, g.outW, O], 'out_backprop', type, name);
  if (sizeOf(inShape) === 0 || dy.size === 0 || filter.size === 0) return ctx.fromHost(NDArray.zeros(inShape));
  const src = tapSource(g).replace('__COORDS__', coords('i', inShape, 'd')).replace(/__O__/g, String(O));
  return ctx.launch(src, [dy, filter], inShape, 'float32');
};

/** Conv2DBackpropFilter(input, filter_sizes, out_backprop): per tap, the sum over the batch and output positions. */
export const Conv2DBackpropFilter: GpuKernel = ([x, sizesT, dy], ctx) => {
  requireNhwc(ctx);
  const type = 'Conv2DBackpropFilter', name = ctx.op.name;
  const sizes = ctx.hostValue(sizesT);
  const fShape = shapeFromTensor(sizes.data, sizes.shape, 'filter_sizes', type, name);
  const g = convWindow(x.shape, fShape, ctx.attrs, type, name);
  const O = fShape[3];
  requireShape(dy.shape, [g.batch, g.outH, g.outW, O], 'out_backprop', type, name);
  if (sizeOf(fShape) === 0 || dy.size === 0 || x.size === 0) return ctx.fromHost(NDArray.zeros(fShape));
  const { inH: H, inW: W, channels: C, outH, outW } = g;
  // Rows are (batch, output row) pairs; each partial sum covers `per` of them.
  const rows = g.batch * outH;
  const per = Math.max(1, Math.floor(SPLIT_ABOVE / outW));
  const chunks = Math.ceil(rows / per);
  const fSize = sizeOf(fShape);
  const src = kernelSource(['x', 'dy'], `const t = this.thread.x;
  const chunk = Math.floor((t + 0.5) / ${fSize});
  const i = t - chunk * ${fSize};
  ${coords('i', fShape, 'k')}
  let sum = 0;
  for (let j = 0; j < ${per}; j++) {
    const row = chunk * ${per} + j;
    if (row < ${rows}) {
      const n = Math.floor((row + 0.5) / ${outH});
      const oh = row - n * ${outH};
      const ih = oh * ${g.strideH} - ${g.padTop} + k0 * ${g.dilH};
      if (ih >= 0 && ih < ${H}) {
        for (let ow = 0; ow < ${outW}; ow++) {
          const iw = ow * ${g.strideW} - ${g.padLeft} + k1 * ${g.dilW};
          if (iw >= 0 && iw < ${W}) {
            sum += x[((n * ${H} + ih) * ${W} + iw) * ${C} + k2] * dy[((n * ${outH} + oh) * ${outW} + ow) * ${O} + k3];
          }
        }
      }
    }
  }
  return sum;`);
  const partial = ctx.launch(src, [x, dy], [chunks, ...fShape], 'float32');
  if (chunks === 1) return ctx.alias(partial, fShape);
  return reduce(ctx, partial, [0], fShape, { kind: 'sum' });
};
