import { NDArray } from '../../lib/framework/ndarray';

// The real runtime the exports are checked in (devDependency; its bundled CPU build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ort = require('onnxruntime-node');

const ORT_TYPE: Record<string, string> = { float32: 'float32', int32: 'int32', int64: 'int64', bool: 'bool', uint8: 'uint8' };

/** Runs an ONNX model in ONNX Runtime: feeds by graph input name, outputs by graph output name as NDArrays. */
export async function runOnnx(model: Uint8Array, feeds: Record<string, NDArray>): Promise<Record<string, NDArray>> {
  const session = await ort.InferenceSession.create(model);
  const inputs: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(feeds)) {
    const data = v.dtype === 'int64' ? BigInt64Array.from(Array.from(v.data, (x) => BigInt(x))) : v.data;
    inputs[name] = new ort.Tensor(ORT_TYPE[v.dtype], data, [...v.shape]);
  }
  const results = await session.run(inputs);
  await session.release();
  const out: Record<string, NDArray> = {};
  for (const [name, t] of Object.entries(results as Record<string, { type: string; data: ArrayLike<number | bigint>; dims: readonly number[] }>)) {
    const dims = [...t.dims];
    if (t.type === 'int64') out[name] = new NDArray(Float64Array.from(t.data as BigInt64Array, Number), dims, 'int64');
    else if (t.type === 'bool') out[name] = new NDArray(Uint8Array.from(t.data as ArrayLike<number>, (b) => (b ? 1 : 0)), dims, 'bool');
    else if (t.type === 'int32') out[name] = new NDArray(Int32Array.from(t.data as ArrayLike<number>), dims, 'int32');
    else out[name] = new NDArray(Float32Array.from(t.data as ArrayLike<number>), dims, 'float32');
  }
  return out;
}

/** The largest absolute difference between two arrays of the same shape. */
export function maxAbsDiff(a: NDArray, b: NDArray): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shapes differ: [${a.shape}] vs [${b.shape}]`);
  let m = 0;
  for (let i = 0; i < a.size; i++) m = Math.max(m, Math.abs(Number(a.data[i]) - Number(b.data[i])));
  return m;
}

/** Row-wise argmax of a [n, k] array. */
export function argmaxRows(a: NDArray): number[] {
  const [n, k] = a.shape;
  return Array.from({ length: n }, (_, r) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (a.data[r * k + j] > a.data[r * k + best]) best = j;
    return best;
  });
}
