import type { OnnxNodeContext, OnnxOpMapping } from '../mapping_types';

/**
 * An element-wise ONNX op on every input. Element-wise ops do not care about layout, so
 * when an input exists only as NCHW (a convolution's output) and every other input is
 * NCHW too or a constant (rearranged to broadcast the same way), the op stays NCHW and
 * no transpose is written between a Conv and the next Conv or pool.
 */
export function elementwise(onnxType: string): OnnxOpMapping {
  return (ctx) => {
    const n = ctx.op.inputs.length;
    if (staysNchw(ctx, n)) {
      const inputs = Array.from({ length: n }, (_, i) => ctx.inputNchw(i));
      return [{ nchw: ctx.node(onnxType, inputs)[0] }];
    }
    return [ctx.node(onnxType, Array.from({ length: n }, (_, i) => ctx.input(i)))[0]];
  };
}

function staysNchw(ctx: OnnxNodeContext, n: number): boolean {
  const out = ctx.op.outputs[0].shape;
  if (out === null || out.length !== 4) return false;
  let anyNchw = false;
  for (let i = 0; i < n; i++) {
    if (ctx.isNchw(i)) { anyNchw = true; continue; }
    const shape = ctx.inputShape(i);
    if (shape === null || shape.length > 4 || ctx.constantValue(i) === null) return false;
  }
  return anyNchw;
}

/** The int64 initializer ONNX takes for shapes, axes and slice bounds. */
export function int64s(ctx: OnnxNodeContext, values: number[]): string {
  return ctx.constant(values, 'int64');
}

/** A constant input's values as numbers, or the node's UnimplementedError when the input is computed at run time. */
export function constantInts(ctx: OnnxNodeContext, i: number, what: string): number[] {
  const v = ctx.constantValue(i);
  if (v === null) throw ctx.unsupported(`${what} (input ${i}) must be a constant to export`);
  return Array.from(v.data as ArrayLike<number>, Number);
}

/** An axis made non-negative against a rank. */
export function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** The output rank of the op's output k, or the node's error when it is unknown. */
export function knownRank(ctx: OnnxNodeContext, shape: (number | null)[] | null, what: string): number {
  if (shape === null) throw ctx.unsupported(`the rank of ${what} must be known to export`);
  return shape.length;
}
