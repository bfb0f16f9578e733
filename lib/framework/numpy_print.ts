/**
 * NumPy's printing of arrays and scalars (numpy.array2string, array_str, array_repr and the
 * scalars' str, NumPy 1.14+ rules), so that a ported script prints what its Python original
 * printed: float32 values in their shortest round-trip digits, columns aligned on the point,
 * scientific notation when the range needs it, large arrays summarised with `...`.
 * Works on plain data (no NDArray import) so that NDArray can use it without a cycle.
 */
import {
  Decimal, RoundTrip, float16RoundTrip, float32RoundTrip, float64RoundTrip, positional, scientific, uniqueDecimal,
} from './float_digits';

/** numpy.set_printoptions' options that tensorgraph honours, with NumPy's defaults. */
export interface PrintOptions {
  /** Digits after the point (positional) or after the first digit (scientific). */
  precision: number;
  /** Arrays with more elements than this are summarised. */
  threshold: number;
  /** Items shown at each end of a summarised axis. */
  edgeitems: number;
  /** Characters per line before a row wraps. */
  linewidth: number;
  /** True: never scientific for small values; values below the precision print as 0. */
  suppress: boolean;
}

export const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> =
  Object.freeze({ precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75, suppress: false });

const current: PrintOptions = { ...DEFAULT_PRINT_OPTIONS };

/** numpy.set_printoptions: changes how every NDArray prints from now on (unknown keys are a TypeError). */
export function set_printoptions(options: Partial<PrintOptions>): void {
  for (const [key, value] of Object.entries(options)) {
    if (!(key in DEFAULT_PRINT_OPTIONS)) {
      throw new TypeError(`set_printoptions() got an unexpected keyword argument '${key}'`);
    }
    const expected = typeof DEFAULT_PRINT_OPTIONS[key as keyof PrintOptions];
    if (typeof value !== expected || (expected === 'number' && !(Number(value) >= 0))) {
      throw new TypeError(`set_printoptions(): ${key} must be a non-negative ${expected}, got ${String(value)}`);
    }
    (current as unknown as Record<string, unknown>)[key] = value;
  }
}

/** numpy.get_printoptions. */
export function get_printoptions(): PrintOptions { return { ...current }; }

/** What the printer needs of an array: row-major values, shape and dtype name. */
export interface PrintableArray {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
  readonly dtype: string;
}

type Kind = 'float' | 'int' | 'bool';

function kindOf(dtype: string): Kind {
  if (dtype === 'bool') return 'bool';
  return dtype.startsWith('float') ? 'float' : 'int';
}

function roundTripOf(dtype: string): RoundTrip {
  if (dtype === 'float16') return float16RoundTrip;
  return dtype === 'float32' ? float32RoundTrip : float64RoundTrip;
}

/** The dtypes array_repr leaves out, as NumPy does on Linux (its default float and int, and bool). */
const DEFAULT_REPR_DTYPES = new Set(['float64', 'int64', 'bool']);

// ---- element formatters (NumPy's FloatingFormat, IntegerFormat, BoolFormat) ----

/** Math.max without spreading (a large array would overflow the call stack). */
function maxOf(values: number[]): number { return values.reduce((m, v) => (v > m ? v : m), -Infinity); }

function signOf(x: number): string { return x < 0 || Object.is(x, -0) ? '-' : ''; }

