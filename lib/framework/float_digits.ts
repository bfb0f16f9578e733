/**
 * Decimal digits of binary floats, as NumPy's Dragon4 produces them: the shortest digits
 * that read back as the same float32 (or float64), or the exact value rounded half-even
 * at a cutoff. Digits are strings so that no step rounds through a double.
 */
import { roundToFloat16 } from './dtypes';

/** A non-negative decimal: 0.DIGITS x 10^point; `digits` has no leading or trailing zeros ('' for zero). */
export interface Decimal { readonly digits: string; readonly point: number }

/** Maps a double to the nearest value of the float type being printed. */
export type RoundTrip = (x: number) => number;

export const float32RoundTrip: RoundTrip = Math.fround;
export const float64RoundTrip: RoundTrip = (x) => x;

/** Rounds to the nearest IEEE half (ties to even): a float16 stored in a Float32Array prints as NumPy's float16. */
export const float16RoundTrip: RoundTrip = roundToFloat16;

function normalize(digits: string, point: number): Decimal {
  let start = 0;
  while (start < digits.length && digits[start] === '0') { start++; point--; }
  let end = digits.length;
  while (end > start && digits[end - 1] === '0') end--;
  return end === start ? { digits: '', point: 0 } : { digits: digits.slice(start, end), point };
}

/** Reads `toExponential`'s form ("3.3e+0") of a positive number. */
function parseExponential(s: string): Decimal {
  const e = s.indexOf('e');
  return normalize(s.slice(0, e).replace('.', ''), Number(s.slice(e + 1)) + 1);
}

/** The exact decimal value of a finite double's magnitude (a float32 widened to a double is exact). */
export function exactDecimal(x: number): Decimal {
  const a = Math.abs(x);
  return a === 0 ? { digits: '', point: 0 } : parseExponential(a.toExponential(100));
}

/**
 * The shortest digits that round-trip through `roundTrip`, the closest to x among them
 * (Dragon4's unique mode). The correctly rounded p-digit decimal is not always the one that
 * round-trips (the interval is lopsided at powers of two), so its two neighbours are tried too.
 */
export function shortestDecimal(x: number, roundTrip: RoundTrip): Decimal {
  const a = roundTrip(Math.abs(x));
  if (a === 0) return { digits: '', point: 0 };
  for (let p = 1; p <= 17; p++) {
    const base = parseExponential(a.toExponential(p - 1));
    const mantissa = BigInt(base.digits.padEnd(p, '0'));
    const exp = base.point - p;
    let best: { value: number; digits: bigint } | null = null;
    for (const m of [mantissa - 1n, mantissa, mantissa + 1n]) {
      if (m <= 0n) continue;
      const value = Number(`${m}e${exp}`);
      if (roundTrip(value) !== a) continue;
      const closer = best === null || Math.abs(value - a) < Math.abs(best.value - a) ||
        (Math.abs(value - a) === Math.abs(best.value - a) && m % 2n === 0n);
      if (closer) best = { value, digits: m };
    }
    if (best !== null) {
      const s = best.digits.toString();
      return normalize(s, exp + s.length);
    }
  }
  return exactDecimal(a);
}

/** Rounds half-even, keeping the first `keep` digits (keep may be <= 0: the value is then 0 or one unit). */
export function roundDigits(d: Decimal, keep: number): Decimal {
  if (keep >= d.digits.length) return d;
  if (keep < 0) return { digits: '', point: 0 };
  const head = d.digits.slice(0, keep);
  const next = d.digits[keep];
  const restNonZero = d.digits.length > keep + 1; // normalized: any further digit ends non-zero
  const lastOdd = keep > 0 && Number(head[keep - 1]) % 2 === 1;
  const up = next > '5' || (next === '5' && (restNonZero || lastOdd));
  if (!up) return normalize(head, d.point);
  // Add one unit in the last kept place, carrying to the left.
  const chars = ('0' + head).split('');
  let i = chars.length - 1;
  while (chars[i] === '9') { chars[i] = '0'; i--; }
  chars[i] = String(Number(chars[i]) + 1);
  return normalize(chars.join(''), d.point + 1);
}

/**
 * Dragon4's unique mode with a cutoff: the shortest round-trip digits when they fit, else the
 * exact value rounded at the cutoff. `fractionDigits` cuts after the decimal point (positional),
 * `significantDigits` after that many digits (scientific).
 */
export function uniqueDecimal(x: number, roundTrip: RoundTrip,
  cutoff: { fractionDigits?: number; significantDigits?: number } = {}): Decimal {
  x = roundTrip(x); // a double that stands for a float32 prints as that float32
  const shortest = shortestDecimal(x, roundTrip);
  const keep = (d: Decimal) => cutoff.fractionDigits !== undefined ? d.point + cutoff.fractionDigits
    : cutoff.significantDigits !== undefined ? cutoff.significantDigits : Infinity;
  if (shortest.digits.length <= keep(shortest)) return shortest;
  const exact = exactDecimal(x);
  return roundDigits(exact, keep(exact));
}

/** "123.45", "0.001", "5." (trailing zeros trimmed, the point kept), fraction padded with zeros to minFraction. */
export function positional(d: Decimal, minFraction = 0): { int: string; frac: string } {
  const int = d.point <= 0 ? '0' : d.digits.slice(0, d.point).padEnd(d.point, '0');
  const frac = d.point >= d.digits.length ? '' :
    (d.point < 0 ? '0'.repeat(-d.point) : '') + d.digits.slice(Math.max(d.point, 0));
  return { int, frac: frac.padEnd(minFraction, '0') };
}

/** Mantissa parts and exponent ("1", "5", "-05") of d in scientific notation, exponent at least expDigits wide. */
export function scientific(d: Decimal, minFraction = 0, expDigits = 2): { int: string; frac: string; exp: string } {
  if (d.digits === '') return { int: '0', frac: ''.padEnd(minFraction, '0'), exp: '+' + '0'.repeat(expDigits) };
  const e = d.point - 1;
  return {
    int: d.digits[0],
    frac: d.digits.slice(1).padEnd(minFraction, '0'),
    exp: (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(expDigits, '0'),
  };
}
