/**
 * What the MNIST examples share besides the tutorial code itself: flags, progress
 * lines (steps, elapsed time, examples per second) and Python's '%g'. NumPy's printing of
 * arrays and fetched float32 scalars is the library's (String(a), tf.numpy_like.str(x)).
 */

/** Flag defaults: a number or null (no default) makes a numeric flag, a string a text flag. */
export type Flags = Record<string, string | number | null>;

/**
 * Parses `--name value` and `--name=value` against defaults; a numeric flag must be a
 * non-negative integer. Unknown flags are an error that lists the known ones.
 */
export function parseFlags<T extends Flags>(argv: string[], defaults: T, usage: string): T {
  const out: Flags = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([A-Za-z_]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in defaults)) {
      throw new UsageError(`Unknown argument ${argv[i]}\nusage: ${usage}`);
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${m[1]} needs a value\nusage: ${usage}`);
    if (typeof defaults[m[1]] !== 'string') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${m[1]} must be a non-negative integer, got ${value}`);
      out[m[1]] = n;
    } else {
      out[m[1]] = value;
    }
  }
  return out as T;
}

/** Exits with a usage error: parseFlags' errors. */
export class UsageError extends Error {}

/**
 * Runs an example's main as a program: errors (a bad flag, missing data) print as one
 * readable message instead of a stack trace, and set the exit status.
 */
export function runAsProgram(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    const err = e as Error;
    console.error(err instanceof UsageError ? err.message : `${err.name}: ${err.message}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
}

/** Python's '%g': 6 significant digits, trailing zeros dropped. */
export function formatG(x: number): string { return String(Number(x.toPrecision(6))); }

/** Measures training throughput for progress lines. */
export class Progress {
  private readonly start = process.hrtime.bigint();
  constructor(private readonly batchSize: number) {}

  get seconds(): number { return Number(process.hrtime.bigint() - this.start) / 1e9; }

  /** "12.3 s, 4,070 examples/s" after `steps` training steps. */
  summary(steps: number): string {
    const s = this.seconds;
    const rate = steps > 0 && s > 0 ? Math.round((steps * this.batchSize) / s).toLocaleString('en-US') : '-';
    return `${s.toFixed(1)} s, ${rate} examples/s`;
  }
}
