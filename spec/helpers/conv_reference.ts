import { NDArray } from '../../lib/framework/ndarray';

/*
 * Direct loop implementations of TF1's convolution and pooling, written from the
 * definitions (not sharing code with the kernels), for the specs to compare against.
 */

export interface Geometry { out: number; before: number }

/** TF1's SAME/VALID output size and leading padding along one dimension. */
export function geometry(inSize: number, k: number, stride: number, dilation: number, padding: string): Geometry {
  const effK = (k - 1) * dilation + 1;
  if (padding === 'VALID') return { out: Math.ceil((inSize - effK + 1) / stride), before: 0 };
  const out = Math.ceil(inSize / stride);
  const total = Math.max(0, (out - 1) * stride + effK - inSize);
  return { out, before: Math.floor(total / 2) };
}

export interface ConvCase {
  x: NDArray; w: NDArray; strides: number[]; padding: string; dilations: number[];
}

function idx4(shape: number[], a: number, b: number, c: number, d: number): number {
  return ((a * shape[1] + b) * shape[2] + c) * shape[3] + d;
}

/** Calls f(n, oh, ow, i, j, ih, iw) for every filter tap that lands inside the input. */
function forEachTap(xShape: number[], kh: number, kw: number, strides: number[], padding: string, dil: number[],
  f: (n: number, oh: number, ow: number, i: number, j: number, ih: number, iw: number) => void): [number, number] {
  const gh = geometry(xShape[1], kh, strides[1], dil[1], padding);
  const gw = geometry(xShape[2], kw, strides[2], dil[2], padding);
  for (let n = 0; n < xShape[0]; n++)
    for (let oh = 0; oh < gh.out; oh++)
      for (let ow = 0; ow < gw.out; ow++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) {
            const ih = oh * strides[1] - gh.before + i * dil[1];
            const iw = ow * strides[2] - gw.before + j * dil[2];
            if (ih >= 0 && ih < xShape[1] && iw >= 0 && iw < xShape[2]) f(n, oh, ow, i, j, ih, iw);
          }
  return [gh.out, gw.out];
}

export function refConv2D({ x, w, strides, padding, dilations }: ConvCase): NDArray {
  const [kh, kw, C, O] = w.shape;
  const gh = geometry(x.shape[1], kh, strides[1], dilations[1], padding);
  const gw = geometry(x.shape[2], kw, strides[2], dilations[2], padding);
  const outShape = [x.shape[0], gh.out, gw.out, O];
  const out = new Float64Array(outShape.reduce((a, b) => a * b, 1));
  forEachTap(x.shape, kh, kw, strides, padding, dilations, (n, oh, ow, i, j, ih, iw) => {
    for (let c = 0; c < C; c++)
      for (let o = 0; o < O; o++)
        out[idx4(outShape, n, oh, ow, o)] += x.data[idx4(x.shape, n, ih, iw, c)] * w.data[idx4(w.shape, i, j, c, o)];
  });
  return new NDArray(Float32Array.from(out), outShape, 'float32');
}

export function refConv2DBackpropInput({ x, w, strides, padding, dilations }: ConvCase, dy: NDArray): NDArray {
  const [kh, kw, C, O] = w.shape;
  const dx = new Float64Array(x.size);
  forEachTap(x.shape, kh, kw, strides, padding, dilations, (n, oh, ow, i, j, ih, iw) => {
    for (let c = 0; c < C; c++)
      for (let o = 0; o < O; o++)
        dx[idx4(x.shape, n, ih, iw, c)] += dy.data[idx4(dy.shape, n, oh, ow, o)] * w.data[idx4(w.shape, i, j, c, o)];
  });
  return new NDArray(Float32Array.from(dx), x.shape, 'float32');
}

export function refConv2DBackpropFilter({ x, w, strides, padding, dilations }: ConvCase, dy: NDArray): NDArray {
  const [kh, kw, C, O] = w.shape;
  const dw = new Float64Array(w.size);
  forEachTap(x.shape, kh, kw, strides, padding, dilations, (n, oh, ow, i, j, ih, iw) => {
    for (let c = 0; c < C; c++)
      for (let o = 0; o < O; o++)
        dw[idx4(w.shape, i, j, c, o)] += dy.data[idx4(dy.shape, n, oh, ow, o)] * x.data[idx4(x.shape, n, ih, iw, c)];
  });
  return new NDArray(Float32Array.from(dw), w.shape, 'float32');
}

export interface PoolCase { x: NDArray; ksize: number[]; strides: number[]; padding: string }

/** For each output pixel and channel, the flat input indices of its window (row-major order). */
function windows({ x, ksize, strides, padding }: PoolCase): { outShape: number[]; cells: number[][] } {
  const gh = geometry(x.shape[1], ksize[1], strides[1], 1, padding);
  const gw = geometry(x.shape[2], ksize[2], strides[2], 1, padding);
  const outShape = [x.shape[0], gh.out, gw.out, x.shape[3]];
  const cells: number[][] = [];
  for (let n = 0; n < outShape[0]; n++)
    for (let oh = 0; oh < gh.out; oh++)
      for (let ow = 0; ow < gw.out; ow++)
        for (let c = 0; c < outShape[3]; c++) {
          const cell: number[] = [];
          for (let i = 0; i < ksize[1]; i++)
            for (let j = 0; j < ksize[2]; j++) {
              const ih = oh * strides[1] - gh.before + i, iw = ow * strides[2] - gw.before + j;
              if (ih >= 0 && ih < x.shape[1] && iw >= 0 && iw < x.shape[2]) cell.push(idx4(x.shape, n, ih, iw, c));
            }
          cells.push(cell);
        }
  return { outShape, cells };
}

export function refMaxPool(p: PoolCase): NDArray {
  const { outShape, cells } = windows(p);
  const out = cells.map((cell) => Math.max(...cell.map((k) => p.x.data[k])));
  return new NDArray(Float32Array.from(out), outShape, 'float32');
}

export function refAvgPool(p: PoolCase): NDArray {
  const { outShape, cells } = windows(p);
  const out = cells.map((cell) => cell.reduce((s, k) => s + p.x.data[k], 0) / cell.length);
  return new NDArray(Float32Array.from(out), outShape, 'float32');
}

/** Max pool gradient: to the first maximal element of each window. */
export function refMaxPoolGrad(p: PoolCase, dy: NDArray): NDArray {
  const { cells } = windows(p);
  const dx = new Float64Array(p.x.size);
  cells.forEach((cell, o) => {
    let best = cell[0];
    for (const k of cell) if (p.x.data[k] > p.x.data[best]) best = k;
    dx[best] += dy.data[o];
  });
  return new NDArray(Float32Array.from(dx), p.x.shape, 'float32');
}

export function refAvgPoolGrad(p: PoolCase, dy: NDArray): NDArray {
  const { cells } = windows(p);
  const dx = new Float64Array(p.x.size);
  cells.forEach((cell, o) => { for (const k of cell) dx[k] += dy.data[o] / cell.length; });
  return new NDArray(Float32Array.from(dx), p.x.shape, 'float32');
}

/** Largest |a - b| relative to max(1, |b|); shapes must match. */
export function maxRelError(a: NDArray, b: NDArray): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shape ${a.shape} vs ${b.shape}`);
  let worst = 0;
  for (let i = 0; i < a.size; i++) {
    worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / Math.max(1, Math.abs(b.data[i])));
  }
  return worst;
}
