import type { DType } from './dtypes';
import { NDArray } from './ndarray';
import { ValueError } from './errors';
import type { AttrSpec, AttrType, Attrs } from '../registry/op_def';

/*
 * TensorFlow's NodeDef (node_def.proto) and AttrValue (attr_value.proto), in the
 * field names of their JSON form: `input` lists data inputs as 'op:index' ('op' for
 * output 0) and control inputs as '^op'; each attr is an AttrValue holding exactly one
 * of i, f, b, s, type, shape, tensor, func or list. op.node_def, the serializer and
 * the importer all use this one shape.
 */

export interface TensorShapeProto { dim?: { size: number }[]; unknown_rank?: boolean }

export interface AttrValueList {
  i?: number[]; f?: number[]; b?: boolean[]; s?: string[];
  type?: string[]; shape?: TensorShapeProto[]; tensor?: NDArray[];
}

export interface AttrValue {
  i?: number; f?: number; b?: boolean; s?: string;
  /** A DataType enum name: 'DT_FLOAT'. */
  type?: string;
  shape?: TensorShapeProto;
  tensor?: NDArray;
  func?: { name: string; attr?: Record<string, AttrValue> };
  list?: AttrValueList;
}

export interface NodeDef {
  name: string;
  op: string;
  input: string[];
  device: string;
  attr: Record<string, AttrValue>;
}

const TF_DTYPES: Record<DType, string> = {
  float32: 'DT_FLOAT', int32: 'DT_INT32', int64: 'DT_INT64', bool: 'DT_BOOL', uint8: 'DT_UINT8',
  float64: 'DT_DOUBLE', float16: 'DT_HALF', int16: 'DT_INT16', int8: 'DT_INT8', uint16: 'DT_UINT16', string: 'DT_STRING',
  resource: 'DT_RESOURCE',
};
const FROM_TF = Object.fromEntries(Object.entries(TF_DTYPES).map(([k, v]) => [v, k])) as Record<string, DType>;

/** TensorFlow's DataType enum name of a dtype ('float32' -> 'DT_FLOAT'). */
export function tfDataType(dtype: DType): string { return TF_DTYPES[dtype]; }

/** The dtype of a TensorFlow DataType enum name; ValueError for one tensorgraph lacks. */
export function dtypeFromTf(name: string, where: string): DType {
  const dtype = FROM_TF[name];
  if (!dtype) throw new ValueError(`${where}: DataType ${name} is not supported (supported: ${Object.keys(FROM_TF).join(', ')})`);
  return dtype;
}

function shapeProto(shape: (number | null)[] | null): TensorShapeProto {
  return shape === null ? { unknown_rank: true } : { dim: shape.map((d) => ({ size: d ?? -1 })) };
}

function shapeFromProto(p: TensorShapeProto): (number | null)[] | null {
  if (p.unknown_rank) return null;
  return (p.dim ?? []).map((d) => (d.size < 0 ? null : d.size));
}

const SCALAR_FIELD: Record<string, keyof AttrValueList> = {
  int: 'i', float: 'f', bool: 'b', string: 's', type: 'type', shape: 'shape', tensor: 'tensor',
};

/** An attr's value as a typed AttrValue, by its declared type. */
export function toAttrValue(type: AttrType, value: unknown): AttrValue {
  if (type.startsWith('list(')) {
    const inner = type.slice(5, -1);
    const field = SCALAR_FIELD[inner];
    const items = (value as unknown[]).map((v) => scalarField(inner, v));
    return { list: items.length === 0 ? {} : { [field]: items } };
  }
  if (type === 'func') return { func: value as { name: string } };
  return { [SCALAR_FIELD[type]]: scalarField(type, value) } as AttrValue;
}

function scalarField(type: string, value: unknown): unknown {
  if (type === 'type') return TF_DTYPES[value as DType];
  if (type === 'shape') return shapeProto(value as (number | null)[] | null);
  return value;
}

/** The attr value an AttrValue holds, checked against the declared type. */
export function fromAttrValue(spec: AttrSpec, value: AttrValue, where: string): unknown {
  const type = spec.type;
  if (type.startsWith('list(')) {
    if (!value.list) throw new ValueError(`${where}: expected a list AttrValue for type ${type}`);
    const inner = type.slice(5, -1);
    const field = SCALAR_FIELD[inner];
    const other = Object.keys(value.list).find((k) => k !== field);
    if (other !== undefined) throw new ValueError(`${where}: expected a list of '${field}' values for type ${type}, got a list of '${other}'`);
    const items = (value.list[field] ?? []) as unknown[];
    return items.map((v) => fromScalarField(inner, v, where));
  }
  if (type === 'func') {
    if (!value.func) throw new ValueError(`${where}: expected a func AttrValue`);
    return value.func;
  }
  const field = SCALAR_FIELD[type] as keyof AttrValue;
  if (!(field in value)) throw new ValueError(`${where}: expected AttrValue field '${field}' for type ${type}, got ${Object.keys(value).join(', ') || 'none'}`);
  return fromScalarField(type, value[field], where);
}

function fromScalarField(type: string, v: unknown, where: string): unknown {
  if (type === 'type') return dtypeFromTf(v as string, where);
  if (type === 'shape') return shapeFromProto(v as TensorShapeProto);
  if (type === 'tensor' && !(v instanceof NDArray)) throw new ValueError(`${where}: expected a tensor value`);
  return v;
}

/** Typed AttrValues for an op's attrs under its schema's attr declarations. */
export function toAttrValues(specs: Readonly<Record<string, AttrSpec>>, attrs: Attrs): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  for (const [key, value] of Object.entries(attrs)) {
    // An attr given as undefined was not given (as create_op treats it).
    if (value === undefined) continue;
    const spec = specs[key];
    if (!spec) throw new ValueError(`attr '${key}' is not in the op's definition`);
    out[key] = toAttrValue(spec.type, value);
  }
  return out;
}

/**
 * The attrs an op is built with from a NodeDef's AttrValues; an attr its schema lacks is a
 * ValueError naming both. Attrs whose names start with '_' are internal (TF's
 * `_output_shapes`, `_class`): not part of any OpDef, so they are skipped, as TF does.
 */
export function attrsFromAttrValues(specs: Readonly<Record<string, AttrSpec>>, attr: Record<string, AttrValue>, where: string): Attrs {
  const out: Attrs = {};
  for (const [key, value] of Object.entries(attr)) {
    if (key.startsWith('_')) continue;
    const spec = specs[key];
    if (!spec) throw new ValueError(`${where}: attr '${key}' is not in the op's definition`);
    out[key] = fromAttrValue(spec, value, `${where}, attr '${key}'`);
  }
  return out;
}
