import { create } from '@bufbuild/protobuf';
import { HistogramProto, HistogramProtoSchema } from '../../../lib/proto/tensorflow/core/framework/summary_pb';

const DBL_MAX = Number.MAX_VALUE;
let defaultLimits: Float64Array | null = null;

/**
 * TF's default bucket limits (its histogram.cc): from 1e-12 growing by 10% up to 1e20, mirrored
 * for negative values, with 0 between and +-DBL_MAX at the ends. 1549 limits, so a histogram of
 * any data has the same buckets and TensorBoard can compare steps.
 */
export function defaultBucketLimits(): Float64Array {
  if (defaultLimits) return defaultLimits;
  const positive: number[] = [];
  for (let v = 1e-12; v < 1e20; v *= 1.1) positive.push(v);
  positive.push(DBL_MAX);
  const negative = positive.map((v) => -v).reverse();
  defaultLimits = Float64Array.from([...negative, 0, ...positive]);
  return defaultLimits;
}

/** The first index whose limit is above v (C++'s upper_bound): bucket i holds [limit[i-1], limit[i]). */
function bucketOf(limits: Float64Array, v: number): number {
  let lo = 0;
  let hi = limits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (limits[mid] <= v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/**
 * A HistogramProto of `values` as TF's Histogram::EncodeToProto writes it: runs of empty
 * buckets collapsed into one (the run's last limit, count 0), at least one bucket.
 */
export function histogramProto(values: ArrayLike<number>): HistogramProto {
  const limits = defaultBucketLimits();
  const counts = new Float64Array(limits.length);
  let min = DBL_MAX;
  let max = -DBL_MAX;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    counts[Math.min(bucketOf(limits, v), limits.length - 1)] += 1;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSquares += v * v;
  }
  const bucketLimit: number[] = [];
  const bucket: number[] = [];
  for (let i = 0; i < counts.length;) {
    let end = limits[i];
    let count = counts[i];
    i++;
    if (count <= 0) {
      while (i < counts.length && counts[i] <= 0) { end = limits[i]; count = counts[i]; i++; }
    }
    bucketLimit.push(end);
    bucket.push(count);
  }
  if (bucket.length === 0) { bucketLimit.push(DBL_MAX); bucket.push(0); }
  return create(HistogramProtoSchema, { min, max, num: values.length, sum, sumSquares, bucketLimit, bucket });
}
