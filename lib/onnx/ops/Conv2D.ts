import { NDArray } from '../../framework/ndarray';
import type { OnnxOpMapping } from '../mapping_types';
import { requireNhwc, windowPads } from './window';

/**
 * Conv2D: ONNX's Conv, which is NCHW with OIHW weights. The input is taken as NCHW (free
 * after another NCHW op) and the output left NCHW, so consecutive convolutions, bias adds,
 * activations and pools need no transposes between them. A constant filter (a variable)
 * is written transposed HWIO -> OIHW; a computed one gets a Transpose node.
 */
export const Conv2D: OnnxOpMapping = (ctx) => {
  requireNhwc(ctx);
  const strides: number[] = ctx.op.attrs.strides, dilations: number[] = ctx.op.attrs.dilations;
  const f = ctx.constantValue(1);
  let filter: string, kh: number, kw: number;
  if (f !== null) {
    [kh, kw] = f.shape;
    filter = ctx.constant(hwioToOihw(f));
  } else {
    const shape = ctx.inputShape(1);
    if (shape === null || shape[0] === null || shape[1] === null) throw ctx.unsupported('a computed filter needs a known window size');
    [kh, kw] = [shape[0]!, shape[1]!];
    filter = ctx.node('Transpose', [ctx.input(1)], { perm: [3, 2, 0, 1] })[0];
  }
  const attrs = {
    kernel_shape: [kh, kw], strides: [strides[1], strides[2]], dilations: [dilations[1], dilations[2]],
    ...windowPads(ctx, [kh, kw], [strides[1], strides[2]], [dilations[1], dilations[2]]),
  };
  return [{ nchw: ctx.node('Conv', [ctx.inputNchw(0), filter], attrs)[0] }];
};

function hwioToOihw(f: NDArray): NDArray {
  const [h, w, i, o] = f.shape;
  const out = new Float32Array(f.size);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < i; c++) for (let k = 0; k < o; k++) {
    out[((k * i + c) * h + y) * w + x] = f.data[((y * w + x) * i + c) * o + k] as number;
  }
  return new NDArray(out, [o, i, h, w], f.dtype);
}
