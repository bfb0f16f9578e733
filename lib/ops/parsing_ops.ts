import { Tensor, TensorLike } from '../framework/tensor';
import { DType, as_dtype } from '../framework/dtypes';
import { get_default_graph, Graph } from '../framework/graph';
import { convertToTensor, NameArg, nameFrom } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { bindArgs, bindArgsBesideDict, pyfunc } from '../framework/python_args';
import { callable } from '../framework/callable';
import { NDArray } from '../framework/ndarray';
import { reshape } from './shape_ops';
import { slice } from './array_ops';

/*
 * tf.parse_example / tf.parse_single_example with TF1's feature configs, over the ParseExample
 * op (kernels/cpu/io/ParseExample.ts decodes the tensorflow.Example protos).
 */

/** tf.SparseTensor(indices, values, dense_shape): a sparse value as its three dense tensors. */
class SparseTensorImpl {
  readonly indices: Tensor;
  readonly values: Tensor;
  readonly dense_shape: Tensor;
  constructor(...args: unknown[]) {
    const a = bindArgs<{ indices: TensorLike; values: TensorLike; dense_shape: TensorLike }>('SparseTensor', args, ['indices', 'values', 'dense_shape'], {}, 3);
    this.indices = convertToTensor(a.indices, 'int64');
    this.values = convertToTensor(a.values);
    this.dense_shape = convertToTensor(a.dense_shape, 'int64');
  }
  get dtype(): DType { return this.values.dtype; }
  get graph(): Graph { return this.values.graph; }
}
export const SparseTensor = callable(SparseTensorImpl);
export type SparseTensor = SparseTensorImpl;

/** tf.FixedLenFeature(shape, dtype, default_value=None): a dense feature; no default makes it required. */
export interface FixedLenFeature { readonly kind: 'FixedLenFeature'; shape: number[]; dtype: DType; default_value: TensorLike | null }
export const FixedLenFeature = pyfunc('FixedLenFeature', ['shape', 'dtype', 'default_value'], 2,
  function FixedLenFeature(shape: number[], dtype: DType | string, default_value?: TensorLike | null): FixedLenFeature {
    return { kind: 'FixedLenFeature', shape: [...shape], dtype: as_dtype(dtype), default_value: default_value ?? null };
  });

/** tf.VarLenFeature(dtype): a feature of any length per example, parsed into a SparseTensor. */
export interface VarLenFeature { readonly kind: 'VarLenFeature'; dtype: DType }
export const VarLenFeature = pyfunc('VarLenFeature', ['dtype'], 1, function VarLenFeature(dtype: DType | string): VarLenFeature {
  return { kind: 'VarLenFeature', dtype: as_dtype(dtype) };
});

type FeatureConfig = FixedLenFeature | VarLenFeature;
const PARSEABLE: DType[] = ['float32', 'int64', 'string'];

/**
 * tf.parse_example(serialized, features, name=None, example_names=None): a batch of serialized
 * tf.Example protos into {key: Tensor [batch, ...shape]} for FixedLenFeatures and
 * {key: SparseTensor} for VarLenFeatures (keys sorted, as TF's op inputs).
 */
export function parse_example(...args: unknown[]): Record<string, Tensor | SparseTensorImpl> {
  // features is itself a plain object: a trailing object is the keywords only when its keys are parameter names.
  const a = bindArgsBesideDict<ParseArgs>('parse_example', args, PARSE_PARAMS, 'features', 2);
  return parseExample(a.serialized, a.features, a.name, a.example_names);
}

interface ParseArgs { serialized: TensorLike; features: Record<string, FeatureConfig>; name?: NameArg; example_names?: TensorLike | null }
const PARSE_PARAMS: (keyof ParseArgs)[] = ['serialized', 'features', 'name', 'example_names'];

function parseExample(serialized: TensorLike, features: Record<string, FeatureConfig>, name?: NameArg,
    example_names?: TensorLike | null): Record<string, Tensor | SparseTensorImpl> {
    if (!features || Object.keys(features).length === 0) throw new ValueError('Missing: features was empty.');
    const keys = Object.keys(features).sort();
    for (const k of keys) {
      const f = features[k];
      if (f?.kind !== 'FixedLenFeature' && f?.kind !== 'VarLenFeature') throw new ValueError(`Unsupported feature type for '${k}': ${String(f)}`);
      if (!PARSEABLE.includes(f.dtype)) throw new ValueError(`Invalid dtype ${f.dtype} for feature '${k}': tf.Example holds float32, int64 and string.`);
    }
    const sparseKeys = keys.filter((k) => features[k].kind === 'VarLenFeature');
    const denseKeys = keys.filter((k) => features[k].kind === 'FixedLenFeature');
    const g = get_default_graph();
    return g.name_scope(nameFrom(name) ?? 'ParseExample', () => {
      const ser = convertToTensor(serialized, 'string');
      const names = example_names === null || example_names === undefined ? convertToTensor(NDArray.fromStrings([]), 'string') : convertToTensor(example_names, 'string');
      const keyTensors = [...sparseKeys, ...denseKeys].map((k) => convertToTensor(NDArray.fromStrings([k], []), 'string'));
      const defaults = denseKeys.map((k) => {
        const f = features[k] as FixedLenFeature;
        if (f.default_value === null) return convertToTensor(NDArray.from([], f.dtype), f.dtype);
        const keyName = 'key_' + k.replace(/[^A-Za-z0-9_.\-/]/g, '_');
        const d = convertToTensor(f.default_value, f.dtype, keyName);
        return reshape(d, f.shape);
      });
      const op = g.create_op('ParseExample', [ser, names, ...keyTensors, ...defaults], {
        Nsparse: sparseKeys.length, Ndense: denseKeys.length,
        sparse_types: sparseKeys.map((k) => features[k].dtype), Tdense: denseKeys.map((k) => features[k].dtype),
        dense_shapes: denseKeys.map((k) => (features[k] as FixedLenFeature).shape),
      }, 'ParseExample');
      const n = sparseKeys.length, out = op.outputs;
      const result: Record<string, Tensor | SparseTensorImpl> = {};
      sparseKeys.forEach((k, i) => { result[k] = new SparseTensorImpl(out[i], out[n + i], out[2 * n + i]); });
      denseKeys.forEach((k, j) => { result[k] = out[3 * n + j]; });
      return result;
    });
}

/**
 * tf.parse_single_example(serialized, features, name=None, example_names=None): one serialized
 * tf.Example (a scalar string); dense values without the batch dimension, sparse ones 1-D.
 */
export function parse_single_example(...args: unknown[]): Record<string, Tensor | SparseTensorImpl> {
    const { serialized, features, name, example_names } = bindArgsBesideDict<ParseArgs>('parse_single_example', args, PARSE_PARAMS, 'features', 2);
    const g = get_default_graph();
    return g.name_scope(nameFrom(name) ?? 'ParseSingleExample', () => {
      const batch = reshape(convertToTensor(serialized, 'string'), [1]);
      const names = example_names === null || example_names === undefined ? null : reshape(convertToTensor(example_names, 'string'), [1]);
      const parsed = parseExample(batch, features, undefined, names);
      const out: Record<string, Tensor | SparseTensorImpl> = {};
      for (const [k, v] of Object.entries(parsed)) {
        if (v instanceof Tensor) { out[k] = reshape(v, (features[k] as FixedLenFeature).shape); continue; }
        // Drop the example column of the indices and the batch dimension of the shape.
        out[k] = new SparseTensorImpl(slice(v.indices, [0, 1], [-1, 1]), v.values, slice(v.dense_shape, [1], [1]));
      }
      return out;
    });
}
