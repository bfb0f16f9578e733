import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { Graph } from '../framework/graph';
import { NDArray } from '../framework/ndarray';
import { TypeError as _T } from './type_error';

export type FetchLeaf = Tensor | Operation;

/**
 * Flattens any nesting of arrays and plain objects of fetches into a list of
 * unique graph elements, and rebuilds the caller's structure from their values
 * (TF1's _FetchMapper).
 */
export class FetchStructure {
  readonly leaves: FetchLeaf[] = [];
  private readonly index = new Map<FetchLeaf, number>();
  private readonly template: unknown;

  constructor(fetches: unknown, private readonly graph: Graph) {
    this.template = this.walk(fetches);
  }

  private walk(f: unknown): unknown {
    if (Array.isArray(f)) return f.map((x) => this.walk(x));
    const leaf = this.toLeaf(f);
    if (leaf) {
      let i = this.index.get(leaf);
      if (i === undefined) { i = this.leaves.length; this.leaves.push(leaf); this.index.set(leaf, i); }
      return { __fetchIndex: i };
    }
    if (f !== null && typeof f === 'object' && Object.getPrototypeOf(f) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(f)) out[k] = this.walk(v);
      return out;
    }
    throw new _T(`Fetch argument ${describe(f)} has invalid type ${typeName(f)}, must be a string, Tensor or Operation ` +
      `(or an array or plain object of them).`);
  }

  private toLeaf(f: unknown): FetchLeaf | null {
    if (f instanceof Tensor || f instanceof Operation) {
      if (f.graph !== this.graph) throw new _T(`Fetch ${describe(f)} is not an element of this session's graph.`);
      return f;
    }
    if (typeof f === 'string') return this.graph.as_graph_element(f);
    if (f !== null && typeof f === 'object' && typeof (f as any)._asTensor === 'function') {
      return this.toLeaf((f as any)._asTensor());
    }
    return null;
  }

  /** Rebuilds the structure; values[i] belongs to leaves[i]. */
  build(values: unknown[]): unknown {
    const rebuild = (t: unknown): unknown => {
      if (Array.isArray(t)) return t.map(rebuild);
      if (t && typeof t === 'object') {
        if ('__fetchIndex' in (t as object)) return values[(t as { __fetchIndex: number }).__fetchIndex];
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(t)) out[k] = rebuild(v);
        return out;
      }
      return t;
    };
    return rebuild(this.template);
  }
}

/** What a fetched value looks like to the caller: numbers for 0-d tensors, NDArrays otherwise. */
export function presentValue(v: NDArray): unknown {
  // A 0-d string is a JS string (TF1 gives Python bytes), as a 0-d number is a number; bytes that
  // are not valid UTF-8 (a serialized Summary) stay a Uint8Array, so nothing is lost either way.
  if (v.rank === 0 && v.dtype === 'string') return exactString(v.strings![0]);
  if (v.rank === 0) return v.dtype === 'bool' ? v.data[0] !== 0 : v.data[0];
  return v;
}

function describe(f: unknown): string {
  if (f instanceof Tensor || f instanceof Operation) return f.name;
  try { return JSON.stringify(f) ?? String(f); } catch { return String(f); }
}
function typeName(f: unknown): string {
  return f === null ? 'null' : typeof f === 'object' ? (f as object).constructor?.name ?? 'object' : typeof f;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** The bytes as a JS string when UTF-8 re-encodes it to the same bytes, else the bytes themselves. */
function exactString(bytes: Uint8Array): string | Uint8Array {
  try { return STRICT_UTF8.decode(bytes); } catch { return bytes.slice(); }
}
