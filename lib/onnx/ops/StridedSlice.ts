import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';

/** Past either end of any axis: ONNX's Slice clamps starts and ends to the axis. */
const FAR = Number.MAX_SAFE_INTEGER;

/**
 * StridedSlice with constant begin/end/strides: ONNX's Slice on the first len(begin) axes,
 * begin_mask/end_mask as the far ends, and a Squeeze of the shrink_axis_mask axes.
 * ellipsis_mask and new_axis_mask are not exported.
 */
export const StridedSlice: OnnxOpMapping = (ctx) => {
  const a = ctx.op.attrs;
  if (a.ellipsis_mask || a.new_axis_mask) throw ctx.unsupported('ellipsis_mask and new_axis_mask are not exported');
  const begin = constantInts(ctx, 1, 'begin'), end = constantInts(ctx, 2, 'end'), strides = constantInts(ctx, 3, 'strides');
  const starts: number[] = [], ends: number[] = [], shrink: number[] = [];
  for (let i = 0; i < begin.length; i++) {
    const bit = 1 << i, step = strides[i];
    if (a.shrink_axis_mask & bit) {
      starts.push(begin[i]);
      ends.push(begin[i] === -1 ? FAR : begin[i] + 1);
      shrink.push(i);
      continue;
    }
    starts.push(a.begin_mask & bit ? (step > 0 ? 0 : FAR) : begin[i]);
    ends.push(a.end_mask & bit ? (step > 0 ? FAR : -FAR) : end[i]);
  }
  const axes = begin.map((_, i) => i);
  const steps = strides.map((s, i) => (a.shrink_axis_mask & (1 << i) ? 1 : s));
  const sliced = ctx.node('Slice', [ctx.input(0), ctx.constant(starts, 'int64'), ctx.constant(ends, 'int64'),
    ctx.constant(axes, 'int64'), ctx.constant(steps, 'int64')])[0];
  return [shrink.length === 0 ? sliced : ctx.node('Squeeze', [sliced, ctx.constant(shrink, 'int64')])[0]];
};
