import { NDArray, sizeOf, formatShape } from '../framework/ndarray';
import { DType, coerce, typedArrayFor } from '../framework/dtypes';
import { dtypeFromTf, tfDataType } from '../framework/node_def';
import { BYTES_PER_ELEMENT, DTYPES, decodeTensor, float16Bits, float16FromBits, tensorToBase64 } from './tensor_codec';
import { JsonChecker } from './validate';

/*
 * A tensor-valued AttrValue (Const's value) as TensorFlow's TensorProto in JSON:
 *   {dtype: 'DT_FLOAT', tensor_shape: {dim: [{size: 2}]}, tensor_content: '<base64>'}
 * or, when every element is the same, TF's splat form: one value in the dtype's
 * repeated field (float_val, int_val, int64_val, bool_val) with the full shape, which
 * TF broadcasts. Initializers of big variables (tf.zeros([784, 10])) stay a few bytes.
 */

/** The repeated value field TensorFlow uses for each dtype (uint8 shares int_val, as in TF). */
const VAL_FIELD: Record<DType, string> = {
  float32: 'float_val', int32: 'int_val', uint8: 'int_val', int64: 'int64_val', bool: 'bool_val',
  float64: 'double_val', int16: 'int_val', int8: 'int_val', uint16: 'int_val',
  float16: 'half_val', string: 'string_val', resource: 'resource_handle_val', // the half's bit pattern as an integer, as TF writes it
};
const VAL_FIELDS = ['float_val', 'double_val', 'half_val', 'int_val', 'int64_val', 'bool_val', 'string_val'];

/**
 * JSON has no NaN, infinities or -0; as proto3's JSON mapping does for float fields,
 * they are written as the strings "NaN", "Infinity", "-Infinity", and "-0" (which
 * proto3 parsers also accept, since they take any number as a string).
 */
export function encodeFloat(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

const SPECIAL_FLOATS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Inverse of encodeFloat: a JSON number or one of its four strings. */
export function decodeFloat(v: unknown, c: JsonChecker, where: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v in SPECIAL_FLOATS) return SPECIAL_FLOATS[v];
  return c.fail(where, `must be a number or one of "NaN", "Infinity", "-Infinity", "-0", got ${JSON.stringify(v)}`);
}

/** float32 NaN as Float32Array.fill writes it: the only NaN a splat can reproduce bit for bit. */
const CANONICAL_NAN_BITS = 0x7fc00000;

export function encodeTensorProto(a: NDArray): Record<string, unknown> {
  const head = { dtype: tfDataType(a.dtype), tensor_shape: { dim: a.shape.map((size) => ({ size })) } };
  // Strings (a Saver's file names) as proto3's JSON writes bytes: base64, one per element.
  if (a.strings) return { ...head, string_val: a.strings.map((b) => Buffer.from(b).toString('base64')) };
  if (a.size >= 1 && isSplat(a)) {
    const v = a.data[0];
    const value = a.dtype === 'bool' ? v !== 0 : a.dtype === 'float16' ? float16Bits(v)
      : a.dtype === 'float32' || a.dtype === 'float64' ? encodeFloat(v) : v;
    return { ...head, [VAL_FIELD[a.dtype]]: [value] };
  }
  return { ...head, tensor_content: tensorToBase64(a) };
}

function stringTensor(json: unknown, shape: number[], c: JsonChecker, where: string): NDArray {
  const values = c.array(json, where);
  if (values.length !== sizeOf(shape)) c.fail(where, `holds ${values.length} strings; shape ${formatShape(shape)} needs ${sizeOf(shape)}`);
  return NDArray.fromStrings(values.map((v, i) => {
    const b64 = c.string(v, `${where}[${i}]`);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) c.fail(`${where}[${i}]`, 'must be base64');
    return new Uint8Array(Buffer.from(b64, 'base64'));
  }), shape);
}

/** All elements bit-identical, and not a NaN whose payload one float_val could not carry. */
function isSplat(a: NDArray): boolean {
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const width = a.data.BYTES_PER_ELEMENT;
  for (let i = width; i < bytes.length; i++) if (bytes[i] !== bytes[i - width]) return false;
  if (a.dtype !== 'float32' && Number.isNaN(a.data[0])) return false; // only float32's NaN is checked bit for bit
  if (a.dtype === 'float32' && Number.isNaN(a.data[0])) {
    return new Uint32Array(a.data.buffer, a.data.byteOffset, 1)[0] === CANONICAL_NAN_BITS;
  }
  return true;
}

