import type { OpSpec } from '../register_op';
import { GatherV2 } from './gather/GatherV2';
import { GatherNd, ScatterNd } from './gather/GatherNd';
import { UnsortedSegmentSum, SegmentSum } from './gather/UnsortedSegmentSum';
import { ScatterUpdate, ScatterAdd, ScatterSub } from './gather/ScatterUpdate';

/** Gathering, segment sums and scatters (GatherV2, GatherNd, ScatterNd, UnsortedSegmentSum, ScatterUpdate, ...). */
export const GATHER_OPS: OpSpec[] = [
  GatherV2, GatherNd, ScatterNd, UnsortedSegmentSum, SegmentSum, ScatterUpdate, ScatterAdd, ScatterSub,
];
