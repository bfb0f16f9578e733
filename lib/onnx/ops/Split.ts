import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';
import { splitNode } from './split_node';

/** Split(split_dim, value): num_split equal parts, ONNX's Split without sizes. */
export const Split: OnnxOpMapping = (ctx) => splitNode(ctx, 1, constantInts(ctx, 0, 'split_dim')[0], null);
