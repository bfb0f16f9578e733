import { fromBinary } from '@bufbuild/protobuf';
import { InvalidArgumentError, UnimplementedError } from '../../../lib/framework/errors';
import { NDArray } from '../../../lib/framework/ndarray';
import { typedArrayFor, type DType } from '../../../lib/framework/dtypes';
import type { CpuKernel, KernelContext } from '../../../lib/registry/kernel_registry';
import type { StaticShape } from '../../../lib/registry/op_registry';
import { ExampleSchema } from '../../../lib/proto/tensorflow/core/example/example_pb';
import type { Feature } from '../../../lib/proto/tensorflow/core/example/feature_pb';

/*
 * ParseExample: serialized tensorflow.Example protos (the generated messages of lib/proto) into
 * sparse features (indices [N, 2] of (example, position), values [N], dense_shape [B, longest])
 * and dense features ([B, ...dense_shape], dense_defaults where an example lacks the feature; an
 * empty default makes it required). Messages are TF's (example_proto_fast_parsing.cc).
 */

/** TF's names for the dtypes a feature can hold. */
const TF_NAME: Record<string, string> = { float32: 'float', int64: 'int64', string: 'string' };

interface Values { dtype: DType; numbers: number[] | null; bytes: Uint8Array[] | null }

function valuesOf(f: Feature): Values | null {
  switch (f.kind.case) {
    case 'floatList': return { dtype: 'float32', numbers: f.kind.value.value, bytes: null };
    // int64 is held as a double here (exact to 2^53, docs/dtypes.md).
    case 'int64List': return { dtype: 'int64', numbers: f.kind.value.value.map(Number), bytes: null };
    case 'bytesList': return { dtype: 'string', numbers: null, bytes: f.kind.value.value };
    default: return null; // a Feature with no list set: present, with no values of any type
  }
}

function count(v: Values): number { return v.numbers ? v.numbers.length : v.bytes!.length; }

function decodeExamples(serialized: NDArray, ctx: KernelContext): Record<string, Feature>[] {
  return serialized.strings!.map((bytes) => {
    try {
      return fromBinary(ExampleSchema, bytes).features?.feature ?? {};
    } catch {
      const shown = Array.from(bytes.subarray(0, 64), (c) => String.fromCharCode(c)).join('');
      throw new InvalidArgumentError(`Could not parse example input, value: '${shown}'`, ctx.op.name);
    }
  });
}

/** The feature's values if an example has it, checked against the dtype the graph expects. */
function lookup(features: Record<string, Feature>, key: string, dtype: DType, exampleName: string, ctx: KernelContext): Values | null {
  const f = features[key];
  if (f === undefined) return null;
  const v = valuesOf(f) ?? { dtype, numbers: dtype === 'string' ? null : [], bytes: dtype === 'string' ? [] : null };
  if (v.dtype !== dtype) {
    throw new InvalidArgumentError(`Name: ${exampleName}, Feature: ${key}.  Data types don't match. ` +
      `Expected type: ${TF_NAME[dtype]}, Actual type: ${TF_NAME[v.dtype]}`, ctx.op.name);
  }
  return v;
}

function denseShapeOf(shape: StaticShape, key: string, ctx: KernelContext): number[] {
  if (shape === null || shape.some((d) => d === null || d < 0)) {
    throw new UnimplementedError(`ParseExample: dense feature '${key}' has shape ${JSON.stringify(shape)}; ` +
      'variable-length dense features (FixedLenSequenceFeature) are not supported', ctx.op.name);
  }
  return shape as number[];
}

