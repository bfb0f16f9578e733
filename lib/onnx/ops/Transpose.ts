import type { OnnxOpMapping } from '../mapping_types';
import { constantInts } from './elementwise';

/** Transpose: the permutation as the perm attribute. */
export const Transpose: OnnxOpMapping = (ctx) =>
  [ctx.node('Transpose', [ctx.input(0)], { perm: constantInts(ctx, 1, 'perm') })[0]];
