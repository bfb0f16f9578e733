import { as_dtype, DType } from '../framework/dtypes';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import type { ArgSpec, AttrSpec, AttrType, Attrs, OpSchema } from './op_def';

/*
 * What TF1's op_def_library does when an op is built: match the inputs to the
 * OpDef's arguments, bind the type attrs (`T`) and list lengths (`N`) from them,
 * check every given attr against its declared type, and fill in defaults. The
 * result is the op's complete attr map, so its NodeDef is TensorFlow's.
 */

/** The op's complete attrs: given ones checked, `T`/`N` derived from the inputs, defaults filled in. */
export function bindAttrs(schema: OpSchema, inputDTypes: readonly DType[], given: Attrs, opName: string): Attrs {
  const where = `'${opName}' (op: '${schema.type}')`;
  for (const key of Object.keys(given)) {
    if (given[key] === undefined) continue;
    if (!Object.hasOwn(schema.attrs, key)) throw unknownAttr(schema, key, where);
  }
  const bound: Attrs = Object.create(null);
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) bound[key] = normalizeAttr(schema.attrs[key], value, key, where);
  }
  const boundFrom = bindInputs(schema, inputDTypes, bound, where);
  const out: Attrs = {};
  for (const [key, spec] of Object.entries(schema.attrs)) {
    if (!(key in bound)) {
      if (spec.default === undefined) throw new ValueError(`Op ${where} is missing required attr '${key}' of type ${spec.type}`);
      bound[key] = spec.default;
    }
    checkAllowed(spec, bound[key], boundFrom.get(key) ?? key, where);
    out[key] = frozenLists(bound[key]);
  }
  return out;
}

/**
 * A list attr's array, frozen: ops share their defaults' arrays and hand attrs to every
 * kernel, so a kernel changing ctx.attrs.ksize must not change another op's attrs.
 */
function frozenLists(value: unknown): unknown {
  if (!Array.isArray(value) || Object.isFrozen(value)) return value;
  for (const item of value) frozenLists(item);
  return Object.freeze(value);
}

/**
 * Checks a schema's attr declaration when an op type is registered: its default and
 * allowed values in canonical form, the default of the declared type and allowed.
 * Returns the canonical declaration (frozen), or throws a ValueError naming the attr.
 */
export function canonicalAttrSpec(spec: AttrSpec, key: string, where: string): AttrSpec {
  const what = `${where}: attr '${key}'`;
  const allowed = spec.allowed_values?.map((v) => normalizeAttr({ type: elementType(spec.type) }, v, key, `${what}'s allowed_values`));
  const out: AttrSpec = { ...spec, ...(allowed ? { allowed_values: Object.freeze(allowed) } : {}) };
  if (spec.default !== undefined) {
    const value = frozenLists(normalizeAttr(spec, spec.default, key, `${what}'s default`));
    checkAllowed(out, value, key, `${what}'s default`);
    out.default = value;
  }
  return Object.freeze(out);
}

function elementType(type: AttrType): AttrType {
  return (type.startsWith('list(') ? type.slice(5, -1) : type) as AttrType;
}

/** The dtypes the schema's outputs have under these attrs, one per output tensor. */
export function outputDTypes(schema: OpSchema, attrs: Attrs): DType[] {
  return schema.outputs.flatMap((arg) => argDTypes(arg, attrs));
}

function argDTypes(arg: ArgSpec, attrs: Attrs): DType[] {
  if (arg.type_list_attr) return attrs[arg.type_list_attr] as DType[];
  const dtype = arg.type ?? (attrs[arg.type_attr!] as DType);
  return arg.number_attr ? new Array<DType>(attrs[arg.number_attr] as number).fill(dtype) : [dtype];
}

/** How many tensors each input argument takes, given the total; list lengths not given are derived. */
function splitInputs(schema: OpSchema, count: number, bound: Attrs, where: string): number[] {
  for (const arg of schema.inputs) {
    const given = arg.number_attr === undefined ? undefined : bound[arg.number_attr] as number | undefined;
    // A list length is never negative, whatever minimum the schema declares.
    if (given !== undefined) checkAllowed({ ...schema.attrs[arg.number_attr!], minimum: schema.attrs[arg.number_attr!].minimum ?? 0 }, given, arg.number_attr!, where);
  }
  const sizes: (number | null)[] = schema.inputs.map((arg) => {
    if (arg.number_attr) return bound[arg.number_attr] ?? null;
    if (arg.type_list_attr) return (bound[arg.type_list_attr] as unknown[] | undefined)?.length ?? null;
    return 1;
  });
  const unknown = sizes.filter((s) => s === null).length;
  const known = sizes.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  if (unknown > 1) throw new ValueError(`Op ${where} has several list inputs: give their lengths as attrs`);
  if (unknown === 1) {
    const rest = count - known;
    if (rest < 0) throw arity(schema, count, where);
    return sizes.map((s) => s ?? rest);
  }
  if (known !== count) throw arity(schema, count, where);
  return sizes as number[];
}

function arity(schema: OpSchema, count: number, where: string): ValueError {
  const names = schema.inputs.map((a) => (a.number_attr ? `${a.name}: ${a.number_attr} tensors` : a.type_list_attr ? `${a.name}: list` : a.name));
  return new ValueError(`Op ${where} takes inputs (${names.join(', ')}), got ${count} input${count === 1 ? '' : 's'}`);
}

