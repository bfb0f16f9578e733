/**
 * map/filter functions: the user's TS function is called once, while the pipeline is
 * built, on placeholders standing for one element (TF1 traces a Defun the same way), in a
 * graph of its own. Opening the pipeline runs that graph per element in a session on it,
 * made once per outer session and kept in its resources.
 */
import { Graph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { convertToTensor } from '../framework/convert';
import { newSession, ClosableSession } from '../framework/session_factory';
import type { DType } from '../framework/dtypes';
import type { StaticShape } from '../registry/op_def';
import { placeholder, identity } from '../ops/array_ops';
import { reshape, shape as shapeOf } from '../ops/shape_ops';
import { flattenValue, pack, Structure } from './structure';
import type { OpenEnv } from './pipeline';

export interface GraphFunction {
  readonly graph: Graph;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly structure: Structure;
  /** What is fetched per output: string values travel flattened with their shape, since a 0-d string fetch is decoded text. */
  readonly fetches: readonly (Tensor | [Tensor, Tensor])[];
}

/** Calls fn as TF1's Dataset.map does: a tuple's components as separate arguments, anything else as one. */
export function traceFunction(fn: (...args: any[]) => unknown, structure: Structure, types: readonly DType[],
  shapes: readonly StaticShape[], name: string): GraphFunction {
  return traceWith(fn, structure, types, shapes, name, (result) => {
    const flat = flattenValue(result);
    return { outputs: flat.leaves.map((v) => (v instanceof Tensor ? v : convertToTensor(v as never))), structure: flat.structure };
  });
}

/**
 * traceFunction with the outputs chosen from fn's result by `outputsOf` (flat_map's
 * function returns a dataset, whose captured tensors are what each element computes).
 */
export function traceWith(fn: (...args: any[]) => unknown, structure: Structure, types: readonly DType[],
  shapes: readonly StaticShape[], name: string,
  outputsOf: (result: unknown, inputs: Tensor[]) => { outputs: Tensor[]; structure: Structure }): GraphFunction & { result: unknown } {
  const graph = Graph();
  return graph.as_default(() => {
    const inputs = types.map((t, i) => placeholder(t, shapes[i] ?? undefined, `${name}/arg${i}`) as Tensor);
    const packed = pack(structure, inputs);
    const result = structure.kind === 'tuple' ? fn(...(packed as unknown[])) : fn(packed);
    const { outputs, structure: outStructure } = outputsOf(result, inputs);
    // An output that is an argument is passed through (a fed tensor is not fetched).
    const fetches = outputs.map((t): Tensor | [Tensor, Tensor] => (t.dtype === 'string' ? [reshape(t, [-1]), shapeOf(t)] : identity(t)));
    return { graph, inputs, outputs, structure: outStructure, fetches, result };
  });
}

function asArray(v: unknown, dtype: DType): NDArray {
  return v instanceof NDArray ? v : NDArray.from(v, dtype);
}

/** Runs `f` on one element's components in a session of the outer session's resources. */
export function functionCaller(f: GraphFunction, env: OpenEnv, key: string): (args: NDArray[]) => NDArray[] {
  let sess = env.resources.get(key) as ClosableSession | undefined;
  if (!sess) env.resources.set(key, (sess = newSession(f.graph)));
  const s = sess;
  return (args) => {
    const feeds: Record<string, NDArray> = {};
    f.inputs.forEach((t, i) => { feeds[t.name] = args[i]!; });
    const values = s.run([...f.fetches], feeds) as unknown[];
    return values.map((v, i) => {
      const fetch = f.fetches[i]!;
      if (!Array.isArray(fetch)) return asArray(v, f.outputs[i]!.dtype);
      const [flat, dims] = v as [NDArray, NDArray | number];
      return flat.reshape(Array.from(asArray(dims, 'int32').data as ArrayLike<number>));
    });
  };
}
