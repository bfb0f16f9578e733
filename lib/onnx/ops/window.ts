import type { OnnxNodeContext } from '../mapping_types';

/**
 * ONNX's pads [h_begin, w_begin, h_end, w_end] for a TF window op over NHWC input
 * (strides, dilations and window given per NHWC axis). VALID pads nothing. SAME pads
 * so that out = ceil(in / stride), the odd pixel at the end, as TF does; with an unknown
 * spatial size the pads cannot be computed and ONNX's SAME_UPPER (the same rule) is used.
 */
export function windowPads(ctx: OnnxNodeContext, window: number[], strides: number[], dilations: number[]): Record<string, number[] | string> {
  const padding = ctx.op.attrs.padding;
  if (padding === 'VALID') return { pads: [0, 0, 0, 0] };
  if (padding !== 'SAME') throw ctx.unsupported(`padding ${padding}`);
  const shape = ctx.inputShape(0);
  const spatial = shape === null ? [null, null] : [shape[1], shape[2]];
  if (spatial.some((d) => d === null)) return { auto_pad: 'SAME_UPPER' };
  const begin: number[] = [], end: number[] = [];
  for (let a = 0; a < 2; a++) {
    const size = spatial[a]!, s = strides[a], extent = (window[a] - 1) * dilations[a] + 1;
    const out = Math.ceil(size / s);
    const total = Math.max((out - 1) * s + extent - size, 0);
    begin.push(Math.floor(total / 2));
    end.push(total - Math.floor(total / 2));
  }
  return { pads: [...begin, ...end] };
}

/** The window ops' NCHW data_format is not exported (tensorgraph's kernels run NHWC only). */
export function requireNhwc(ctx: OnnxNodeContext): void {
  if ((ctx.op.attrs.data_format ?? 'NHWC') !== 'NHWC') throw ctx.unsupported(`data_format ${ctx.op.attrs.data_format}`);
}
