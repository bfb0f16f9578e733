import { NDArray } from '../../lib/framework/ndarray';
import type { DType } from '../../lib/framework/dtypes';
import { typedArrayFor } from '../../lib/framework/dtypes';
import { InvalidArgumentError } from '../../lib/framework/errors';

/*
 * TF Serving's JSON tensors: nested lists, one level per dimension; numbers (or true/false,
 * strings, {"b64": ...} for byte strings) at the leaves. Messages follow TF Serving's.
 */

/** A JSON value as a tensor of dtype; its shape from the nesting. */
export function tensorFromJson(value: unknown, dtype: DType): NDArray {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const size = shape.reduce((a, b) => a * b, 1);
  const leaves: unknown[] = [];
  collect(value, 0, shape, leaves);
  if (dtype === 'string') return NDArray.fromStrings(leaves.map((l) => stringLeaf(l)), shape);
  const data = typedArrayFor(dtype, size);
  leaves.forEach((l, i) => { data[i] = numberLeaf(l, dtype); });
  return new NDArray(data, shape, dtype);
}

function collect(v: unknown, level: number, shape: number[], out: unknown[]): void {
  if (!Array.isArray(v)) {
    if (level !== shape.length) throw new InvalidArgumentError(`Expecting value at level: ${level} but got list/value mismatch`);
    out.push(v);
    return;
  }
  if (level >= shape.length) throw new InvalidArgumentError(`Encountered list at unexpected level: ${level} expected < ${shape.length}`);
  if (v.length !== shape[level]) {
    throw new InvalidArgumentError(`Encountered list at unexpected size: ${v.length} at level: ${level} expected size: ${shape[level]}`);
  }
  for (const e of v) collect(e, level + 1, shape, out);
}

function numberLeaf(v: unknown, dtype: DType): number {
  if (typeof v === 'boolean' && dtype === 'bool') return v ? 1 : 0;
  if (typeof v === 'number' && dtype !== 'bool') {
    if (dtype !== 'float32' && dtype !== 'float64' && !Number.isInteger(v)) {
      throw new InvalidArgumentError(`JSON Value: ${v} Is not an integer, cannot convert to ${dtype}`);
    }
    return v;
  }
  throw new InvalidArgumentError(`JSON Value: ${JSON.stringify(v)} Type: ${jsonType(v)} is not of expected type: ${dtype}`);
}

function stringLeaf(v: unknown): Uint8Array {
  if (typeof v === 'string') return new TextEncoder().encode(v);
  if (v && typeof v === 'object' && typeof (v as { b64?: unknown }).b64 === 'string') return Buffer.from((v as { b64: string }).b64, 'base64');
  throw new InvalidArgumentError(`JSON Value: ${JSON.stringify(v)} Type: ${jsonType(v)} is not of expected type: string`);
}

function jsonType(v: unknown): string {
  if (v === null) return 'NULL';
  if (Array.isArray(v)) return 'ARRAY';
  return ({ number: 'NUMBER', string: 'STRING', boolean: 'BOOL', object: 'OBJECT' } as Record<string, string>)[typeof v] ?? 'UNKNOWN';
}

/**
 * The shortest decimal that reads back as the same float32, with ".0" on a whole number
 * (TF Serving prints floats that way, so a client can tell a float output from an int one).
 */
export function float32Text(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  let text = String(x);
  for (let p = 1; p < 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) { text = String(Number(s)); break; }
  }
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** The whole tensor as JSON text (nested lists). */
export function tensorJson(t: NDArray): string { return jsonText(t, 0, t.shape); }

/** Row i of a batched tensor (its first dimension dropped) as JSON text. */
export function rowJson(t: NDArray, i: number): string {
  const inner = t.shape.slice(1);
  return jsonText(t, i * inner.reduce((a, b) => a * b, 1), inner);
}

function jsonText(t: NDArray, start: number, shape: readonly number[]): string {
  const leaf = (i: number): string => {
    if (t.dtype === 'string') return JSON.stringify(new TextDecoder().decode(t.strings![i]));
    if (t.dtype === 'bool') return t.data[i] ? 'true' : 'false';
    return t.dtype === 'float32' ? float32Text(t.data[i] as number) : String(t.data[i]);
  };
  let pos = start;
  const walk = (level: number): string => {
    if (level === shape.length) return leaf(pos++);
    const parts: string[] = [];
    for (let k = 0; k < shape[level]; k++) parts.push(walk(level + 1));
    return `[${parts.join(',')}]`;
  };
  return walk(0);
}