/** A TensorProto's JSON back to an NDArray; every malformed field is a DataLossError naming its path. */
export function decodeTensorProto(json: unknown, c: JsonChecker, where: string): NDArray {
  const t = c.object(json, where);
  for (const key of Object.keys(t)) {
    if (!['dtype', 'tensor_shape', 'tensor_content', ...VAL_FIELDS].includes(key)) c.fail(`${where}.${key}`, 'is not a TensorProto field tensorgraph reads');
  }
  const dtype = dataType(t.dtype, c, `${where}.dtype`);
  const shapeObj = c.object(t.tensor_shape, `${where}.tensor_shape`);
  if (shapeObj.unknown_rank !== undefined && shapeObj.unknown_rank !== false) c.fail(`${where}.tensor_shape.unknown_rank`, 'must be absent: a tensor has a known shape');
  // proto3's JSON leaves out zero fields: a dim of size 0 may be {}.
  const shape = c.array(shapeObj.dim ?? [], `${where}.tensor_shape.dim`)
    .map((d, i) => c.count(c.object(d, `${where}.tensor_shape.dim[${i}]`).size ?? 0, `${where}.tensor_shape.dim[${i}].size`, 2 ** 31 - 1));
  const present = ['tensor_content', ...VAL_FIELDS].filter((k) => k in t);
  // proto3's JSON leaves out empty bytes too: an empty tensor may have no value field at all.
  if (present.length === 0 && sizeOf(shape) === 0) return new NDArray(typedArrayFor(dtype, 0), shape, dtype);
  if (present.length !== 1) c.fail(where, `must hold exactly one of tensor_content or ${VAL_FIELD[dtype]}, got ${present.join(', ') || 'none'}`);
  if (present[0] === 'string_val' && dtype === 'string') return stringTensor(t.string_val, shape, c, `${where}.string_val`);
  if (present[0] === 'tensor_content') return contentTensor(c.string(t.tensor_content, `${where}.tensor_content`), dtype, shape, c, `${where}.tensor_content`);
  const field = present[0];
  if (field !== VAL_FIELD[dtype]) c.fail(`${where}.${field}`, `does not hold ${tfDataType(dtype)} values (they go in ${VAL_FIELD[dtype]})`);
  const values = c.array(t[field], `${where}.${field}`);
  const elements = sizeOf(shape);
  // One value is TF's splat; otherwise one per element (TF's repeat-the-last rule is not written by anyone we read).
  if (values.length !== 1 && values.length !== elements) {
    c.fail(`${where}.${field}`, `holds ${values.length} values; shape ${formatShape(shape)} needs 1 (all equal) or ${elements}`);
  }
  if (elements > MAX_SPLAT_ELEMENTS) c.fail(`${where}.tensor_shape`, `${formatShape(shape)} has more than ${MAX_SPLAT_ELEMENTS} elements`);
  const data = typedArrayFor(dtype, elements);
  const decoded = values.map((v, i) => exactValue(v, dtype, c, `${where}.${field}[${i}]`));
  if (values.length === 1) data.fill(decoded[0] as never); else decoded.forEach((v, i) => { data[i] = v; });
  return new NDArray(data, shape, dtype);
}

/** One element, which must be a value of the dtype as written (no silent rounding or wrapping). */
function exactValue(v: unknown, dtype: DType, c: JsonChecker, where: string): number {
  if (dtype === 'bool') return c.boolean(v, where) ? 1 : 0;
  if (dtype === 'float32') {
    const x = decodeFloat(v, c, where);
    if (!Number.isNaN(x) && !Object.is(Math.fround(x), x)) c.fail(where, `${x} is not a float32 value`);
    return x;
  }
  if (dtype === 'float64') return decodeFloat(v, c, where);
  if (dtype === 'float16') {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) c.fail(where, `must be a half's bit pattern (0..65535), got ${JSON.stringify(v)}`);
    return float16FromBits(v as number);
  }
  const n = dtype === 'int64' ? jsonInteger(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || !Object.is(coerce(dtype, n), n)) {
    c.fail(where, `must be a ${dtype} value${dtype === 'int64' ? ' (at most 2^53 in magnitude)' : ''}, got ${JSON.stringify(v)}`);
  }
  return n as number;
}

/** proto3's JSON writes 64-bit integers as decimal strings; tensorgraph writes numbers and reads both. */
export function jsonInteger(v: unknown): unknown {
  return typeof v === 'string' && /^-?(0|[1-9][0-9]*)$/.test(v) ? Number(v) : v;
}

/** A DataType enum name tensorgraph has a dtype for. */
export function dataType(v: unknown, c: JsonChecker, where: string): DType {
  const name = c.string(v, where);
  try { return dtypeFromTf(name, where); } catch {
    return c.fail(where, `is not a DataType tensorgraph supports (${DTYPES.map(tfDataType).join(', ')}), got ${JSON.stringify(name)}`);
  }
}

function contentTensor(data: string, dtype: DType, shape: number[], c: JsonChecker, where: string): NDArray {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) c.fail(where, 'is not valid base64');
  const expected = sizeOf(shape) * BYTES_PER_ELEMENT[dtype];
  // Checked from the string's length before decoding, so a lying shape allocates nothing.
  const decodedLength = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (decodedLength !== expected) c.fail(where, `holds ${decodedLength} bytes but shape ${formatShape(shape)} of ${dtype} needs ${expected}`);
  const bytes = Buffer.from(data, 'base64');
  return decodeTensor(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), dtype, shape);
}

/** 2^28 elements (1 GiB of float32): far above any initializer, far below what would exhaust memory by surprise. */
const MAX_SPLAT_ELEMENTS = 2 ** 28;
