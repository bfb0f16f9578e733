import { NDArray, sizeOf, formatShape } from '../framework/ndarray';
import { DType, coerce, typedArrayFor } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { BYTES_PER_ELEMENT, decodeTensor, tensorToBase64 } from './tensor_codec';
import { JsonChecker } from './validate';

/**
 * Op attrs as JSON. Plain JSON values are written as they are; three things JSON
 * cannot say are written as one-key objects whose key starts with '$':
 *   {"$tensor": {"dtype", "shape", "data"}}  an NDArray (Const's value); data is base64 of its little-endian bytes
 *   {"$tensor": {"dtype", "shape", "fill"}}  an NDArray whose elements are all equal (tf.zeros, tf.constant(0.1, shape)):
 *                                             initializers of big variables, which would otherwise dominate the file
 *   {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}
 *   {"$object": {...}}                          a plain object (so an attr object can never be mistaken for a tag)
 */
export function encodeAttr(value: unknown, where: string): unknown {
  if (value instanceof NDArray) {
    if (value.size > 1 && isUniform(value) && !Number.isNaN(value.data[0])) {
      return { $tensor: { dtype: value.dtype, shape: value.shape.slice(), fill: encodeAttr(value.data[0], where) } };
    }
    return { $tensor: { dtype: value.dtype, shape: value.shape.slice(), data: tensorToBase64(value) } };
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $number: 'NaN' };
    if (value === Infinity) return { $number: 'Infinity' };
    if (value === -Infinity) return { $number: '-Infinity' };
    if (Object.is(value, -0)) return { $number: '-0' };
    return value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => encodeAttr(v, `${where}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) if (v !== undefined) out[k] = encodeAttr(v, `${where}.${k}`);
    return { $object: out };
  }
  throw new ValueError(`Cannot save ${where}: attr values must be JSON values or NDArrays, got ${describeValue(value)}`);
}

export function encodeAttrs(attrs: Record<string, unknown>, opName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = encodeAttr(v, `attr '${k}' of op '${opName}'`);
  return out;
}

const SPECIAL_NUMBERS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** Inverse of encodeAttr, checking every tagged value (a bad one is a DataLossError naming its path). */
export function decodeAttr(json: unknown, c: JsonChecker, where: string): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map((v, i) => decodeAttr(v, c, `${where}[${i}]`));
  const o = json as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) c.fail(where, `must be a tagged object ($tensor, $number or $object), got keys ${JSON.stringify(keys)}`);
  const tag = keys[0];
  if (tag === '$number') {
    const s = o.$number;
    if (typeof s !== 'string' || !(s in SPECIAL_NUMBERS)) c.fail(`${where}.$number`, `must be NaN, Infinity, -Infinity or -0, got ${JSON.stringify(s)}`);
    return SPECIAL_NUMBERS[s as string];
  }
  if (tag === '$object') {
    const inner = c.object(o.$object, `${where}.$object`);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inner)) out[k] = decodeAttr(v, c, `${where}.$object.${k}`);
    return out;
  }
  if (tag === '$tensor') return decodeTensorAttr(c.object(o.$tensor, `${where}.$tensor`), c, `${where}.$tensor`);
  return c.fail(where, `has unknown tag '${tag}'`);
}

/** All elements bit-identical (so -0 survives the fill; NaN, whose payload might not, is never filled). */
function isUniform(a: NDArray): boolean {
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const width = a.data.BYTES_PER_ELEMENT;
  for (let i = width; i < bytes.length; i++) if (bytes[i] !== bytes[i - width]) return false;
  return true;
}

function decodeTensorAttr(t: Record<string, unknown>, c: JsonChecker, where: string): NDArray {
  const dtype = c.dtype(t.dtype, `${where}.dtype`);
  const shape = c.shape(t.shape, `${where}.shape`);
  if ('fill' in t) return filledTensor(decodeAttr(t.fill, c, `${where}.fill`), dtype, shape, c, where);
  const data = c.string(t.data, `${where}.data`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) c.fail(`${where}.data`, 'is not valid base64');
  const elements = sizeOf(shape);
  const expected = elements * BYTES_PER_ELEMENT[dtype];
  // Checked from the string's length before decoding, so a lying shape allocates nothing.
  const decodedLength = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (decodedLength !== expected) {
    c.fail(`${where}.data`, `holds ${decodedLength} bytes but shape ${formatShape(shape)} of ${dtype} needs ${expected}`);
  }
  const bytes = Buffer.from(data, 'base64');
  return decodeTensor(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), dtype, shape);
}

function describeValue(v: unknown): string {
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object' && v !== null) return `an instance of ${(v as object).constructor?.name ?? 'an unknown class'}`;
  return typeof v;
}

/** A uniform tensor; its size is capped so a lying shape cannot make it allocate without bound. */
function filledTensor(fill: unknown, dtype: DType, shape: number[], c: JsonChecker, where: string): NDArray {
  if (typeof fill !== 'number') c.fail(`${where}.fill`, `must be a number, got ${JSON.stringify(fill)}`);
  const elements = sizeOf(shape);
  if (elements > MAX_FILL_ELEMENTS) c.fail(`${where}.shape`, `${formatShape(shape)} has more than ${MAX_FILL_ELEMENTS} elements`);
  const data = typedArrayFor(dtype, elements);
  const stored = coerce(dtype, fill as number);
  if (!Object.is(stored, fill) && !(Number.isNaN(stored) && Number.isNaN(fill as number))) {
    c.fail(`${where}.fill`, `${fill} is not a ${dtype} value`);
  }
  data.fill(stored as never);
  return new NDArray(data, shape, dtype);
}

/** 2^28 elements (1 GiB of float32): far above any initializer, far below what would exhaust memory by surprise. */
const MAX_FILL_ELEMENTS = 2 ** 28;
