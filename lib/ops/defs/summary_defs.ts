import type { OpSpec } from '../register_op';
import { ScalarSummary } from './summary/ScalarSummary';
import { HistogramSummary } from './summary/HistogramSummary';
import { ImageSummary } from './summary/ImageSummary';
import { AudioSummaryV2 } from './summary/AudioSummaryV2';
import { TensorSummaryV2 } from './summary/TensorSummaryV2';
import { MergeSummary } from './summary/MergeSummary';

/** TF's summary ops (logging_ops): each outputs a serialized tensorflow.Summary string (tf.summary.*). */
export const SUMMARY_OPS: OpSpec[] = [ScalarSummary, HistogramSummary, ImageSummary, AudioSummaryV2, TensorSummaryV2, MergeSummary];
