/**
 * Window arithmetic shared by Conv2D, the pools and their gradients, exactly as
 * TF1's GetWindowedOutputSize computes it: static shape inference (lib/ops/defs/conv,
 * dimensions may be unknown) and the kernels (kernels/cpu/conv_geometry.ts, everything
 * known) use the same formulas. It lives here because op definitions never import kernels.
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

/** Static output size along one dimension (null when the input size is unknown). */
export function staticWindowDim(inSize: number | null, k: number | null, stride: number, dilation: number,
  padding: Padding): number | null | 'negative' {
  if (inSize === null) return null;
  if (padding === 'SAME') return Math.ceil(inSize / stride);
  if (k === null) return null;
  const d = windowDim(inSize, k, stride, dilation, padding);
  return d === null ? 'negative' : d.out;
}
