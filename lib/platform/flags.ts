/**
 * tf.flags / tf.app.flags: absl-style command-line flags, as TF 1.5+ wraps absl.flags.
 * FLAGS parses process.argv on its first attribute access (TF's _FlagValuesWrapper) or
 * when tf.app.run() starts; --name=value, --name value, --name / --noname for booleans,
 * and `--` ends the flags.
 */
import { bindArgs } from '../framework/python_args';
import { AttributeError } from '../framework/errors';

export class Error extends globalThis.Error { constructor(m: string) { super(m); this.name = new.target.name; } }
export class UnrecognizedFlagError extends Error {}
export class IllegalFlagValueError extends Error {}
export class DuplicateFlagError extends Error {}

type Kind = 'string' | 'integer' | 'float' | 'boolean' | 'list';

interface Flag { name: string; kind: Kind; default: unknown; help: string; value: unknown; lower?: number; upper?: number }

function parseValue(flag: Flag, text: string): unknown {
  const bad = (what: string) => new IllegalFlagValueError(`flag --${flag.name}=${text}: ${what}`);
  switch (flag.kind) {
    case 'string': return text;
    case 'list': return text === '' ? [] : text.split(',').map((s) => s.trim());
    case 'boolean': {
      const t = text.toLowerCase();
      if (['true', 't', '1'].includes(t)) return true;
      if (['false', 'f', '0'].includes(t)) return false;
      throw bad('Non-boolean argument to boolean flag');
    }
    case 'integer': case 'float': {
      const v = Number(text);
      if (text.trim() === '' || Number.isNaN(v) || (flag.kind === 'integer' && !Number.isInteger(v))) {
        throw bad(`Expect argument to be a valid ${flag.kind === 'integer' ? 'int' : 'float'}`);
      }
      if (flag.lower !== undefined && v < flag.lower) throw bad(`Expected a value >= ${flag.lower}`);
      if (flag.upper !== undefined && v > flag.upper) throw bad(`Expected a value <= ${flag.upper}`);
      return v;
    }
  }
}

/** absl's FlagValues: the defined flags and their values; call it with argv to parse. */
export class FlagValues {
  private readonly flags = new Map<string, Flag>();
  private parsed = false;

  define(kind: Kind, name: string, defaultValue: unknown, help: string, bounds: { lower?: number; upper?: number } = {}): void {
    if (this.flags.has(name)) throw new DuplicateFlagError(`The flag '${name}' is defined twice.`);
    const flag: Flag = { name, kind, default: null, help, value: null, lower: bounds.lower, upper: bounds.upper };
    const initial = typeof defaultValue === 'string' && kind !== 'string' ? parseValue(flag, defaultValue) : defaultValue;
    flag.default = flag.value = kind === 'list' && initial === undefined ? null : initial ?? null;
    this.flags.set(name, flag);
  }

  /** Parses argv (argv[0] is the program), sets the flags and returns argv without them. */
  parse(argv: readonly string[]): string[] {
    const rest = argv.length > 0 ? [argv[0]!] : [];
    for (let i = 1; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg === '--') { rest.push(...argv.slice(i + 1)); break; }
      if (!arg.startsWith('-') || arg === '-') { rest.push(arg); continue; }
      const body = arg.replace(/^--?/, '');
      const eq = body.indexOf('=');
      let name = eq < 0 ? body : body.slice(0, eq);
      let flag = this.flags.get(name);
      if (eq < 0 && !flag && name.startsWith('no') && this.flags.get(name.slice(2))?.kind === 'boolean') {
        name = name.slice(2);
        this.flags.get(name)!.value = false;
        continue;
      }
      if (!flag) throw new UnrecognizedFlagError(`Unknown command line flag '${name}'`);
      flag = flag!;
      let text: string;
      if (eq >= 0) text = body.slice(eq + 1);
      else if (flag.kind === 'boolean') text = 'true';
      else if (i + 1 < argv.length) text = argv[++i]!;
      else throw new IllegalFlagValueError(`Flag --${name} must have a value other than None.`);
      flag.value = parseValue(flag, text);
    }
    this.parsed = true;
    return rest;
  }

  is_parsed(): boolean { return this.parsed; }
  mark_as_parsed(): void { this.parsed = true; }
  has(name: string): boolean { return this.flags.has(name); }
  get(name: string): unknown { return this.flags.get(name)!.value; }
  set(name: string, value: unknown): void { this.flags.get(name)!.value = value; }
  /** Flag name to value (absl's flag_values_dict). */
  flag_values_dict(): Record<string, unknown> { return Object.fromEntries([...this.flags].map(([k, f]) => [k, f.value])); }
  /** Every flag back to its default, unparsed (absl's unparse_flags). */
  unparse_flags(): void { for (const f of this.flags.values()) f.value = f.default; this.parsed = false; }
}

