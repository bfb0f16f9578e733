import type { OnnxOpMapping } from '../mapping_types';
import { elementwise } from './elementwise';

const add = elementwise('Add');

/** BiasAdd: an Add; the bias broadcasts over the channel axis of data_format. */
export const BiasAdd: OnnxOpMapping = (ctx) => {
  if (ctx.op.attrs.data_format !== 'NCHW') return add(ctx);
  const rank = ctx.inputShape(0)?.length;
  if (rank === undefined) throw ctx.unsupported('the rank of value must be known for data_format NCHW');
  // [C] -> [C, 1, ..., 1]: broadcasts over the spatial axes after the channel axis.
  const bias = ctx.node('Reshape', [ctx.input(1), ctx.constant([-1, ...Array(rank - 2).fill(1)], 'int64')])[0];
  return [ctx.node('Add', [ctx.input(0), bias])[0]];
};
