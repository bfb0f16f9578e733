import { NDArray } from '../framework/ndarray';
import { AttrValue, AttrValueList, NodeDef, TensorShapeProto } from '../framework/node_def';
import { dataType, decodeFloat, decodeTensorProto, encodeFloat, encodeTensorProto, jsonInteger } from './tensor_proto';
import { JsonChecker, describe } from './validate';

/*
 * NodeDefs in a file: TensorFlow's NodeDef JSON (name, op, input, device, attr). In
 * memory a `tensor` AttrValue holds an NDArray; in the file it is a TensorProto (see
 * tensor_proto.ts), and floats that JSON cannot say are strings (encodeFloat).
 */

export function encodeNodeDef(node: NodeDef): Record<string, unknown> {
  const attr: Record<string, unknown> = {};
  for (const key of Object.keys(node.attr).sort()) attr[key] = encodeAttrValue(node.attr[key]);
  return { name: node.name, op: node.op, input: node.input.slice(), device: node.device, attr };
}

export function encodeAttrValue(v: AttrValue): Record<string, unknown> {
  if (v.f !== undefined) return { f: encodeFloat(v.f) };
  if (v.tensor !== undefined) return { tensor: encodeTensorProto(v.tensor) };
  if (v.func !== undefined) {
    const attr = v.func.attr ? Object.fromEntries(Object.entries(v.func.attr).map(([k, a]) => [k, encodeAttrValue(a)])) : undefined;
    return { func: attr ? { name: v.func.name, attr } : { name: v.func.name } };
  }
  if (v.list !== undefined) {
    const list: Record<string, unknown> = { ...v.list };
    if (v.list.f) list.f = v.list.f.map(encodeFloat);
    if (v.list.tensor) list.tensor = v.list.tensor.map(encodeTensorProto);
    return { list };
  }
  return { ...v };
}

/** Input names: 'op:index' (or 'op', output 0) for data, '^op' for control inputs, which come last. */
const DATA_INPUT = /^([^:^][^:]*)(?::(\d+))?$/;
const CONTROL_INPUT = /^\^([^:^][^:]*)$/;

const NODE_FIELDS = ['name', 'op', 'input', 'device', 'attr'];

/** A stored NodeDef, checked field by field; inputs normalized to 'op:index' and '^op'. */
export function parseNodeDef(json: unknown, c: JsonChecker, where: string): NodeDef {
  const o = c.object(json, where);
  for (const key of Object.keys(o)) if (!NODE_FIELDS.includes(key)) c.fail(`${where}.${key}`, `is not a NodeDef field (fields: ${NODE_FIELDS.join(', ')})`);
  const name = c.string(o.name, `${where}.name`);
  if (name === '' || name.includes(':') || name.startsWith('^')) c.fail(`${where}.name`, `is not a valid op name: ${JSON.stringify(name)}`);
  let sawControl = false;
  const input = c.stringArray(o.input ?? [], `${where}.input`).map((t, i) => {
    const control = CONTROL_INPUT.exec(t);
    if (control) { sawControl = true; return t; }
    const data = DATA_INPUT.exec(t);
    if (!data) c.fail(`${where}.input[${i}]`, `must be a tensor name 'op:index' or a control input '^op', got ${JSON.stringify(t)}`);
    if (sawControl) c.fail(`${where}.input[${i}]`, `is a data input after a control input ('^op' inputs come last), got ${JSON.stringify(t)}`);
    return `${data[1]}:${data[2] ?? 0}`;
  });
  const attr = c.object(o.attr ?? {}, `${where}.attr`);
  return {
    name,
    op: c.string(o.op, `${where}.op`),
    input,
    device: o.device === undefined ? '' : c.string(o.device, `${where}.device`),
    attr: Object.fromEntries(Object.entries(attr).map(([k, v]) => [k, parseAttrValue(v, c, `${where}.attr.${k}`)])),
  };
}