function floatFormatter(values: number[], dtype: string, opts: PrintOptions): (x: number) => string {
  const roundTrip = roundTripOf(dtype);
  const finite = values.filter((v) => Number.isFinite(v));
  const nonZero = finite.map(Math.abs).filter((v) => v !== 0);
  let expFormat = false;
  if (nonZero.length > 0) {
    const max = maxOf(nonZero);
    const min = nonZero.reduce((m, v) => (v < m ? v : m), Infinity);
    expFormat = max >= 1e8 || (!opts.suppress && (min < 0.0001 || max / min > 1000));
  }
  let padLeft = 0;
  let padRight = 0;
  let format: (x: number) => string;
  if (finite.length === 0) {
    format = () => '';
  } else if (expFormat) {
    const decimals = new Map<number, Decimal>();
    const decimal = (x: number) => {
      let d = decimals.get(x);
      if (!d) { d = uniqueDecimal(x, roundTrip, { significantDigits: opts.precision + 1 }); decimals.set(x, d); }
      return d;
    };
    const parts = finite.map((x) => ({ sign: signOf(x), ...scientific(decimal(x)) }));
    const precision = maxOf(parts.map((p) => p.frac.length));
    const expDigits = maxOf(parts.map((p) => p.exp.length)) - 1;
    padLeft = maxOf(parts.map((p) => p.sign.length + p.int.length));
    padRight = expDigits + 2 + precision;
    format = (x) => {
      const p = scientific(decimal(x), precision, expDigits);
      return (signOf(x) + p.int).padStart(padLeft) + '.' + p.frac + 'e' + p.exp;
    };
  } else {
    // Keyed by string: a Map would take -0 for 0, and NumPy prints -0. as such.
    const parts = new Map<string, { int: string; frac: string }>();
    const key = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
    for (const x of finite) {
      if (parts.has(key(x))) continue;
      const p = positional(uniqueDecimal(x, roundTrip, { fractionDigits: opts.precision }));
      parts.set(key(x), { int: signOf(x) + p.int, frac: p.frac });
    }
    padLeft = maxOf([...parts.values()].map((p) => p.int.length));
    padRight = maxOf([...parts.values()].map((p) => p.frac.length));
    format = (x) => {
      const p = parts.get(key(x))!;
      return p.int.padStart(padLeft) + '.' + p.frac.padEnd(padRight);
    };
  }
  if (finite.length !== values.length) {
    // Room for nan and inf (and -inf) in the same columns.
    const negInf = values.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
  }
  return (x) => {
    if (Number.isFinite(x)) return format(x);
    const s = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
    return s.padStart(padLeft + padRight + 1);
  };
}

function intFormatter(values: number[]): (x: number) => string {
  if (values.length === 0) return String;
  let max = values[0]; let min = values[0];
  for (const v of values) { if (v > max) max = v; if (v < min) min = v; }
  const width = Math.max(String(max).length, String(min).length);
  return (x) => String(x).padStart(width);
}

function elementFormatter(values: number[], dtype: string, opts: PrintOptions, rank: number): (x: number) => string {
  switch (kindOf(dtype)) {
    // In arrays True takes False's width, so columns of booleans line up.
    case 'bool': return (x) => (x ? (rank === 0 ? 'True' : ' True') : 'False');
    case 'int': return intFormatter(values);
    case 'float': return floatFormatter(values, dtype, opts);
  }
}

// ---- layout (NumPy's _formatArray with its line wrapping) ----

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
  return strides;
}

/** The indices shown along an axis of length n: all, or the edge items at each end. */
function shownIndices(n: number, summarize: boolean, edgeitems: number): { lead: number[]; trail: number[] } {
  const all = Array.from({ length: n }, (_, i) => i);
  if (!summarize || 2 * edgeitems >= n) return { lead: [], trail: all };
  return { lead: all.slice(0, edgeitems), trail: all.slice(n - edgeitems) };
}

function shownFlatIndices(a: PrintableArray, summarize: boolean, edgeitems: number): number[] {
  const strides = stridesOf(a.shape);
  const out: number[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === a.shape.length) { out.push(offset); return; }
    const { lead, trail } = shownIndices(a.shape[axis], summarize, edgeitems);
    for (const i of [...lead, ...trail]) walk(axis + 1, offset + i * strides[axis]);
  };
  walk(0, 0);
  return out;
}

function extendLine(s: string, line: string, word: string, width: number, nextLinePrefix: string): [string, string] {
  let wrap = line.length + word.length > width;
  if (line.length <= nextLinePrefix.length) wrap = false; // wrapping would not help
  if (wrap) { s += line.trimEnd() + '\n'; line = nextLinePrefix; }
  return [s, line + word];
}

