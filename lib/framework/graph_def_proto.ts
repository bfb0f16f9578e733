import { create } from '@bufbuild/protobuf';
import type { DType } from './dtypes';
import { typedArrayFor } from './dtypes';
import { NDArray, sizeOf } from './ndarray';
import { DataLossError } from './errors';
import { AttrValue, AttrValueList, NodeDef, TensorShapeProto, dtypeFromTf, tfDataType } from './node_def';
import { DataType } from '../proto/tensorflow/core/framework/types_pb';
import { float16Bits, float16FromBits } from './float16';
import * as av from '../proto/tensorflow/core/framework/attr_value_pb';
import * as nd from '../proto/tensorflow/core/framework/node_def_pb';
import * as tp from '../proto/tensorflow/core/framework/tensor_pb';
import * as ts from '../proto/tensorflow/core/framework/tensor_shape_pb';

/*
 * TensorFlow's binary NodeDef/AttrValue/TensorProto messages (lib/proto) and the in-memory
 * NodeDef shape (node_def.ts) that op.node_def gives and the importer consumes. One
 * conversion each way, so GraphDefs Python TF writes import through the same path as
 * tensorgraph's own JSON NodeDefs.
 */

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// ---- in-memory -> proto ----

export function nodeDefToProto(node: NodeDef): nd.NodeDef {
  const attr: Record<string, av.AttrValue> = {};
  for (const key of Object.keys(node.attr).sort()) attr[key] = attrValueToProto(node.attr[key]);
  // TF writes output 0 as the bare op name.
  const input = node.input.map((t) => t.replace(/:0$/, ''));
  return create(nd.NodeDefSchema, { name: node.name, op: node.op, input, device: node.device, attr });
}

function enumOf(name: string): DataType { return DataType[name as keyof typeof DataType]; }

function shapeToProto(s: TensorShapeProto): ts.TensorShapeProto {
  return create(ts.TensorShapeProtoSchema, {
    unknownRank: s.unknown_rank ?? false,
    dim: (s.dim ?? []).map((d) => create(ts.TensorShapeProto_DimSchema, { size: BigInt(d.size) })),
  });
}

export function attrValueToProto(v: AttrValue): av.AttrValue {
  const one = (value: av.AttrValue['value']) => create(av.AttrValueSchema, { value });
  if (v.i !== undefined) return one({ case: 'i', value: BigInt(v.i) });
  if (v.f !== undefined) return one({ case: 'f', value: v.f });
  if (v.b !== undefined) return one({ case: 'b', value: v.b });
  if (v.s !== undefined) return one({ case: 's', value: utf8.encode(v.s) });
  if (v.type !== undefined) return one({ case: 'type', value: enumOf(v.type) });
  if (v.shape !== undefined) return one({ case: 'shape', value: shapeToProto(v.shape) });
  if (v.tensor !== undefined) return one({ case: 'tensor', value: tensorToProto(v.tensor) });
  if (v.func !== undefined) {
    const attr = Object.fromEntries(Object.entries(v.func.attr ?? {}).map(([k, a]) => [k, attrValueToProto(a)]));
    return one({ case: 'func', value: create(av.NameAttrListSchema, { name: v.func.name, attr }) });
  }
  const l = v.list ?? {};
  return one({
    case: 'list', value: create(av.AttrValue_ListValueSchema, {
      i: (l.i ?? []).map((x) => BigInt(x)), f: l.f ?? [], b: l.b ?? [], s: (l.s ?? []).map((x) => utf8.encode(x)),
      type: (l.type ?? []).map(enumOf), shape: (l.shape ?? []).map(shapeToProto), tensor: (l.tensor ?? []).map(tensorToProto),
    }),
  });
}

export function tensorToProto(a: NDArray): tp.TensorProto {
  const tensorShape = create(ts.TensorShapeProtoSchema, { dim: a.shape.map((d) => create(ts.TensorShapeProto_DimSchema, { size: BigInt(d) })) });
  const dtype = enumOf(tfDataType(a.dtype));
  const msg = create(tp.TensorProtoSchema, { dtype, tensorShape });
  if (a.strings) { msg.stringVal = a.strings.map((b) => b.slice()); return msg; }
  const splat = a.size > 0 && a.data.every((x) => Object.is(x, a.data[0]));
  if (!splat) {
    // Non-uniform values as TF writes them: little-endian bytes in tensor_content.
    msg.tensorContent = a.dtype === 'int64' ? new Uint8Array(BigInt64Array.from(a.data, (x) => BigInt(x)).buffer)
      : a.dtype === 'float16' ? new Uint8Array(Uint16Array.from(a.data, float16Bits).buffer)
        : new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength).slice();
    return msg;
  }
  const vals = a.size === 0 ? [] : [a.data[0]];
  switch (a.dtype) {
    case 'float32': msg.floatVal = vals; break;
    case 'float64': msg.doubleVal = vals; break;
    case 'int64': msg.int64Val = vals.map((x) => BigInt(x)); break;
    case 'bool': msg.boolVal = vals.map((x) => x !== 0); break;
    // TF keeps a half's bit pattern in half_val.
    case 'float16': msg.halfVal = vals.map(float16Bits); break;
    default: msg.intVal = vals;
  }
  return msg;
}

// ---- proto -> in-memory ----

