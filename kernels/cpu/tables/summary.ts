import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { scalarSummaryKernel } from '../summary/ScalarSummary';
import { histogramSummaryKernel } from '../summary/HistogramSummary';
import { imageSummaryKernel } from '../summary/ImageSummary';
import { audioSummaryKernel } from '../summary/AudioSummaryV2';
import { tensorSummaryKernel } from '../summary/TensorSummaryV2';
import { mergeSummaryKernel } from '../summary/MergeSummary';

/** The summary ops' kernels (lib/ops/defs/summary): host-only, their outputs are serialized Summary strings. */
export const SUMMARY_KERNELS: Record<string, CpuKernel> = {
  ScalarSummary: scalarSummaryKernel,
  HistogramSummary: histogramSummaryKernel,
  ImageSummary: imageSummaryKernel,
  AudioSummaryV2: audioSummaryKernel,
  TensorSummaryV2: tensorSummaryKernel,
  MergeSummary: mergeSummaryKernel,
};