export const parseExampleKernel: CpuKernel = (inputs, ctx) => {
  const nSparse = ctx.attrs.Nsparse as number, nDense = ctx.attrs.Ndense as number;
  const [serialized, names] = inputs;
  if (serialized.shape.length !== 1) {
    throw new InvalidArgumentError(`Expected serialized to be a vector, got shape: [${serialized.shape.join(',')}]`, ctx.op.name);
  }
  const batch = serialized.size;
  if (names.size !== 0 && names.size !== batch) {
    throw new InvalidArgumentError(`Expected len(names) == len(serialized), but got: ${names.size} vs. ${batch}`, ctx.op.name);
  }
  const keyAt = (i: number) => inputs[2 + i].stringAt(0);
  const sparseKeys = Array.from({ length: nSparse }, (_, i) => keyAt(i));
  const denseKeys = Array.from({ length: nDense }, (_, i) => keyAt(nSparse + i));
  const defaults = inputs.slice(2 + nSparse + nDense);
  const sparseTypes = ctx.attrs.sparse_types as DType[], denseTypes = ctx.attrs.Tdense as DType[];
  const denseShapes = ctx.attrs.dense_shapes as StaticShape[];
  const examples = decodeExamples(serialized, ctx);
  const exampleName = (b: number) => (names.size > 0 ? names.stringAt(b) : '<unknown>');

  const sparse = sparseKeys.map((key, i) => {
    const dtype = sparseTypes[i];
    const found = examples.map((ex, b) => lookup(ex, key, dtype, exampleName(b), ctx));
    const total = found.reduce((n, v) => n + (v ? count(v) : 0), 0);
    const longest = found.reduce((n, v) => Math.max(n, v ? count(v) : 0), 0);
    const indices = NDArray.zeros([total, 2], 'int64');
    const numbers = dtype === 'string' ? null : typedArrayFor(dtype, total);
    const bytes: Uint8Array[] = [];
    let k = 0;
    found.forEach((v, b) => {
      for (let j = 0; v && j < count(v); j++, k++) {
        indices.data[2 * k] = b;
        indices.data[2 * k + 1] = j;
        if (numbers) numbers[k] = v.numbers![j]; else bytes.push(v.bytes![j]);
      }
    });
    const values = numbers ? new NDArray(numbers, [total], dtype) : NDArray.fromStrings(bytes, [total]);
    return { indices, values, shape: NDArray.from([batch, longest], 'int64') };
  });

  const dense = denseKeys.map((key, j) => {
    const dtype = denseTypes[j], shape = denseShapeOf(denseShapes[j], key, ctx);
    const per = shape.reduce((a, d) => a * d, 1);
    const dflt = defaults[j];
    if (dflt.size !== 0 && dflt.size !== per && dflt.size !== 1) {
      throw new InvalidArgumentError(`dense_defaults[${j}] (key '${key}') has ${dflt.size} values; expected 0, 1 or ${per}`, ctx.op.name);
    }
    const numbers = dtype === 'string' ? null : typedArrayFor(dtype, batch * per);
    const bytes: Uint8Array[] = [];
    examples.forEach((ex, b) => {
      const v = lookup(ex, key, dtype, exampleName(b), ctx);
      if (v === null) {
        if (dflt.size === 0) {
          throw new InvalidArgumentError(`Name: ${exampleName(b)}, Feature: ${key} (data type: ${TF_NAME[dtype]}) is required but could not be found.`, ctx.op.name);
        }
        for (let e = 0; e < per; e++) {
          const at = dflt.size === 1 ? 0 : e;
          if (numbers) numbers[b * per + e] = dflt.data[at]; else bytes.push(dflt.strings![at]);
        }
        return;
      }
      if (count(v) !== per) {
        throw new InvalidArgumentError(`Name: ${exampleName(b)}, Key: ${key}, Index: ${b}.  Number of ${TF_NAME[dtype]} values != expected.  ` +
          `Values size: ${count(v)} but output shape: [${shape.join(',')}]`, ctx.op.name);
      }
      for (let e = 0; e < per; e++) {
        if (numbers) numbers[b * per + e] = v.numbers![e]; else bytes.push(v.bytes![e]);
      }
    });
    return numbers ? new NDArray(numbers, [batch, ...shape], dtype) : NDArray.fromStrings(bytes, [batch, ...shape]);
  });

  return [...sparse.map((s) => s.indices), ...sparse.map((s) => s.values), ...sparse.map((s) => s.shape), ...dense];
};
