import type { Window2D } from './conv_geometry';

/**
 * Patch packing for convolutions. A convolution over NHWC data is a matrix product
 * between the "patch matrix" — one row per output pixel (n, oh, ow), one column per
 * filter tap (i, j, c), matching the [kh, kw, C, O] filter flattened to [kh*kw*C, O] —
 * and the filter. im2col builds that matrix for a block of images; col2im is its
 * adjoint (scatter-add back into the image), which the input gradient needs.
 */

/** Columns of the patch matrix: one per filter tap. */
export function patchWidth(g: Window2D): number { return g.kH * g.kW * g.channels; }

/** Runs at least this long are copied with TypedArray.set; below it the view that needs costs more than a loop. */
const NATIVE_COPY_MIN = 48;

/**
 * Writes the patches of images [n0, n1) into `cols` (row-major, patchWidth columns).
 * Every entry is written (padding as zeros), so `cols` may hold stale data.
 */
export function im2col(x: Float32Array, g: Window2D, n0: number, n1: number, cols: Float32Array): void {
  const { inH, inW, channels: C, kH, kW, strideH, strideW, dilH, dilW, outH, outW, padTop, padLeft } = g;
  const rowSpan = kW * C;
  let o = 0;
  for (let n = n0; n < n1; n++) {
    const image = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        for (let i = 0; i < kH; i++, o += rowSpan) {
          const ih = ih0 + i * dilH;
          if (ih < 0 || ih >= inH) {
            cols.fill(0, o, o + rowSpan);
            continue;
          }
          const line = image + ih * inW * C;
          if (dilW === 1) {
            // Without dilation a row of taps is adjacent pixels: zeros for the columns
            // left and right of the image, one contiguous run in between.
            const lo = iw0 < 0 ? Math.min(-iw0, kW) * C : 0;
            const hi = Math.max(Math.min(kW, inW - iw0) * C, lo);
            for (let t = 0; t < lo; t++) cols[o + t] = 0;
            const s = line + iw0 * C;
            if (hi - lo >= NATIVE_COPY_MIN) cols.set(x.subarray(s + lo, s + hi), o + lo);
            else for (let t = lo; t < hi; t++) cols[o + t] = x[s + t];
            for (let t = hi; t < rowSpan; t++) cols[o + t] = 0;
            continue;
          }
          for (let j = 0, t = o; j < kW; j++) {
            const iw = iw0 + j * dilW;
            if (iw < 0 || iw >= inW) {
              for (let c = 0; c < C; c++) cols[t++] = 0;
            } else {
              const s = line + iw * C;
              for (let c = 0; c < C; c++) cols[t++] = x[s + c];
            }
          }
        }
      }
    }
  }
}

/**
 * Adds each patch row of `cols` (images [n0, n1)) back to the pixels it was read
 * from: the transpose of im2col. Taps that fell in the padding are dropped.
 */
export function col2im(cols: Float32Array, g: Window2D, n0: number, n1: number, dx: Float32Array): void {
  const { inH, inW, channels: C, kH, kW, strideH, strideW, dilH, dilW, outH, outW, padTop, padLeft } = g;
  const rowSpan = kW * C;
  let o = 0;
  for (let n = n0; n < n1; n++) {
    const image = n * inH * inW * C;
    for (let oh = 0; oh < outH; oh++) {
      const ih0 = oh * strideH - padTop;
      for (let ow = 0; ow < outW; ow++) {
        const iw0 = ow * strideW - padLeft;
        for (let i = 0; i < kH; i++, o += rowSpan) {
          const ih = ih0 + i * dilH;
          if (ih < 0 || ih >= inH) continue;
          const line = image + ih * inW * C;
          if (dilW === 1) {
            const lo = iw0 < 0 ? Math.min(-iw0, kW) * C : 0;
            const hi = Math.min(kW, inW - iw0) * C;
            const d = line + iw0 * C;
            for (let t = lo; t < hi; t++) dx[d + t] += cols[o + t];
            continue;
          }
          for (let j = 0; j < kW; j++) {
            const iw = iw0 + j * dilW;
            if (iw < 0 || iw >= inW) continue;
            const d = line + iw * C, s = o + j * C;
            for (let c = 0; c < C; c++) dx[d + c] += cols[s + c];
          }
        }
      }
    }
  }
}

/**
 * Upper bound on the patch matrix held at once (floats), in blocks of whole images.
 * About 1 MB keeps a block in cache between im2col writing it and the GEMM reading
 * it; measured on Deep MNIST's second layer, 1 MB blocks beat one 31 MB matrix by
 * 15-30% on all three ops. Mutable so tests can force many blocks.
 */
export const patchBlockLimit = { floats: 1 << 18 };

/** How many images' patches go in one block (at least one). */
export function imagesPerBlock(g: Window2D): number {
  const perImage = g.outH * g.outW * patchWidth(g);
  if (perImage === 0) return Math.max(1, g.batch);
  return Math.max(1, Math.min(g.batch, Math.floor(patchBlockLimit.floats / perImage)));
}

let scratch = new Float32Array(0);

/**
 * A reusable buffer for patch matrices: kernels run one at a time on this thread,
 * and a fresh allocation per call would cost a zero-fill and GC churn.
 * Contents are stale: callers overwrite what they read.
 */
export function patchScratch(size: number): Float32Array {
  if (scratch.length < size) scratch = new Float32Array(size);
  return scratch.subarray(0, size);
}

/**
 * Walks the batch in blocks of imagesPerBlock images, handing each block's image range,
 * its number of patch rows (output pixels) and a scratch patch matrix of rows x patchWidth.
 */
export function forEachImageBlock(g: Window2D, body: (n0: number, n1: number, rows: number, cols: Float32Array) => void): void {
  const pixels = g.outH * g.outW, step = imagesPerBlock(g);
  for (let n0 = 0; n0 < g.batch; n0 += step) {
    const n1 = Math.min(g.batch, n0 + step);
    const rows = (n1 - n0) * pixels;
    body(n0, n1, rows, patchScratch(rows * patchWidth(g)));
  }
}

/** True when the convolution reads each input pixel exactly once, in order: a plain matrix product. */
export function isPointwise(g: Window2D): boolean {
  return g.kH === 1 && g.kW === 1 && g.strideH === 1 && g.strideW === 1 &&
    g.padTop === 0 && g.padLeft === 0 && g.outH === g.inH && g.outW === g.inW;
}
