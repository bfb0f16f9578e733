import type { OnnxOpMapping } from '../mapping_types';
import { constantInts, knownRank } from './elementwise';

/** Past either end of any axis: ONNX's Slice clamps starts and ends to the axis. */
const FAR = Number.MAX_SAFE_INTEGER;

/**
 * StridedSlice with constant begin/end/strides: the sparse spec made dense over the input's
 * axes (an ellipsis_mask entry covers the axes no other entry names; new_axis_mask entries
 * name none), then ONNX's Slice on the axes an entry names, begin_mask/end_mask as the far
 * ends, a Squeeze of the shrink_axis_mask axes and an Unsqueeze for the new axes.
 */
export const StridedSlice: OnnxOpMapping = (ctx) => {
  const a = ctx.op.attrs;
  const begin = constantInts(ctx, 1, 'begin'), end = constantInts(ctx, 2, 'end'), strides = constantInts(ctx, 3, 'strides');
  const bit = (mask: number, i: number) => (mask & (1 << i)) !== 0;
  // As TF: only the first ellipsis counts, and an entry marked new axis ignores its shrink bit.
  const firstEllipsis = begin.findIndex((_, i) => bit(a.ellipsis_mask, i));
  const named = begin.filter((_, i) => i !== firstEllipsis && !bit(a.new_axis_mask, i)).length;
  const ellipsisAxes = firstEllipsis < 0 ? 0 : knownRank(ctx, ctx.inputShape(0), 'input') - named;
  if (ellipsisAxes < 0) throw ctx.unsupported(`the slice names ${named} axes of a rank ${ellipsisAxes + named} input`);
  const axes: number[] = [], starts: number[] = [], ends: number[] = [], steps: number[] = [], shrink: number[] = [], newAxes: number[] = [];
  let inAxis = 0, outAxis = 0;
  for (let i = 0; i < begin.length; i++) {
    if (i === firstEllipsis) { inAxis += ellipsisAxes; outAxis += ellipsisAxes; continue; }
    if (bit(a.ellipsis_mask, i)) continue;
    if (bit(a.new_axis_mask, i)) { newAxes.push(outAxis++); continue; }
    const step = strides[i];
    axes.push(inAxis);
    if (bit(a.shrink_axis_mask, i)) {
      starts.push(begin[i]);
      ends.push(begin[i] === -1 ? FAR : begin[i] + 1);
      steps.push(1);
      shrink.push(inAxis++);
      continue;
    }
    starts.push(bit(a.begin_mask, i) ? (step > 0 ? 0 : FAR) : begin[i]);
    ends.push(bit(a.end_mask, i) ? (step > 0 ? FAR : -FAR) : end[i]);
    steps.push(step);
    inAxis++;
    outAxis++;
  }
  let out = ctx.input(0);
  if (axes.length > 0) {
    out = ctx.node('Slice', [out, ctx.constant(starts, 'int64'), ctx.constant(ends, 'int64'),
      ctx.constant(axes, 'int64'), ctx.constant(steps, 'int64')])[0];
  }
  if (shrink.length > 0) out = ctx.node('Squeeze', [out, ctx.constant(shrink, 'int64')])[0];
  if (newAxes.length > 0) out = ctx.node('Unsqueeze', [out, ctx.constant(newAxes, 'int64')])[0];
  return [axes.length + newAxes.length === 0 ? ctx.node('Identity', [out])[0] : out];
};
