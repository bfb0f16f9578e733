/**
 * The nesting of a dataset element: a single tensor, a tuple (a JS array) or a dict (a
 * plain object), as tf.contrib.framework.nest sees Python values. Components are flattened
 * in order, dict keys sorted as TF1's nest sorts them, so get_next's tensors line up with
 * the dataset's output_types.
 */
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';

export type Structure =
  | { kind: 'leaf' }
  | { kind: 'tuple'; items: Structure[] }
  | { kind: 'dict'; keys: string[]; items: Structure[] };

export const LEAF: Structure = { kind: 'leaf' };

/** A nested number/boolean/string literal is one tensor (a Python list); any other array is a tuple. */
function isTensorLiteral(x: unknown): boolean {
  if (Array.isArray(x)) return x.every(isTensorLiteral);
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'string' || typeof x === 'bigint';
}

function isDict(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor) && !(x instanceof NDArray) &&
    Object.getPrototypeOf(x) === Object.prototype;
}

/**
 * The structure of a user value and its leaves in flattening order. With `arraysAreTuples`
 * (output_types, where no array is a tensor) every array is a tuple.
 */
export function flattenValue(value: unknown, arraysAreTuples = false): { structure: Structure; leaves: unknown[] } {
  const leaves: unknown[] = [];
  const walk = (v: unknown): Structure => {
    if (Array.isArray(v) && (arraysAreTuples || !isTensorLiteral(v))) return { kind: 'tuple', items: v.map(walk) };
    if (isDict(v)) {
      const keys = Object.keys(v).sort();
      return { kind: 'dict', keys, items: keys.map((k) => walk(v[k])) };
    }
    leaves.push(v);
    return LEAF;
  };
  return { structure: walk(value), leaves };
}

export function countLeaves(s: Structure): number {
  return s.kind === 'leaf' ? 1 : s.items.reduce((n, item) => n + countLeaves(item), 0);
}

/** Rebuilds the nesting from flat leaves (nest.pack_sequence_as). */
export function pack<T>(s: Structure, flat: readonly T[]): unknown {
  let i = 0;
  const build = (node: Structure): unknown => {
    if (node.kind === 'leaf') return flat[i++];
    if (node.kind === 'tuple') return node.items.map(build);
    const out: Record<string, unknown> = {};
    node.keys.forEach((k, j) => { out[k] = build(node.items[j]!); });
    return out;
  };
  const result = build(s);
  if (i !== flat.length) throw new ValueError(`Structure had ${i} elements, but flat_sequence had ${flat.length} elements.`);
  return result;
}

/** Flattens a value that must have structure `s` (e.g. padded_shapes against a dataset's nesting). */
export function flattenAs(s: Structure, value: unknown, what: string): unknown[] {
  const out: unknown[] = [];
  const walk = (node: Structure, v: unknown): void => {
    if (node.kind === 'leaf') { out.push(v); return; }
    if (node.kind === 'tuple') {
      if (!Array.isArray(v) || v.length !== node.items.length) {
        throw new ValueError(`The two structures don't have the same sequence length: ${what} does not match the dataset's ${node.items.length}-tuple.`);
      }
      node.items.forEach((item, j) => walk(item, v[j]));
      return;
    }
    if (!isDict(v)) throw new ValueError(`The two structures don't have the same nested structure: ${what} is not a dict.`);
    node.keys.forEach((k, j) => walk(node.items[j]!, v[k]));
  };
  walk(s, value);
  return out;
}

export function sameStructure(a: Structure, b: Structure): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'leaf') return true;
  const bb = b as typeof a;
  if (a.items.length !== bb.items.length) return false;
  if (a.kind === 'dict' && a.keys.join('\0') !== (bb as typeof a).keys.join('\0')) return false;
  return a.items.every((item, i) => sameStructure(item, bb.items[i]!));
}