const VALUE_FIELDS = ['i', 'f', 'b', 's', 'type', 'shape', 'tensor', 'func', 'list'];
const LIST_FIELDS = ['i', 'f', 'b', 's', 'type', 'shape', 'tensor'];

/** One AttrValue: exactly one field, of the right JSON kind. */
export function parseAttrValue(json: unknown, c: JsonChecker, where: string): AttrValue {
  const o = c.object(json, where);
  const keys = Object.keys(o);
  if (keys.length !== 1 || !VALUE_FIELDS.includes(keys[0])) {
    c.fail(where, `must be an AttrValue with exactly one of ${VALUE_FIELDS.join(', ')}; got ${keys.length ? keys.join(', ') : 'none'}`);
  }
  const field = keys[0];
  const at = `${where}.${field}`;
  if (field === 'func') {
    const f = c.object(o.func, at);
    const name = c.string(f.name, `${at}.name`);
    if (f.attr === undefined) return { func: { name } };
    const attr = Object.fromEntries(Object.entries(c.object(f.attr, `${at}.attr`)).map(([k, v]) => [k, parseAttrValue(v, c, `${at}.attr.${k}`)]));
    return { func: { name, attr } };
  }
  if (field === 'list') {
    const l = c.object(o.list, at);
    const kinds = Object.keys(l);
    for (const k of kinds) if (!LIST_FIELDS.includes(k)) c.fail(`${at}.${k}`, `is not a list AttrValue field (fields: ${LIST_FIELDS.join(', ')})`);
    if (kinds.length > 1) c.fail(at, `must hold one kind of value, got ${kinds.join(', ')}`);
    if (kinds.length === 0) return { list: {} };
    const kind = kinds[0];
    const items = c.array(l[kind], `${at}.${kind}`).map((v, i) => scalar(kind, v, c, `${at}.${kind}[${i}]`));
    return { list: { [kind]: items } as AttrValueList };
  }
  return { [field]: scalar(field, o[field], c, at) } as AttrValue;
}

function scalar(field: string, v: unknown, c: JsonChecker, where: string): unknown {
  switch (field) {
    case 'i': {
      // AttrValue.i is an int64: proto3's JSON writes it as a string, tensorgraph as a number.
      const n = jsonInteger(v);
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) c.fail(where, `must be an integer (at most 2^53 in magnitude), got ${describe(v)}`);
      return n;
    }
    case 'f': return decodeFloat(v, c, where);
    case 'b': return c.boolean(v, where);
    case 's': return c.string(v, where);
    case 'type':
      dataType(v, c, where);
      return v;
    case 'shape': return shapeProto(v, c, where);
    case 'tensor': return decodeTensorProto(v, c, where) as NDArray;
  }
  return c.fail(where, 'is not an AttrValue field');
}

function shapeProto(v: unknown, c: JsonChecker, where: string): TensorShapeProto {
  const o = c.object(v, where);
  for (const key of Object.keys(o)) if (key !== 'dim' && key !== 'unknown_rank') c.fail(`${where}.${key}`, 'is not a TensorShapeProto field (dim, unknown_rank)');
  const unknownRank = o.unknown_rank === undefined ? false : c.boolean(o.unknown_rank, `${where}.unknown_rank`);
  const dim = c.array(o.dim ?? [], `${where}.dim`).map((d, i) => {
    // proto3's JSON leaves out zero fields: a dim of size 0 may be {}; sizes are int64, maybe strings.
    const size = jsonInteger(c.object(d, `${where}.dim[${i}]`).size ?? 0);
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < -1) c.fail(`${where}.dim[${i}].size`, `must be an integer >= -1, got ${describe(size)}`);
    return { size: size as number };
  });
  if (unknownRank && dim.length > 0) c.fail(where, 'has dims and unknown_rank: true');
  return unknownRank ? { unknown_rank: true } : { dim };
}