/** Binds type and list-length attrs from the inputs; returns which input bound each type attr (errors name it, as TF1's). */
function bindInputs(schema: OpSchema, dtypes: readonly DType[], bound: Attrs, where: string): Map<string, string> {
  const boundFrom = new Map<string, string>();
  const sizes = splitInputs(schema, dtypes.length, bound, where);
  let at = 0;
  schema.inputs.forEach((arg, i) => {
    const mine = dtypes.slice(at, at + sizes[i]);
    at += sizes[i];
    if (arg.number_attr) {
      const min = schema.attrs[arg.number_attr]?.minimum ?? 0;
      if (mine.length < min) {
        throw new ValueError(`List argument '${arg.name}' to ${where} with length ${mine.length} shorter than minimum length ${min}.`);
      }
      bound[arg.number_attr] = mine.length;
    }
    if (arg.type_list_attr) {
      const declared = bound[arg.type_list_attr] as DType[] | undefined;
      if (declared && declared.some((d, j) => d !== mine[j])) {
        throw new TypeError(`Input '${arg.name}' of ${where} has types [${mine.join(', ')}] that do not match attr '${arg.type_list_attr}' [${declared.join(', ')}]`);
      }
      bound[arg.type_list_attr] = mine;
      return;
    }
    if (arg.number_attr && arg.type_attr && mine.some((d) => d !== mine[0])) {
      throw new TypeError(`Tensors in list passed to '${arg.name}' of ${where} have types [${mine.join(', ')}] that don't all match.`);
    }
    for (const dtype of mine) {
      if (arg.type !== undefined) {
        if (dtype !== arg.type) throw new TypeError(`Input '${arg.name}' of ${where} has type ${dtype} that does not match expected type of ${arg.type}.`);
        continue;
      }
      const attr = arg.type_attr!;
      const prior = bound[attr] as DType | undefined;
      if (prior === undefined) { bound[attr] = dtype; boundFrom.set(attr, arg.name); continue; }
      if (prior !== dtype) {
        const first = schema.inputs.find((a) => a.type_attr === attr);
        const which = first && first !== arg ? `type ${prior} of argument '${first.name}'` : `type ${prior} of attr '${attr}'`;
        throw new TypeError(`Input '${arg.name}' of ${where} has type ${dtype} that does not match ${which}.`);
      }
    }
  });
  return boundFrom;
}

function unknownAttr(schema: OpSchema, key: string, where: string): ValueError {
  const declared = Object.keys(schema.attrs);
  const squash = (s: string) => s.replace(/_/g, '').toLowerCase();
  const near = declared.find((d) => squash(d) === squash(key));
  return new ValueError(`Op ${where} has no attr named '${key}'` + (near ? `; did you mean '${near}'?` : '.') +
    ` Its attrs are: ${declared.join(', ') || 'none'}`);
}

/** `key` is the attr's name, or the input's that bound it (TF1 names the parameter the caller passed). */
function checkAllowed(spec: AttrSpec, value: unknown, key: string, where: string): void {
  const isList = spec.type.startsWith('list(') && Array.isArray(value);
  // A list attr's allowed values are its elements' (TF's ValidateAttrValue checks each).
  const items = isList ? value as unknown[] : [value];
  const allowed = spec.allowed_values;
  const outside = allowed ? items.find((item) => !allowed.some((a) => sameValue(a, item))) : undefined;
  if (allowed && outside !== undefined) {
    const list = allowed.map((v) => (typeof v === 'string' ? v : describe(v))).join(', ');
    if (spec.type === 'type' || spec.type === 'list(type)') {
      throw new TypeError(`Value passed to parameter '${key}' of ${where} has DataType ${outside} not in list of allowed values: ${list}`);
    }
    throw new ValueError(`Attr '${key}' of ${where} has value ${describe(outside)} not in list of allowed values: ${list}`);
  }
  if (spec.minimum !== undefined) {
    const n = isList ? items.length : value as number;
    if (typeof n === 'number' && n < spec.minimum) {
      throw new ValueError(`Attr '${key}' of ${where} ${isList ? 'has length' : 'has value'} ${n} less than minimum ${spec.minimum}`);
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Checks a given attr against its declared type and returns it in canonical form ('float' -> 'float32', -1 dims -> null). */
export function normalizeAttr(spec: AttrSpec, value: unknown, key: string, where: string): unknown {
  const bad = (): never => {
    throw new ValueError(`Attr '${key}' of ${where} must be of type ${spec.type}; got ${describe(value)}`);
  };
  const normalized = normalizeAs(spec.type, value, bad);
  return normalized;
}

function normalizeAs(type: AttrType, value: unknown, bad: () => never): unknown {
  if (type.startsWith('list(')) {
    if (!Array.isArray(value)) bad();
    const inner = type.slice(5, -1) as AttrType;
    return (value as unknown[]).map((v) => normalizeAs(inner, v, bad));
  }
  switch (type) {
    // Beyond 2^53 an int64 attr loses bits in a JS number: refused rather than saved wrong.
    case 'int': return Number.isSafeInteger(value) ? (value as number) + 0 : bad();
    case 'float': return typeof value === 'number' ? value : bad();
    case 'bool': return typeof value === 'boolean' ? value : bad();
    case 'string': return typeof value === 'string' ? value : bad();
    case 'type': try { return as_dtype(value); } catch { return bad(); }
    case 'shape':
      if (value === null) return null;
      if (!Array.isArray(value) || !value.every((d) => d === null || (Number.isInteger(d) && d >= -1))) bad();
      return (value as (number | null)[]).map((d) => (d === -1 ? null : d));
    case 'tensor': return value instanceof NDArray ? value : bad();
    case 'func':
      if (typeof value === 'string') return { name: value };
      return value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string' ? value : bad();
  }
  return bad();
}

function describe(value: unknown): string {
  if (value instanceof NDArray) return `an NDArray of shape [${value.shape}]`;
  if (typeof value === 'number') return String(value);
  // JSON would print NaN and Infinity as null.
  if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
  try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
}
