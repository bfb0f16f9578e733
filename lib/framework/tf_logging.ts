/**
 * tf.logging: TF1's Python logger, printing "INFO:tensorflow:message" lines to stderr as TF1's
 * default handler does. Messages take Python's %-style arguments (`info('step %d', 5)`).
 * The threshold starts at WARN, as in TF 1.14+, which is why TF1 scripts call
 * tf.logging.set_verbosity(tf.logging.INFO) to see the Estimator's progress lines.
 * process.stderr.write is looked up on every line, so a test can replace it to capture them.
 */
import { ValueError } from './errors';

export const DEBUG = 10;
export const INFO = 20;
export const WARN = 30;
export const ERROR = 40;
export const FATAL = 50;

const LEVEL_NAMES: Record<number, string> = { 10: 'DEBUG', 20: 'INFO', 30: 'WARNING', 40: 'ERROR', 50: 'CRITICAL' };

let verbosity = WARN;

/** tf.logging.set_verbosity(v): lines below level v are dropped. */
export function set_verbosity(v: number): void {
  if (!Number.isInteger(v)) throw new ValueError(`Unknown level: ${String(v)}`);
  verbosity = v;
}

/** tf.logging.get_verbosity(). */
export function get_verbosity(): number { return verbosity; }

/** tf.logging.log(level, msg, *args). */
export function log(level: number, msg: unknown, ...args: unknown[]): void {
  if (level < verbosity) return;
  const name = LEVEL_NAMES[level] ?? `Level ${level}`;
  process.stderr.write(`${name}:tensorflow:${args.length > 0 ? percentFormat(String(msg), args) : String(msg)}\n`);
}

export function debug(msg: unknown, ...args: unknown[]): void { log(DEBUG, msg, ...args); }
export function info(msg: unknown, ...args: unknown[]): void { log(INFO, msg, ...args); }
export function warning(msg: unknown, ...args: unknown[]): void { log(WARN, msg, ...args); }
export const warn = warning;
export function error(msg: unknown, ...args: unknown[]): void { log(ERROR, msg, ...args); }
export function fatal(msg: unknown, ...args: unknown[]): void { log(FATAL, msg, ...args); }

/**
 * Python's `msg % args` for the conversions log messages use: %s %r %d %i %f %e %g and %%,
 * with flags, width and precision (`%.3f`, `%5d`). Too few or too many arguments is Python's TypeError.
 */
export function percentFormat(msg: string, args: readonly unknown[]): string {
  let next = 0;
  const out = msg.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sridfegxo%])/g, (_m, flags: string, width?: string, prec?: string, conv?: string) => {
    if (conv === '%') return '%';
    if (next >= args.length) throw new TypeError('not enough arguments for format string');
    const text = convert(args[next++], conv as string, prec === undefined ? undefined : Number(prec), flags);
    const w = width === undefined ? 0 : Number(width);
    if (text.length >= w) return text;
    if (flags.includes('-')) return text.padEnd(w);
    if (flags.includes('0') && conv !== 's' && conv !== 'r') {
      const sign = /^[-+ ]/.test(text) ? text[0] : '';
      return sign + text.slice(sign.length).padStart(w - sign.length, '0');
    }
    return text.padStart(w);
  });
  if (next < args.length) throw new TypeError('not all arguments converted during string formatting');
  return out;
}

function convert(v: unknown, conv: string, prec: number | undefined, flags: string): string {
  const sign = (x: number, s: string) => (x >= 0 && flags.includes('+') ? '+' + s : x >= 0 && flags.includes(' ') ? ' ' + s : s);
  switch (conv) {
    case 's': return prec === undefined ? pyStr(v) : pyStr(v).slice(0, prec);
    case 'r': return typeof v === 'string' ? `'${v}'` : pyStr(v);
    case 'd': case 'i': return sign(Number(v), String(Math.trunc(Number(v))));
    case 'x': return Math.trunc(Number(v)).toString(16);
    case 'o': return Math.trunc(Number(v)).toString(8);
    case 'f': return sign(Number(v), Number(v).toFixed(prec ?? 6));
    case 'e': return sign(Number(v), exponent(Number(v).toExponential(prec ?? 6)));
    default: return sign(Number(v), general(Number(v), prec ?? 6, flags.includes('#')));
  }
}

/** Python writes at least two exponent digits: 1e+05 -> 1e+05, 1.5e-7 -> 1.5e-07. */
function exponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's %g: `prec` significant digits, scientific below 1e-4 or from 10**prec, trailing zeros dropped. */
function general(x: number, prec: number, keepZeros: boolean): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return '0';
  const exp = Number(x.toExponential(p - 1).split('e')[1]);
  const strip = (s: string) => (keepZeros ? s : s.replace(/(\.\d*?)0+($|e)/, '$1$2').replace(/\.($|e)/, '$1'));
  if (exp < -4 || exp >= p) return exponent(strip(x.toExponential(p - 1)));
  return strip(x.toFixed(p - 1 - exp));
}

function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (Array.isArray(v)) return `[${v.map((e) => (typeof e === 'string' ? `'${e}'` : pyStr(e))).join(', ')}]`;
  return String(v);
}
