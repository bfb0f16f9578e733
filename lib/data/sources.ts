/** Pipelines that make elements: from_tensors, from_tensor_slices, range. */
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { inferConstDType } from '../framework/convert';
import { InvalidArgumentError, ValueError } from '../framework/errors';
import type { DType } from '../framework/dtypes';
import type { StaticShape } from '../registry/op_def';
import { flattenValue } from './structure';
import type { ElementStream, OpenEnv, Pipeline } from './pipeline';
import { sliceRow } from './ndarray_ops';

/** One component given by the user: a graph tensor read at initialization, or a host value. */
interface Leaf { dtype: DType; shape: StaticShape; value(env: OpenEnv): NDArray; tensor: Tensor | null }

function toLeaf(x: unknown): Leaf {
  if (x instanceof Tensor) return { dtype: x.dtype, shape: x.shape ? [...x.shape] : null, value: (env) => env.valueOf(x), tensor: x };
  const a = x instanceof NDArray ? x : NDArray.from(x, inferConstDType(x));
  return { dtype: a.dtype, shape: [...a.shape], value: () => a, tensor: null };
}

function leavesOf(tensors: unknown): { structure: ReturnType<typeof flattenValue>['structure']; leaves: Leaf[] } {
  const { structure, leaves } = flattenValue(tensors);
  return { structure, leaves: leaves.map(toLeaf) };
}

function captured(leaves: Leaf[]): Tensor[] { return leaves.flatMap((l) => (l.tensor ? [l.tensor] : [])); }

/** Dataset.from_tensors: the whole value, once. */
export function fromTensors(tensors: unknown): Pipeline {
  const { structure, leaves } = leavesOf(tensors);
  return {
    structure, types: leaves.map((l) => l.dtype), shapes: leaves.map((l) => l.shape), captures: captured(leaves),
    open(env) {
      let done = false;
      return { next: () => (done ? null : ((done = true), leaves.map((l) => l.value(env)))) };
    },
  };
}

/** Dataset.from_tensor_slices: one element per row of the first dimension, which all components share. */
export function fromTensorSlices(tensors: unknown): Pipeline {
  const { structure, leaves } = leavesOf(tensors);
  let rows: number | null = null;
  for (const l of leaves) {
    if (l.shape !== null && l.shape.length === 0) throw new ValueError('Slicing dataset elements requires tensors of rank 1 or more (got a scalar).');
    const n = l.shape?.[0] ?? null;
    if (n !== null && rows !== null && n !== rows) throw new ValueError(`Dimensions ${rows} and ${n} are not compatible`);
    rows ??= n;
  }
  return {
    structure, types: leaves.map((l) => l.dtype), shapes: leaves.map((l) => (l.shape === null ? null : l.shape.slice(1))),
    captures: captured(leaves),
    open(env): ElementStream {
      const values = leaves.map((l) => l.value(env));
      const count = values[0]!.shape[0]!;
      values.forEach((v) => {
        if (v.rank === 0) throw new InvalidArgumentError('Slicing dataset elements requires tensors of rank 1 or more.');
        if (v.shape[0] !== count) throw new InvalidArgumentError(`All components must have the same size in the 0th dimension: ${count} vs. ${v.shape[0]}`);
      });
      let i = 0;
      return {
        next: () => {
          if (i >= count) return null;
          const row = i++;
          return values.map((v) => sliceRow(v, row));
        },
      };
    },
  };
}

/** Dataset.range(start, stop, step): int64 scalars as Python's range; bounds may be scalar tensors (read at initialization). */
export function rangePipeline(start: number | Tensor, stop: number | Tensor, step: number | Tensor): Pipeline {
  if (step === 0) throw new InvalidArgumentError('step must be a non-zero integer.');
  const bounds = [start, stop, step];
  return {
    structure: { kind: 'leaf' }, types: ['int64'], shapes: [[]],
    captures: bounds.filter((b): b is Tensor => b instanceof Tensor),
    open(env) {
      const [from, to, by] = bounds.map((b) => (b instanceof Tensor ? Number(env.valueOf(b).data[0]) : b)) as [number, number, number];
      if (by === 0) throw new InvalidArgumentError('step must be a non-zero integer.');
      let v = from;
      return {
        next: () => {
          if (by > 0 ? v >= to : v <= to) return null;
          const out = NDArray.scalar(v, 'int64');
          v += by;
          return [out];
        },
      };
    },
  };
}
