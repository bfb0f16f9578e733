import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';
import { splitNode } from './split_node';

/** SplitV(value, size_splits, split_dim): ONNX's Split with the sizes (a -1 resolved from the static shape). */
export const SplitV: OnnxOpMapping = (ctx) => {
  const axis = constantInts(ctx, 2, 'split_dim')[0];
  const sizes = constantInts(ctx, 1, 'size_splits');
  const shape = ctx.inputShape(0);
  const free = sizes.indexOf(-1);
  if (free >= 0) {
    const total = shape?.[axis < 0 ? axis + shape.length : axis];
    if (total === null || total === undefined) throw ctx.unsupported('a -1 in size_splits needs the split axis\'s size');
    sizes[free] = total - sizes.reduce((s, v, i) => (i === free ? s : s + v), 0);
  }
  return splitNode(ctx, 0, axis, sizes);
};
