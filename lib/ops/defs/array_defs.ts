import type { OpSpec } from '../register_op';
import { Transpose, InvertPermutation } from './array/Transpose';
import { ConcatV2, ConcatOffset } from './array/ConcatV2';
import { Pack, Unpack } from './array/Pack';
import { ExpandDims, Squeeze } from './array/ExpandDims';
import { Slice } from './array/Slice';
import { Pad, PadV2 } from './array/Pad';
import { Tile } from './array/Tile';
import { OneHot } from './array/OneHot';
import { Select, Where } from './array/Select';
import { StridedSlice, StridedSliceGrad } from './array/StridedSlice';
import { Split, SplitV } from './array/Split';
import { ReverseV2, ReverseSequence } from './array/Reverse';

/** Shape, layout and indexing ops (Transpose, ConcatV2, Pack, Slice, Pad, Tile, OneHot, ...). */
export const ARRAY_OPS: OpSpec[] = [
  Transpose, InvertPermutation, ConcatV2, ConcatOffset, Pack, Unpack, ExpandDims, Squeeze,
  Slice, Pad, PadV2, Tile, OneHot, Select, Where,
  StridedSlice, StridedSliceGrad, Split, SplitV, ReverseV2, ReverseSequence,
];