/**
 * A FlagValues whose flags read as attributes (FLAGS.learning_rate) and which is callable
 * on argv (FLAGS(argv)). Reading a flag first parses process.argv, as TF1's wrapper does;
 * an undefined flag is an AttributeError.
 */
export type FlagsObject = FlagValues & ((argv: readonly string[]) => string[]) & Record<string, any>;

/** Names JS machinery probes on any object (await, JSON, inspection): never flags. */
const NOT_FLAGS = new Set(['then', 'toJSON', 'inspect', 'asymmetricMatch', 'nodeType', '$$typeof']);

export function flagsObject(values: FlagValues, argv: () => string[]): FlagsObject {
  const call = (args: readonly string[]) => values.parse(args);
  return new Proxy(call, {
    get(_t, key) {
      if (typeof key !== 'string' || NOT_FLAGS.has(key)) return undefined;
      if (key in values) { const v = (values as any)[key]; return typeof v === 'function' ? v.bind(values) : v; }
      if (!values.has(key)) throw new AttributeError(`Unknown flag '${key}'`);
      if (!values.is_parsed()) values.parse(argv());
      return values.get(key);
    },
    set(_t, key, value) {
      if (typeof key !== 'string' || !values.has(key)) throw new AttributeError(`Unknown flag '${String(key)}'`);
      values.set(key, value);
      return true;
    },
    has: (_t, key) => typeof key === 'string' && values.has(key),
  }) as unknown as FlagsObject;
}

const globalValues = new FlagValues();
/** sys.argv: the script and its arguments. */
export const programArgv = (): string[] => process.argv.slice(1);
export const FLAGS: FlagsObject = flagsObject(globalValues, programArgv);

function definer(kind: Kind, fn: string, withBounds = false) {
  return (...args: unknown[]): void => {
    const names = ['name', 'default', 'help', ...(withBounds ? ['lower_bound', 'upper_bound'] : []), 'flag_values'];
    const a = bindArgs<any>(fn, args, names as never, {}, 2);
    const target: FlagValues = a.flag_values ? (a.flag_values instanceof FlagValues ? a.flag_values : unwrap(a.flag_values)) : globalValues;
    target.define(kind, a.name, a.default, a.help ?? '', { lower: a.lower_bound ?? undefined, upper: a.upper_bound ?? undefined });
  };
}

const unwrapped = new WeakMap<object, FlagValues>();
function unwrap(x: object): FlagValues {
  const v = unwrapped.get(x);
  if (!v) throw new TypeError('flag_values must be a FlagValues');
  return v;
}

/** A fresh FlagValues (for tests and tools): attribute access as FLAGS, parsed only when called. */
export function newFlagValues(): FlagsObject {
  const values = new FlagValues();
  const obj = flagsObject(values, () => { throw new globalThis.Error('parse these flags by calling them with argv first'); });
  unwrapped.set(obj, values);
  return obj;
}

export const DEFINE_string = definer('string', 'DEFINE_string');
export const DEFINE_integer = definer('integer', 'DEFINE_integer', true);
export const DEFINE_float = definer('float', 'DEFINE_float', true);
export const DEFINE_boolean = definer('boolean', 'DEFINE_boolean');
export const DEFINE_bool = DEFINE_boolean;
export const DEFINE_list = definer('list', 'DEFINE_list');
