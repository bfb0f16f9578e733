/* tf.random_normal, tf.truncated_normal, tf.random_uniform, tf.set_random_seed, get_seed (TF1 semantics). */
import { Tensor, TensorLike } from '../framework/tensor';
import { Graph, get_default_graph } from '../framework/graph';
import { convertToTensor, graphOf } from '../framework/convert';
import { DType, as_dtype } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { add, multiply, subtract } from './math_ops';
import { pyfunc } from '../framework/python_args';

/** TF1's graph seed for ops that set an op seed while the graph has none. */
export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2 ** 31 - 1;

/**
 * tf.set_random_seed(seed): the default graph's seed. With it, every random op
 * created afterwards is deterministic: a fresh program repeats the same numbers.
 */
export const set_random_seed = pyfunc('set_random_seed', ['seed'], 1, function set_random_seed(seed: number | null): void {
  if (seed !== null && !Number.isInteger(seed)) throw new ValueError(`set_random_seed: seed must be an integer, got ${seed}`);
  get_default_graph().seed = seed;
});

function truncateSeed(seed: number): number { return ((seed % MAXINT32) + MAXINT32) % MAXINT32; }

/**
 * TF1's random_seed.get_seed: the (seed, seed2) pair a random op gets.
 * Graph seed and op seed unset: [null, null] (a fresh random stream every session).
 * Graph seed set, op seed unset: the op seed is the graph's op count, so each op differs
 * but a rebuilt graph repeats. Op seed set, graph seed unset: graph seed DEFAULT_GRAPH_SEED.
 */
export function seedsFor(op_seed: number | null | undefined, graph: Graph): [number | null, number | null] {
  if (op_seed !== undefined && op_seed !== null && !Number.isInteger(op_seed)) {
    throw new ValueError(`seed must be an integer, got ${op_seed}`);
  }
  const graphSeed = graph.seed;
  let seeds: [number | null, number | null];
  if (graphSeed !== null && graphSeed !== undefined) {
    seeds = [truncateSeed(graphSeed), truncateSeed(op_seed ?? graph.version)];
  } else if (op_seed !== undefined && op_seed !== null) {
    seeds = [DEFAULT_GRAPH_SEED, truncateSeed(op_seed)];
  } else {
    seeds = [null, null];
  }
  // The kernels read (0, 0) as "unseeded"; a seeded op must never ask for that.
  if (seeds[0] === 0 && seeds[1] === 0) seeds = [0, MAXINT32];
  return seeds;
}

/** tf.get_seed(op_seed): seedsFor in the default graph. */
export const get_seed = pyfunc('get_seed', ['op_seed'], 0,
  (op_seed?: number | null): [number | null, number | null] => seedsFor(op_seed, get_default_graph()));

export interface RandomNormalOptions { mean?: TensorLike; stddev?: TensorLike; dtype?: DType | string; seed?: number | null; name?: string }
export interface RandomUniformOptions { minval?: TensorLike; maxval?: TensorLike | null; dtype?: DType | string; seed?: number | null; name?: string }

type ShapeArg = number[] | Tensor;

/** TF1's _ShapeTensor: a list of sizes becomes an int32 Const named 'shape'. */
function shapeTensor(shape: ShapeArg, g: Graph): Tensor {
  if (shape instanceof Tensor) {
    if (shape.dtype !== 'int32' && shape.dtype !== 'int64') throw new ValueError(`shape must be an int32 tensor, got ${shape.dtype}`);
    return shape;
  }
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ValueError(`shape must be a list of non-negative integers or an int32 tensor, got ${JSON.stringify(shape)}`);
  }
  return convertToTensor(Int32Array.from(shape), 'int32', 'shape', g);
}

function floatDType(dtype: DType | string | undefined, fn: string): DType {
  const dt = as_dtype(dtype ?? 'float32');
  if (dt !== 'float32') throw new ValueError(`${fn}: dtype must be float32, got ${dt}`);
  return dt;
}

/**
 * Creates the random op of `type` in scope `scope`, then shapes its samples with `finish`, whose
 * ops are named as Python's operators name them in TF1 (`rnd * stddev` is 'mul', `max - min` 'sub').
 */
