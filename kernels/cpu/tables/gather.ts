import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { gatherV2Kernel } from '../GatherV2';
import { gatherNdKernel, scatterNdKernel } from '../GatherNd';
import { unsortedSegmentSumKernel, segmentSumKernel } from '../UnsortedSegmentSum';
import { scatterUpdateKernel, scatterAddKernel, scatterSubKernel } from '../ScatterUpdate';

/** The CPU kernels of the gather op definitions (lib/ops/defs/gather), by TensorFlow op type. */
export const GATHER_KERNELS: Record<string, CpuKernel> = {
  GatherV2: gatherV2Kernel,
  GatherNd: gatherNdKernel,
  ScatterNd: scatterNdKernel,
  UnsortedSegmentSum: unsortedSegmentSumKernel,
  SegmentSum: segmentSumKernel,
  ScatterUpdate: scatterUpdateKernel,
  ScatterAdd: scatterAddKernel,
  ScatterSub: scatterSubKernel,
};
