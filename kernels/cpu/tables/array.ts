import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { concatKernel, concatOffsetKernel, packKernel, unpackKernel } from '../Concat';
import { expandDimsKernel, squeezeKernel } from '../reshape_views';
import { oneHotKernel } from '../OneHot';
import { padKernel } from '../Pad';
import { selectKernel, whereKernel } from '../Select';
import { sliceKernel } from '../Slice';
import { tileKernel } from '../Tile';
import { transposeKernel, invertPermutationKernel } from '../Transpose';
import { stridedSliceKernel, stridedSliceGradKernel } from '../StridedSlice';
import { splitKernel, splitVKernel } from '../Split';
import { reverseKernel, reverseSequenceKernel } from '../Reverse';

/** The CPU kernels of the array op definitions (lib/ops/defs/array), by TensorFlow op type. */
export const ARRAY_KERNELS: Record<string, CpuKernel> = {
  ConcatV2: concatKernel,
  ConcatOffset: concatOffsetKernel,
  ExpandDims: expandDimsKernel,
  Squeeze: squeezeKernel,
  OneHot: oneHotKernel,
  Pack: packKernel,
  Unpack: unpackKernel,
  Pad: padKernel,
  PadV2: padKernel,
  Select: selectKernel,
  Where: whereKernel,
  Slice: sliceKernel,
  Tile: tileKernel,
  Transpose: transposeKernel,
  InvertPermutation: invertPermutationKernel,
  StridedSlice: stridedSliceKernel,
  StridedSliceGrad: stridedSliceGradKernel,
  Split: splitKernel,
  SplitV: splitVKernel,
  ReverseV2: reverseKernel,
  ReverseSequence: reverseSequenceKernel,
};