/** A NodeDef message as the importer's NodeDef: inputs as 'op:index' and '^op'. */
export function nodeDefFromProto(node: nd.NodeDef, where: string): NodeDef {
  const at = `${where}: node '${node.name}' (op ${node.op})`;
  const input = node.input.map((t) => (t.startsWith('^') || /:\d+$/.test(t) ? t : `${t}:0`));
  const attr = Object.fromEntries(Object.entries(node.attr).map(([k, v]) => [k, attrValueFromProto(v, `${at}, attr '${k}'`)]));
  return { name: node.name, op: node.op, input, device: node.device, attr };
}

function typeName(dt: DataType): string { return DataType[dt] ?? `DT_INVALID(${dt})`; }

function shapeFromProto(s: ts.TensorShapeProto | undefined): TensorShapeProto {
  if (!s || s.unknownRank) return s ? { unknown_rank: true } : { dim: [] };
  return { dim: s.dim.map((d) => ({ size: Number(d.size) })) };
}

export function attrValueFromProto(v: av.AttrValue, where: string): AttrValue {
  const x = v.value;
  switch (x.case) {
    case 'i': return { i: Number(x.value) };
    case 'f': return { f: x.value };
    case 'b': return { b: x.value };
    case 's': return { s: fromUtf8.decode(x.value) };
    case 'type': return { type: typeName(x.value) };
    case 'shape': return { shape: shapeFromProto(x.value) };
    case 'tensor': return { tensor: tensorFromProto(x.value, where) };
    case 'func': {
      const attr = Object.fromEntries(Object.entries(x.value.attr).map(([k, a]) => [k, attrValueFromProto(a, where)]));
      return { func: { name: x.value.name, attr } };
    }
    case 'list': {
      const l = x.value;
      // An AttrValue list holds one kind of value; an empty one is {} (as node_def.ts reads it).
      const kinds: [keyof AttrValueList, unknown[]][] = [
        ['i', l.i.map(Number)], ['f', l.f], ['b', l.b], ['s', l.s.map((b) => fromUtf8.decode(b))],
        ['type', l.type.map(typeName)], ['shape', l.shape.map(shapeFromProto)],
        ['tensor', l.tensor.map((t) => tensorFromProto(t, where))],
      ];
      const found = kinds.find(([, items]) => items.length > 0);
      return { list: found ? { [found[0]]: found[1] } as AttrValueList : {} };
    }
    case 'placeholder': throw new DataLossError(`${where}: a function attr placeholder ('${x.value}') outside a function`);
    default: return { list: {} };
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A TensorProto's value: tensor_content (little-endian bytes), or the dtype's repeated
 * field, where TF repeats the last value to fill the shape (a splat is one value).
 */
export function tensorFromProto(t: tp.TensorProto, where: string): NDArray {
  let dtype: DType;
  try { dtype = dtypeFromTf(typeName(t.dtype), where); } catch (e) { throw new DataLossError((e as Error).message); }
  const shape = (t.tensorShape?.dim ?? []).map((d) => Number(d.size));
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new DataLossError(`${where}: tensor shape [${shape}] is not a valid tensor shape`);
  const size = sizeOf(shape);
  if (dtype === 'string') {
    // string_val, its last value repeated to fill the shape as for the numeric fields.
    const v = t.stringVal;
    if (v.length > size) throw new DataLossError(`${where}: TensorProto has ${v.length} strings for a tensor of ${size} elements`);
    return NDArray.fromStrings(Array.from({ length: size }, (_, i) => (v.length === 0 ? new Uint8Array(0) : v[Math.min(i, v.length - 1)])), shape);
  }
  const data = typedArrayFor(dtype, size);
  const width = data.BYTES_PER_ELEMENT;
  if (t.tensorContent.length > 0) {
    const elementBytes = dtype === 'int64' ? 8 : dtype === 'float16' ? 2 : width;
    if (t.tensorContent.length !== size * elementBytes) {
      throw new DataLossError(`${where}: tensor_content has ${t.tensorContent.length} bytes, but a ${dtype} tensor of shape [${shape}] needs ${size * elementBytes}`);
    }
    // A copy as a plain Uint8Array: a Node Buffer's slice() is a view into a shared pool, not its own buffer.
    const bytes = new Uint8Array(t.tensorContent);
    const view = new DataView(bytes.buffer);
    if (dtype === 'int64') for (let i = 0; i < size; i++) data[i] = Number(view.getBigInt64(i * 8, true));
    else if (dtype === 'float16') for (let i = 0; i < size; i++) data[i] = float16FromBits(view.getUint16(i * 2, true));
    else if (LITTLE_ENDIAN || width === 1) new Uint8Array(data.buffer).set(bytes);
    else throw new DataLossError(`${where}: big-endian hosts cannot decode tensor_content`);
    return new NDArray(data, shape, dtype);
  }
  const values: number[] = dtype === 'float32' ? t.floatVal : dtype === 'float64' ? t.doubleVal
    : dtype === 'int64' ? t.int64Val.map(Number) : dtype === 'bool' ? t.boolVal.map((b) => (b ? 1 : 0))
      : dtype === 'float16' ? t.halfVal.map(float16FromBits) : t.intVal;
  if (values.length > size) throw new DataLossError(`${where}: TensorProto has ${values.length} values for a tensor of ${size} elements`);
  for (let i = 0; i < size; i++) data[i] = values.length === 0 ? 0 : values[Math.min(i, values.length - 1)];
  return new NDArray(data, shape, dtype);
}
