import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import {
  shapeKernel, sizeKernel, rankKernel, reshapeKernel, fillKernel, zerosLikeKernel, onesLikeKernel,
  broadcastToKernel, broadcastGradientArgsKernel, rangeKernel,
} from '../shape';

/** The CPU kernels of the shape op definitions (lib/ops/defs/array/shape_ops.ts), by TensorFlow op type. */
export const SHAPE_KERNELS: Record<string, CpuKernel> = {
  Shape: shapeKernel,
  Size: sizeKernel,
  Rank: rankKernel,
  Reshape: reshapeKernel,
  Fill: fillKernel,
  ZerosLike: zerosLikeKernel,
  OnesLike: onesLikeKernel,
  BroadcastTo: broadcastToKernel,
  BroadcastGradientArgs: broadcastGradientArgsKernel,
  Range: rangeKernel,
};