function sampled(type: string, scope: string, shape: ShapeArg, seed: number | null | undefined, name: string | undefined,
  operands: (g: Graph) => Tensor[], finish: (rnd: Tensor, operands: Tensor[], scopeName: string) => Tensor): Tensor {
  const g = graphOf([shape]);
  return g.name_scope(name ?? scope, (scopeName) => {
    const shapeT = shapeTensor(shape, g);
    const ops = operands(g);
    const [seed1, seed2] = seedsFor(seed, g);
    const rnd = g.create_op(type, [shapeT], { dtype: 'float32', seed: seed1 ?? 0, seed2: seed2 ?? 0 }, type).outputs[0];
    return finish(rnd, ops, scopeName);
  });
}

function normal(type: string, scope: string, fn: string, shape: ShapeArg, o: RandomNormalOptions): Tensor {
  const dtype = floatDType(o.dtype, fn);
  return sampled(type, scope, shape, o.seed, o.name, (g) => [
    convertToTensor(o.mean ?? 0, dtype, 'mean', g), convertToTensor(o.stddev ?? 1, dtype, 'stddev', g),
  ], (rnd, [mean, stddev], scopeName) => add(multiply(rnd, stddev, 'mul'), mean, scopeName));
}

const NORMAL_PARAMS = ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'];

/**
 * tf.random_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None),
 * or random_normal(shape, {mean, stddev, dtype, seed, name}) / random_normal({shape, ...}).
 */
export const random_normal = pyfunc('random_normal', NORMAL_PARAMS, 1, (shape: ShapeArg, mean?: TensorLike, stddev?: TensorLike,
  dtype?: DType | string, seed?: number | null, name?: string): Tensor =>
  normal('RandomStandardNormal', 'random_normal', 'random_normal', shape, { mean, stddev, dtype, seed, name }));

/**
 * tf.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=float32, seed=None, name=None), or
 * the keyword forms: normal samples more than 2 stddev from the mean are drawn again.
 */
export const truncated_normal = pyfunc('truncated_normal', NORMAL_PARAMS, 1, (shape: ShapeArg, mean?: TensorLike, stddev?: TensorLike,
  dtype?: DType | string, seed?: number | null, name?: string): Tensor =>
  normal('TruncatedNormal', 'truncated_normal', 'truncated_normal', shape, { mean, stddev, dtype, seed, name }));

/**
 * tf.random_uniform(shape, minval=0, maxval=None (1 for floats), dtype=float32, seed=None, name=None),
 * or the keyword forms: samples in [minval, maxval). Integer dtypes (int32, int64) need maxval, as in TF1.
 */
export const random_uniform = pyfunc('random_uniform', ['shape', 'minval', 'maxval', 'dtype', 'seed', 'name'], 1,
  (shape: ShapeArg, minval?: TensorLike, maxval?: TensorLike | null, dtype_?: DType | string, seed?: number | null, name?: string): Tensor => {
    const o: RandomUniformOptions = { minval, maxval, dtype: dtype_, seed, name };
    const dtype = as_dtype(o.dtype ?? 'float32');
    if (dtype === 'int32' || dtype === 'int64') return randomUniformInt(shape, o, dtype);
    floatDType(dtype, 'random_uniform');
    return sampled('RandomUniform', 'random_uniform', shape, o.seed, o.name, (g) => [
      convertToTensor(o.minval ?? 0, dtype, 'min', g), convertToTensor(o.maxval ?? 1, dtype, 'max', g),
    ], (rnd, [min, max], scopeName) => add(multiply(rnd, subtract(max, min, 'sub'), 'mul'), min, scopeName));
  });

function randomUniformInt(shape: ShapeArg, o: RandomUniformOptions, dtype: DType): Tensor {
  if (o.maxval === undefined || o.maxval === null) {
    throw new ValueError(`Must specify maxval for integer dtype ${dtype}`);
  }
  const g = graphOf([shape]);
  return g.name_scope(o.name ?? 'random_uniform', (scopeName) => {
    const shapeT = shapeTensor(shape, g);
    const min = convertToTensor(o.minval ?? 0, dtype, 'min', g);
    const max = convertToTensor(o.maxval!, dtype, 'max', g);
    const [seed1, seed2] = seedsFor(o.seed, g);
    return g.create_op('RandomUniformInt', [shapeT, min, max], { seed: seed1 ?? 0, seed2: seed2 ?? 0 }, scopeName).outputs[0];
  });
}
