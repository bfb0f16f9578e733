/**
 * The few Pillow (PIL) operations the MNIST notebook's imageprepare uses, on 8-bit
 * grayscale ('L') images, computed the way Pillow computes them so that prepared
 * digits match the notebook's pixel for pixel: convert('L'), resize with
 * ANTIALIAS (= LANCZOS), filter(SHARPEN) and paste.
 */
import { InvalidArgumentError } from '../../framework/errors';

/** An 8-bit grayscale image, row-major. */
export interface GrayImage { width: number; height: number; data: Uint8Array }

export function newGrayImage(width: number, height: number, fill = 0): GrayImage {
  return { width, height, data: new Uint8Array(width * height).fill(fill) };
}

/**
 * convert('L') from RGBA: ITU-R 601-2 luma in Pillow's 16-bit fixed point
 * (0.299, 0.587, 0.114 as 19595, 38470, 7471 of 65536, rounded). Pillow ignores the
 * alpha channel here, so a transparent pixel counts as its colour.
 */
export function rgbaToGray(rgba: ArrayLike<number>, width: number, height: number): GrayImage {
  const out = newGrayImage(width, height);
  for (let i = 0, p = 0; i < out.data.length; i++, p += 4) {
    out.data[i] = (rgba[p] * 19595 + rgba[p + 1] * 38470 + rgba[p + 2] * 7471 + 0x8000) >>> 16;
  }
  return out;
}

const LANCZOS_SUPPORT = 3;
// Pillow's 8-bit resampling works in fixed point with 22 fractional bits.
const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function lanczos(x: number): number {
  return x >= -LANCZOS_SUPPORT && x < LANCZOS_SUPPORT ? sinc(x) * sinc(x / LANCZOS_SUPPORT) : 0;
}

interface Taps { first: Int32Array; count: Int32Array; weights: Float64Array; perOutput: number }

/**
 * For each output pixel along one axis, the input pixels it reads and their fixed-point
 * weights. Downscaling stretches the filter by the scale, which is what makes
 * ANTIALIAS average over every input pixel instead of skipping some.
 */
function lanczosTaps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = LANCZOS_SUPPORT * filterScale;
  const invFilterScale = 1 / filterScale; // Pillow multiplies by the reciprocal; dividing can differ in the last bit
  const perOutput = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize), count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * perOutput);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const lo = Math.max(0, Math.trunc(center - support + 0.5));
    const hi = Math.min(inSize, Math.trunc(center + support + 0.5));
    let total = 0;
    for (let i = lo; i < hi; i++) {
      const w = lanczos((i - center + 0.5) * invFilterScale);
      weights[o * perOutput + i - lo] = w;
      total += w;
    }
    for (let k = 0; k < hi - lo; k++) {
      const w = total !== 0 ? weights[o * perOutput + k] / total : weights[o * perOutput + k];
      // Rounded away from zero to fixed point, as Pillow does for 8-bit images.
      weights[o * perOutput + k] = w < 0 ? Math.trunc(w * ONE - 0.5) : Math.trunc(w * ONE + 0.5);
    }
    first[o] = lo;
    count[o] = hi - lo;
  }
  return { first, count, weights, perOutput };
}

function clip8(acc: number): number {
  const v = Math.floor(acc / ONE);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** One resampling pass along x (horizontal) or y; the result is rounded to 8 bits as in Pillow. */
function resamplePass(src: GrayImage, outSize: number, horizontal: boolean): GrayImage {
  const taps = lanczosTaps(horizontal ? src.width : src.height, outSize);
  const out = horizontal ? newGrayImage(outSize, src.height) : newGrayImage(src.width, outSize);
  const half = ONE / 2;
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const o = horizontal ? x : y;
      const base = o * taps.perOutput, lo = taps.first[o], n = taps.count[o];
      let acc = half;
      if (horizontal) {
        const row = y * src.width + lo;
        for (let k = 0; k < n; k++) acc += src.data[row + k] * taps.weights[base + k];
      } else {
        for (let k = 0; k < n; k++) acc += src.data[(lo + k) * src.width + x] * taps.weights[base + k];
      }
      out.data[y * out.width + x] = clip8(acc);
    }
  }
  return out;
}

/** resize((width, height), Image.ANTIALIAS): Lanczos-3, horizontal pass first. */
export function resizeLanczos(src: GrayImage, width: number, height: number): GrayImage {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new InvalidArgumentError(`resize: target size must be positive integers, got ${width}x${height}`);
  }
  let img = src;
  if (width !== img.width) img = resamplePass(img, width, true);
  if (height !== img.height) img = resamplePass(img, height, false);
  return img === src ? { width, height, data: src.data.slice() } : img;
}

/**
 * filter(ImageFilter.SHARPEN): the 3x3 kernel [-2 -2 -2; -2 32 -2; -2 -2 -2] / 16,
 * rounded to nearest; Pillow leaves the one-pixel border as it is, and an image
 * smaller than the kernel unchanged.
 */
export function sharpen(src: GrayImage): GrayImage {
  const { width: w, height: h, data } = src;
  const out = { width: w, height: h, data: data.slice() };
  if (w < 3 || h < 3) return out;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const ring = data[i - w - 1] + data[i - w] + data[i - w + 1] + data[i - 1] + data[i + 1]
        + data[i + w - 1] + data[i + w] + data[i + w + 1];
      // Exact in float32 too: multiples of 1/8.
      const v = Math.trunc(2 * data[i] - ring / 8 + 0.5);
      out.data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return out;
}

/** paste(img, (left, top)): copies img over dst, clipped to dst. */
export function paste(dst: GrayImage, img: GrayImage, left: number, top: number): void {
  for (let y = Math.max(0, -top); y < img.height && y + top < dst.height; y++) {
    for (let x = Math.max(0, -left); x < img.width && x + left < dst.width; x++) {
      dst.data[(y + top) * dst.width + x + left] = img.data[y * img.width + x];
    }
  }
}

/** Python 3's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
