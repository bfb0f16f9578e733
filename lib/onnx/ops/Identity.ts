import type { OnnxOpMapping } from '../mapping_types';

/** Identity: usually skipped (its consumers read its input); an Identity node where one is needed. */
export const Identity: OnnxOpMapping = (ctx) => [ctx.node('Identity', [ctx.input(0)])[0]];
