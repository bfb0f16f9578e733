import type { OnnxNodeContext, OnnxOutput } from '../mapping_types';
import { knownRank, normalizeAxis } from './elementwise';

/** ONNX's Split of input `value` along axis into the op's outputs, with sizes (an int64 input) or equal parts. */
export function splitNode(ctx: OnnxNodeContext, value: number, axis: number, sizes: number[] | null): OnnxOutput[] {
  const rank = knownRank(ctx, ctx.inputShape(value), 'the value');
  const n = ctx.op.outputs.length;
  const inputs = sizes === null ? [ctx.input(value)] : [ctx.input(value), ctx.constant(sizes, 'int64')];
  return ctx.node('Split', inputs, { axis: normalizeAxis(axis, rank) }, { outputs: n });
}
