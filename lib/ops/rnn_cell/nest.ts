/*
 * The nested structures RNN states come in (TF1's nest for cells): a leaf (a Tensor, or a
 * size in state_size), an LSTMStateTuple(c, h), or an array of structures (MultiRNNCell's
 * per-layer states).
 */
import { callable } from '../../framework/callable';

/** TF1's LSTMStateTuple(c, h): the cell state and the output; also indexable as [c, h] and iterable. */
export class LSTMStateTupleImpl<T> {
  constructor(readonly c: T, readonly h: T) {}
  get 0(): T { return this.c; }
  get 1(): T { return this.h; }
  get length(): 2 { return 2; }
  get dtype(): unknown { return (this.c as { dtype?: unknown }).dtype; }
  *[Symbol.iterator](): Iterator<T> { yield this.c; yield this.h; }
  toString(): string { return `LSTMStateTuple(c=${String(this.c)}, h=${String(this.h)})`; }
}
export const LSTMStateTuple = callable(LSTMStateTupleImpl);
export type LSTMStateTuple<T> = LSTMStateTupleImpl<T>;

export type Nested<T> = T | LSTMStateTupleImpl<Nested<T>> | readonly Nested<T>[];

function isLeaf(x: unknown): boolean { return !Array.isArray(x) && !(x instanceof LSTMStateTupleImpl); }

/** The leaves in order (c before h, layer 0 first). */
export function flatten<T>(x: Nested<T>): T[] {
  if (isLeaf(x)) return [x as T];
  return Array.from(x as Iterable<Nested<T>>).flatMap((e) => flatten(e));
}

/** Rebuilds `structure`'s nesting from leaves in flatten's order. */
export function packSequenceAs<T, U>(structure: Nested<T>, leaves: readonly U[]): Nested<U> {
  let i = 0;
  const build = (s: Nested<T>): Nested<U> => {
    if (isLeaf(s)) return leaves[i++];
    if (s instanceof LSTMStateTupleImpl) { const c = build(s.c); return new LSTMStateTupleImpl(c, build(s.h)); }
    return (s as readonly Nested<T>[]).map(build);
  };
  const out = build(structure);
  if (i !== leaves.length) throw new RangeError(`structure has ${i} leaves, got ${leaves.length}`);
  return out;
}

/** fn over the leaves of structures of the same nesting (TF1's nest.map_structure). */
export function mapStructure<T, U>(fn: (...leaves: T[]) => U, first: Nested<T>, ...rest: Nested<T>[]): Nested<U> {
  const flat = [first, ...rest].map((s) => flatten(s));
  const n = flat[0].length;
  for (const f of flat) {
    if (f.length !== n) throw new RangeError(`The two structures don't have the same number of elements: ${n} and ${f.length}`);
  }
  return packSequenceAs(first, flat[0].map((_, i) => fn(...flat.map((f) => f[i]))));
}
