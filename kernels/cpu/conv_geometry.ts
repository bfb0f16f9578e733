/**
 * Window arithmetic shared by Conv2D, the pools and their gradients, exactly as
 * TF1's GetWindowedOutputSize computes it. Used both for static shape inference
 * (dimensions may be unknown) and by the kernels (everything known).
 */
export type Padding = 'SAME' | 'VALID';

export interface WindowDim {
  /** Output size along this dimension. */
  out: number;
  /** Zero rows/columns added before the input (SAME only; the odd one goes after). */
  padBefore: number;
}

/**
 * SAME: out = ceil(in / stride), total padding max(0, (out-1)*stride + k_eff - in),
 * the smaller half before. VALID: out = ceil((in - k_eff + 1) / stride).
 * Returns null when VALID would give a negative size (the caller names the op).
 */
export function windowDim(inSize: number, k: number, stride: number, dilation: number, padding: Padding): WindowDim | null {
  const effK = (k - 1) * dilation + 1;
  if (padding === 'VALID') {
    const span = inSize - effK + 1;
    if (span < 0) return null;
    return { out: Math.ceil(span / stride), padBefore: 0 };
  }
  const out = Math.ceil(inSize / stride);
  const padTotal = Math.max(0, (out - 1) * stride + effK - inSize);
  return { out, padBefore: Math.floor(padTotal / 2) };
}

/** Everything a 2-D window kernel needs, for NHWC input. */
export interface Window2D {
  batch: number; inH: number; inW: number; channels: number;
  kH: number; kW: number;
  strideH: number; strideW: number;
  dilH: number; dilW: number;
  outH: number; outW: number;
  padTop: number; padLeft: number;
}

export interface WindowParams {
  kH: number; kW: number;
  strideH: number; strideW: number;
  dilH: number; dilW: number;
  padding: Padding;
}

/** The window geometry for an NHWC input shape, or a message saying why there is none. */
export function window2D(inShape: readonly number[], p: WindowParams): Window2D | string {
  const [batch, inH, inW, channels] = inShape;
  const h = windowDim(inH, p.kH, p.strideH, p.dilH, p.padding);
  const w = windowDim(inW, p.kW, p.strideW, p.dilW, p.padding);
  if (h === null || w === null) {
    return `Computed output size would be negative: input ${inH}x${inW}, window ${p.kH}x${p.kW}` +
      (p.dilH > 1 || p.dilW > 1 ? ` dilated by ${p.dilH}x${p.dilW}` : '') + ` with VALID padding`;
  }
  return {
    batch, inH, inW, channels, kH: p.kH, kW: p.kW, strideH: p.strideH, strideW: p.strideW,
    dilH: p.dilH, dilW: p.dilW, outH: h.out, outW: w.out, padTop: h.padBefore, padLeft: w.padBefore,
  };
}

/** Static output size along one dimension (null when the input size is unknown). */
export function staticWindowDim(inSize: number | null, k: number | null, stride: number, dilation: number,
  padding: Padding): number | null | 'negative' {
  if (inSize === null) return null;
  if (padding === 'SAME') return Math.ceil(inSize / stride);
  if (k === null) return null;
  const d = windowDim(inSize, k, stride, dilation, padding);
  return d === null ? 'negative' : d.out;
}
