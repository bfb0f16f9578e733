import { DataLossError } from '../framework/errors';
import { DType } from '../framework/dtypes';
import { DTYPES, isDType } from './tensor_codec';

/**
 * Structural checks of a parsed metadata file. Each failure is a DataLossError naming
 * the file and the JSON path of the bad field, so a broken or hand-edited file says
 * exactly where it is wrong instead of failing somewhere later.
 */
export class JsonChecker {
  constructor(readonly file: string) {}

  fail(where: string, problem: string): never {
    throw new DataLossError(`${this.file}: ${where} ${problem}`);
  }

  object(v: unknown, where: string): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(where, `must be an object, got ${describe(v)}`);
    return v as Record<string, unknown>;
  }

  array(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) this.fail(where, `must be an array, got ${describe(v)}`);
    return v;
  }

  string(v: unknown, where: string): string {
    if (typeof v !== 'string') this.fail(where, `must be a string, got ${describe(v)}`);
    return v;
  }

  boolean(v: unknown, where: string): boolean {
    if (typeof v !== 'boolean') this.fail(where, `must be a boolean, got ${describe(v)}`);
    return v;
  }

  /** A non-negative safe integer no larger than max. */
  count(v: unknown, where: string, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
      this.fail(where, `must be an integer in [0, ${max}], got ${describe(v)}`);
    }
    return v;
  }

  dtype(v: unknown, where: string): DType {
    if (!isDType(v)) this.fail(where, `must be a dtype (${DTYPES.join(', ')}), got ${describe(v)}`);
    return v;
  }

  /** A concrete shape: non-negative integer dims. */
  shape(v: unknown, where: string): number[] {
    return this.array(v, where).map((d, i) => this.count(d, `${where}[${i}]`, 2 ** 31 - 1));
  }

  /** A static shape: null (unknown rank) or dims that are integers or null. */
  staticShape(v: unknown, where: string): (number | null)[] | null {
    if (v === null) return null;
    return this.array(v, where).map((d, i) => (d === null ? null : this.count(d, `${where}[${i}]`, 2 ** 31 - 1)));
  }

  stringArray(v: unknown, where: string): string[] {
    return this.array(v, where).map((x, i) => this.string(x, `${where}[${i}]`));
  }
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${typeof v} ${text.slice(0, 57)}...` : `${typeof v} ${text}`;
}