function formatArray(a: PrintableArray, format: (x: number) => string, linewidth: number,
  nextLinePrefix: string, separator: string, summarize: boolean, edgeitems: number): string {
  const strides = stridesOf(a.shape);
  const rank = a.shape.length;
  const recurse = (axis: number, offset: number, hangingIndent: string, width: number): string => {
    if (axis === rank) return format(a.data[offset]);
    const nextIndent = hangingIndent + ' ';
    const nextWidth = width - 1; // the closing ']'
    const { lead, trail } = shownIndices(a.shape[axis], summarize, edgeitems);
    const child = (i: number) => recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth);
    let s = '';
    if (rank - axis === 1) {
      const elemWidth = width - Math.max(separator.trimEnd().length, 1);
      let line = hangingIndent;
      for (const i of lead) { [s, line] = extendLine(s, line, child(i), elemWidth, hangingIndent); line += separator; }
      if (lead.length > 0) { [s, line] = extendLine(s, line, '...', elemWidth, hangingIndent); line += separator; }
      trail.forEach((i, k) => {
        [s, line] = extendLine(s, line, child(i), elemWidth, hangingIndent);
        if (k < trail.length - 1) line += separator;
      });
      s += line;
    } else {
      const lineSep = separator.trimEnd() + '\n'.repeat(rank - axis - 1);
      for (const i of lead) s += hangingIndent + child(i) + lineSep;
      if (lead.length > 0) s += hangingIndent + '...' + lineSep;
      trail.forEach((i, k) => { s += hangingIndent + child(i) + (k < trail.length - 1 ? lineSep : ''); });
    }
    return '[' + s.slice(hangingIndent.length) + ']';
  };
  return recurse(0, 0, nextLinePrefix, linewidth);
}

/** numpy.array2string with the given separator, prefix and suffix (the prefix only indents wrapped lines). */
export function array2string(a: PrintableArray, options: Partial<PrintOptions> = {},
  separator = ' ', prefix = '', suffix = ''): string {
  const opts = { ...current, ...options };
  const size = a.data.length;
  if (size === 0) return '[]';
  const summarize = size > opts.threshold;
  const shown = shownFlatIndices(a, summarize, opts.edgeitems).map((i) => a.data[i]);
  const format = elementFormatter(shown, a.dtype, opts, a.shape.length);
  return formatArray(a, format, opts.linewidth - suffix.length, ' ' + ' '.repeat(prefix.length),
    separator, summarize, opts.edgeitems);
}

/** Python's str() of a NumPy scalar: shortest round-trip digits, `5.0`, `1e-05` outside [1e-4, 1e16). */
export function scalarStr(x: number | boolean, dtype: string): string {
  const kind = kindOf(dtype);
  if (kind === 'bool' || typeof x === 'boolean') return x ? 'True' : 'False';
  if (kind === 'int') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  const roundTrip = roundTripOf(dtype);
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) {
    const p = positional(uniqueDecimal(x, roundTrip));
    return signOf(x) + p.int + '.' + (p.frac === '' ? '0' : p.frac);
  }
  const p = scientific(uniqueDecimal(x, roundTrip));
  return signOf(x) + p.int + (p.frac === '' ? '' : '.' + p.frac) + 'e' + p.exp;
}

/** numpy's str(array) (what print(a) shows). */
export function arrayStr(a: PrintableArray, options: Partial<PrintOptions> = {}): string {
  if (a.shape.length === 0) return scalarStr(kindOf(a.dtype) === 'bool' ? a.data[0] !== 0 : a.data[0], a.dtype);
  return array2string(a, options);
}

function pythonTuple(shape: readonly number[]): string {
  return '(' + shape.join(', ') + (shape.length === 1 ? ',)' : ')');
}

/** numpy's repr(array): `array([1. , 2.5], dtype=float32)`, the dtype on its own line when it does not fit. */
export function arrayRepr(a: PrintableArray, options: Partial<PrintOptions> = {}): string {
  const opts = { ...current, ...options };
  const prefix = 'array(';
  const skipDType = DEFAULT_REPR_DTYPES.has(a.dtype);
  const suffix = skipDType ? ')' : ',';
  const body = a.data.length > 0 || (a.shape.length === 1 && a.shape[0] === 0)
    ? array2string(a, opts, ', ', prefix, suffix)
    : `[], shape=${pythonTuple(a.shape)}`;
  const arrStr = prefix + body + suffix;
  if (skipDType) return arrStr;
  const dtypeStr = `dtype=${a.dtype})`;
  const lastLineLength = arrStr.length - (arrStr.lastIndexOf('\n') + 1);
  const spacer = lastLineLength + dtypeStr.length + 1 > opts.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ';
  return arrStr + spacer + dtypeStr;
}
