/**
 * The subset of C's printf that TF's AsString builds its format from: `%[flag][width][.precision]`
 * with d, f, e, g or s. Written out rather than approximated with toString() because TF's output
 * is printf's to the character (two-digit exponents, %g's trailing-zero removal, "inf", "-0").
 */
export interface PrintfSpec {
  /** One of '' (none), '0' (zero padding), '-' (left-justify), ' ' or '+' (sign of positives). */
  flag: string;
  width: number;
  /** -1: printf's default (6 for f/e/g). */
  precision: number;
  conversion: 'd' | 'f' | 'e' | 'g' | 's';
}

export function printfFormat(value: number | string, spec: PrintfSpec): string {
  if (typeof value === 'string') return pad('', value, spec, false);
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? '-' : spec.flag === '+' ? '+' : spec.flag === ' ' ? ' ' : '';
  const magnitude = Math.abs(value);
  if (!Number.isFinite(magnitude)) return pad(sign, Number.isNaN(magnitude) ? 'nan' : 'inf', spec, false);
  return pad(sign, digits(magnitude, spec), spec, true);
}

function digits(x: number, spec: PrintfSpec): string {
  const p = spec.precision < 0 ? 6 : spec.precision;
  switch (spec.conversion) {
    case 'd': return String(x);
    case 'f': return fixed(x, p);
    case 'e': return exponential(x, p);
    case 'g': return general(x, spec.precision < 0 ? 6 : Math.max(spec.precision, 1));
    default: return String(x);
  }
}

function fixed(x: number, p: number): string {
  if (x < 1e21) return tiesToEven(x.toFixed(p), x.toFixed(Math.min(100, p + 25)), p);
  // toFixed switches to exponent notation from 1e21; such doubles are integers, so BigInt is exact.
  return BigInt(x).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
}

/** printf's %e: at least two exponent digits (1.5e+00, not 1.5e+0). */
function exponential(x: number, p: number): string {
  const [rounded, roundedExp] = x.toExponential(p).split('e');
  const [exact, exactExp] = x.toExponential(Math.min(100, p + 25)).split('e');
  const mantissa = tiesToEven(rounded, exact, p);
  const e = Number(mantissa === rounded ? roundedExp : exactExp);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** printf's %g with P significant digits: %e when the exponent is < -4 or >= P, trailing zeros removed. */
function general(x: number, P: number): string {
  const exp = x === 0 ? 0 : Number(x.toExponential(P - 1).split('e')[1]);
  const text = P > exp && exp >= -4 ? fixed(x, P - 1 - exp) : exponential(x, P - 1);
  const [mantissa, suffix] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return suffix === undefined ? trimmed : `${trimmed}e${suffix}`;
}

function pad(sign: string, body: string, spec: PrintfSpec, numeric: boolean): string {
  const missing = spec.width - sign.length - body.length;
  if (missing <= 0) return sign + body;
  if (spec.flag === '-') return sign + body + ' '.repeat(missing);
  if (spec.flag === '0' && numeric) return sign + '0'.repeat(missing) + body;
  return ' '.repeat(missing) + sign + body;
}

/**
 * JS rounds an exact tie up (toFixed, toExponential); C's printf rounds it to even (2.5 -> "2",
 * 0.125 -> "0.12"). `exact` is the same number with 25 more digits, enough to show a tie exactly.
 */
function tiesToEven(rounded: string, exact: string, p: number): string {
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + p);
  if (!/^50*$/.test(rest)) return rounded;
  const truncated = exact.slice(0, p === 0 ? point : point + 1 + p);
  return Number(truncated[truncated.length - 1]) % 2 === 0 ? truncated : rounded;
}
