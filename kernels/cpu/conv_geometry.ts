/**
 * The window geometry a 2-D window kernel runs with, from the per-dimension
 * arithmetic in lib/framework/window_geometry.ts (shared with static shape inference).
 */
import { windowDim, Padding } from '../../lib/framework/window_geometry';
export type { Padding, WindowDim } from '../../lib/framework/window_geometry';
export { windowDim } from '../../lib/framework/window_geometry';

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

