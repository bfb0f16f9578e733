/*
 * TF1's initializers (init_ops.py): objects that, called with a shape, build the ops of an
 * initial value. tf.get_variable calls them inside `<variable>/Initializer/`, so their ops
 * get TF1's names (`dense/kernel/Initializer/random_uniform/RandomUniform`), and the random
 * ones are graph ops seeded by the graph seed like any other random op.
 */
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { DType, as_dtype } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { TensorShape, TensorShapeLike, as_shape } from '../framework/tensor_shape';
import { bindArgs } from '../framework/python_args';
import { callable } from '../framework/callable';
import { constant, ones, zeros } from './array_ops';
import { random_normal, random_uniform, truncated_normal } from './random_ops';

type DTypeArg = DType | string | null | undefined;
type InitShape = readonly number[] | TensorShape;
export type InitializerConfig = Record<string, unknown>;

/** The standard deviation of the standard normal cut at ±2 (scipy.stats.truncnorm.std(a=-2, b=2)), as TF1 uses it. */
const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

function isFloatDType(dtype: DType): boolean { return dtype === 'float32' || (dtype as string) === 'float16' || (dtype as string) === 'float64'; }

/** TF1's _assert_float_dtype. */
function assertFloat(dtype: DType): DType {
  if (!isFloatDType(dtype)) throw new ValueError(`Expected floating point type, got ${dtype}.`);
  return dtype;
}

function staticShape(shape: InitShape): number[] {
  const dims = as_shape(shape as TensorShapeLike).as_list();
  if (dims.some((d) => d === null)) throw new ValueError(`An initializer needs a fully defined shape, got ${as_shape(shape as TensorShapeLike)}`);
  return dims as number[];
}

/**
 * An initializer, as TF1's init_ops.Initializer. Instances are functions, as Python's are
 * callable objects: `init(shape, dtype?, partition_info?)` (or `init(shape, {dtype})`) is
 * `init.__call__(...)` and returns the initial value's Tensor; `call` is the same method.
 */
export interface Initializer {
  (shape: InitShape, ...rest: unknown[]): Tensor;
}
export abstract class Initializer {
  constructor() {
    // The instance is a function whose prototype is the subclass's, so fields and methods work as usual.
    const fn = ((...args: unknown[]) => self.__call__(...args)) as unknown as Initializer;
    const self = Object.setPrototypeOf(fn, new.target.prototype) as Initializer;
    return self;
  }

  /** __call__(shape, dtype=None, partition_info=None); dtype defaults to the initializer's. */
  __call__(...args: unknown[]): Tensor {
    const a = bindArgs<{ shape: InitShape; dtype: DTypeArg; partition_info: unknown }>(
      `${className(this)}.__call__`, args, ['shape', 'dtype', 'partition_info'], {}, 1);
    return this.build(staticShape(a.shape), as_dtype(a.dtype ?? this.dtype), a.partition_info);
  }
  call(...args: unknown[]): Tensor { return this.__call__(...args); }

  /** The default dtype (the one used when the call gives none). */
  abstract readonly dtype: DType;
  protected abstract build(shape: number[], dtype: DType, partition_info: unknown): Tensor;
  /** TF1's get_config(): the constructor's keyword arguments. */
  abstract get_config(): InitializerConfig;
  /** TF1's Initializer.from_config(config). */
  static from_config<T extends Initializer>(this: new (config: InitializerConfig) => T, config: InitializerConfig): T {
    return new this(config);
  }
  toString(): string { return `<tf.initializers.${className(this)}>`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** TF1's class name (the implementing classes end in Impl, their exports have TF1's names). */
function className(init: Initializer): string { return init.constructor.name.replace(/Impl$/, ''); }

/** A (subclass of) Initializer itself, not an instance: TF1's get_variable instantiates it. */
export function isInitializerClass(x: unknown): x is new () => Initializer {
  return typeof x === 'function' && (x as { prototype?: unknown }).prototype instanceof Initializer;
}

/** tf.zeros_initializer(dtype=float32) */
class ZerosImpl extends Initializer {
  readonly dtype: DType;
  constructor(...args: unknown[]) {
    super();
    this.dtype = as_dtype(bindArgs<{ dtype: DTypeArg }>('zeros_initializer', args, ['dtype']).dtype ?? 'float32');
  }
  protected build(shape: number[], dtype: DType): Tensor { return zeros(shape, dtype); }
  get_config(): InitializerConfig { return { dtype: this.dtype }; }
}

/** tf.ones_initializer(dtype=float32) */
class OnesImpl extends Initializer {
  readonly dtype: DType;
  constructor(...args: unknown[]) {
    super();
    this.dtype = as_dtype(bindArgs<{ dtype: DTypeArg }>('ones_initializer', args, ['dtype']).dtype ?? 'float32');
  }
  protected build(shape: number[], dtype: DType): Tensor { return ones(shape, dtype); }
  get_config(): InitializerConfig { return { dtype: this.dtype }; }
}

/**
 * tf.constant_initializer(value=0, dtype=float32, verify_shape=False): a scalar fills the
 * shape; a list may be shorter than the shape (its last element fills the rest, TF 1.x's
 * rule), not longer (ValueError); verify_shape asks for the exact shape (TypeError).
 */
class ConstantImpl extends Initializer {
  readonly value: unknown;
  readonly dtype: DType;
  readonly verify_shape: boolean;
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<{ value: unknown; dtype: DTypeArg; verify_shape: boolean }>('constant_initializer', args,
      ['value', 'dtype', 'verify_shape'], { value: 0, verify_shape: false });
    const v = a.value;
    if (!(typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof NDArray)) {
      throw new TypeError(`Invalid type for initial value: ${typeof v} (expected Python scalar, list or tuple of values, or numpy.ndarray).`);
    }
    this.value = v instanceof NDArray ? v.clone() : v;
    this.dtype = as_dtype(a.dtype ?? 'float32');
    this.verify_shape = !!a.verify_shape;
  }
  /** __call__(shape, dtype=None, partition_info=None, verify_shape=None) */
  override __call__(...args: unknown[]): Tensor {
    const a = bindArgs<{ shape: InitShape; dtype: DTypeArg; partition_info: unknown; verify_shape: boolean | null }>(
      'Constant.__call__', args, ['shape', 'dtype', 'partition_info', 'verify_shape'], {}, 1);
    return constant(this.value, as_dtype(a.dtype ?? this.dtype), staticShape(a.shape), null, a.verify_shape ?? this.verify_shape);
  }
  protected build(shape: number[], dtype: DType): Tensor { return constant(this.value, dtype, shape, null, this.verify_shape); }
  get_config(): InitializerConfig { return { value: this.value, dtype: this.dtype, verify_shape: this.verify_shape }; }
}

/** tf.random_uniform_initializer(minval=0, maxval=None, seed=None, dtype=float32): tf.random_uniform's samples. */
class RandomUniformImpl extends Initializer {
  readonly minval: number;
  readonly maxval: number | null;
  readonly seed: number | null;
  readonly dtype: DType;
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<{ minval: number; maxval: number | null; seed: number | null; dtype: DTypeArg }>('random_uniform_initializer', args,
      ['minval', 'maxval', 'seed', 'dtype'], { minval: 0, maxval: null, seed: null });
    this.minval = a.minval; this.maxval = a.maxval; this.seed = a.seed; this.dtype = as_dtype(a.dtype ?? 'float32');
  }
  protected build(shape: number[], dtype: DType): Tensor { return random_uniform(shape, this.minval, this.maxval, dtype, this.seed); }
  get_config(): InitializerConfig { return { minval: this.minval, maxval: this.maxval, seed: this.seed, dtype: this.dtype }; }
}

interface NormalArgs { mean: number; stddev: number; seed: number | null; dtype: DTypeArg }

/** tf.random_normal_initializer(mean=0.0, stddev=1.0, seed=None, dtype=float32) */
class RandomNormalImpl extends Initializer {
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;
  readonly dtype: DType;
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<NormalArgs>(this.fnName(), args, ['mean', 'stddev', 'seed', 'dtype'], { mean: 0, stddev: 1, seed: null });
    this.mean = a.mean; this.stddev = a.stddev; this.seed = a.seed; this.dtype = assertFloat(as_dtype(a.dtype ?? 'float32'));
  }
  protected fnName(): string { return 'random_normal_initializer'; }
  protected build(shape: number[], dtype: DType): Tensor { return random_normal(shape, this.mean, this.stddev, assertFloat(dtype), this.seed); }
  get_config(): InitializerConfig { return { mean: this.mean, stddev: this.stddev, seed: this.seed, dtype: this.dtype }; }
}

/** tf.truncated_normal_initializer(mean=0.0, stddev=1.0, seed=None, dtype=float32): samples beyond 2 stddev are redrawn. */
class TruncatedNormalImpl extends RandomNormalImpl {
  protected override fnName(): string { return 'truncated_normal_initializer'; }
  protected override build(shape: number[], dtype: DType): Tensor {
    return truncated_normal(shape, this.mean, this.stddev, assertFloat(dtype), this.seed);
  }
}

/**
 * TF1's _compute_fans: a dense kernel [in, out] gives (in, out); a conv kernel
 * [..spatial, in, out] multiplies both by the receptive field (the product of the spatial
 * dims); a vector gives (n, n); a scalar (1, 1).
 */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptiveField = shape.slice(0, -2).reduce((p, d) => p * d, 1);
  return [shape[shape.length - 2] * receptiveField, shape[shape.length - 1] * receptiveField];
}

const MODES = ['fan_in', 'fan_out', 'fan_avg'];
const DISTRIBUTIONS = ['normal', 'uniform', 'truncated_normal', 'untruncated_normal'];
interface VarianceScalingArgs { scale: number; mode: string; distribution: string; seed: number | null; dtype: DTypeArg }

/**
 * tf.variance_scaling_initializer(scale=1.0, mode='fan_in', distribution='truncated_normal',
 * seed=None, dtype=float32), TF 1.15's: n is fan_in, fan_out or their mean (at least 1);
 * 'normal' and 'truncated_normal' draw a truncated normal of stddev sqrt(scale/n)/0.8796
 * (so the truncated samples have stddev sqrt(scale/n)), 'untruncated_normal' a normal of
 * stddev sqrt(scale/n), 'uniform' a uniform in ±sqrt(3*scale/n).
 */
class VarianceScalingImpl extends Initializer {
  readonly scale: number;
  readonly mode: string;
  readonly distribution: string;
  readonly seed: number | null;
  readonly dtype: DType;
  constructor(...args: unknown[]) {
    super();
    const a = bindArgs<VarianceScalingArgs>(this.fnName(), args, this.params(), this.defaults());
    if (!(a.scale > 0)) throw new ValueError('`scale` must be positive float.');
    if (!MODES.includes(a.mode)) throw new ValueError(`Invalid \`mode\` argument: ${a.mode}`);
    const distribution = String(a.distribution).toLowerCase();
    if (!DISTRIBUTIONS.includes(distribution)) throw new ValueError(`Invalid \`distribution\` argument: ${a.distribution}`);
    this.scale = a.scale; this.mode = a.mode; this.distribution = distribution; this.seed = a.seed;
    this.dtype = assertFloat(as_dtype(a.dtype ?? 'float32'));
  }
  protected fnName(): string { return 'variance_scaling_initializer'; }
  protected params(): (keyof VarianceScalingArgs)[] { return ['scale', 'mode', 'distribution', 'seed', 'dtype']; }
  protected defaults(): Partial<VarianceScalingArgs> { return { scale: 1.0, mode: 'fan_in', distribution: 'truncated_normal', seed: null }; }

  protected build(shape: number[], dtype: DType, partition_info: unknown): Tensor {
    assertFloat(dtype);
    const full = (partition_info as { full_shape?: number[] } | null | undefined)?.full_shape ?? shape;
    const [fanIn, fanOut] = computeFans(full);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    const scale = this.scale / Math.max(1, n);
    if (this.distribution === 'normal' || this.distribution === 'truncated_normal') {
      return truncated_normal(shape, 0.0, Math.sqrt(scale) / TRUNCATED_NORMAL_STDDEV, dtype, this.seed);
    }
    if (this.distribution === 'untruncated_normal') return random_normal(shape, 0.0, Math.sqrt(scale), dtype, this.seed);
    const limit = Math.sqrt(3 * scale);
    return random_uniform(shape, -limit, limit, dtype, this.seed);
  }
  get_config(): InitializerConfig {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed, dtype: this.dtype };
  }
}

/** tf.glorot_uniform_initializer(seed=None, dtype=float32): variance scaling (1, fan_avg, uniform); tf.get_variable's default. */
class GlorotUniformImpl extends VarianceScalingImpl {
  protected override fnName(): string { return 'glorot_uniform_initializer'; }
  protected override params(): (keyof VarianceScalingArgs)[] { return ['seed', 'dtype']; }
  protected override defaults(): Partial<VarianceScalingArgs> { return { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null }; }
  override get_config(): InitializerConfig { return { seed: this.seed, dtype: this.dtype }; }
}

/** tf.glorot_normal_initializer(seed=None, dtype=float32): variance scaling (1, fan_avg, truncated normal). */
class GlorotNormalImpl extends GlorotUniformImpl {
  protected override fnName(): string { return 'glorot_normal_initializer'; }
  protected override defaults(): Partial<VarianceScalingArgs> { return { scale: 1.0, mode: 'fan_avg', distribution: 'truncated_normal', seed: null }; }
}

export const Zeros = callable(ZerosImpl);
export const Ones = callable(OnesImpl);
export const Constant = callable(ConstantImpl);
export const RandomUniform = callable(RandomUniformImpl);
export const RandomNormal = callable(RandomNormalImpl);
export const TruncatedNormal = callable(TruncatedNormalImpl);
export const VarianceScaling = callable(VarianceScalingImpl);
export const GlorotUniform = callable(GlorotUniformImpl);
export const GlorotNormal = callable(GlorotNormalImpl);
export type Zeros = ZerosImpl;
export type Ones = OnesImpl;
export type Constant = ConstantImpl;
export type RandomUniform = RandomUniformImpl;
export type RandomNormal = RandomNormalImpl;
export type TruncatedNormal = TruncatedNormalImpl;
export type VarianceScaling = VarianceScalingImpl;
export type GlorotUniform = GlorotUniformImpl;
export type GlorotNormal = GlorotNormalImpl;

/** A TF 1.15 tf.initializers.* function: variance scaling with fixed scale, mode and distribution, taking seed. */
function varianceScalingFunction(name: string, scale: number, mode: string, distribution: string) {
  const fn = (...args: unknown[]): VarianceScaling => {
    const { seed } = bindArgs<{ seed: number | null }>(name, args, ['seed']);
    return new VarianceScalingImpl({ scale, mode, distribution, seed: seed ?? null });
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

/** tf.initializers.he_normal(seed=None): variance scaling (2, fan_in, truncated normal). */
export const he_normal = varianceScalingFunction('he_normal', 2, 'fan_in', 'truncated_normal');
/** tf.initializers.he_uniform(seed=None): variance scaling (2, fan_in, uniform). */
export const he_uniform = varianceScalingFunction('he_uniform', 2, 'fan_in', 'uniform');
/** tf.initializers.lecun_normal(seed=None): variance scaling (1, fan_in, truncated normal). */
export const lecun_normal = varianceScalingFunction('lecun_normal', 1, 'fan_in', 'truncated_normal');
/** tf.initializers.lecun_uniform(seed=None): variance scaling (1, fan_in, uniform). */
export const lecun_uniform = varianceScalingFunction('lecun_uniform', 1, 'fan_in', 'uniform');

/** What tf.contrib.layers' initializers return: TF1's plain function `(shape, dtype, partition_info) => Tensor`. */
export type InitializerFunction = (shape: InitShape, ...rest: unknown[]) => Tensor;

const CONTRIB_MODES = ['FAN_IN', 'FAN_OUT', 'FAN_AVG'];

/**
 * tf.contrib.layers.variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False,
 * seed=None, dtype=float32), contrib's own rule: fan_in is shape[-2] (shape[-1] for a vector)
 * and fan_out shape[-1], both times the leading dims; no floor at 1; uniform in
 * ±sqrt(3*factor/n), else a truncated normal of stddev sqrt(1.3*factor/n).
 */
export function variance_scaling_initializer(...args: unknown[]): InitializerFunction {
  const a = bindArgs<{ factor: number; mode: string; uniform: boolean; seed: number | null; dtype: DTypeArg }>(
    'variance_scaling_initializer', args, ['factor', 'mode', 'uniform', 'seed', 'dtype'],
    { factor: 2.0, mode: 'FAN_IN', uniform: false, seed: null });
  const defaultDType = as_dtype(a.dtype ?? 'float32');
  if (!isFloatDType(defaultDType)) throw new TypeError('Cannot create initializer for non-floating point type.');
  if (!CONTRIB_MODES.includes(a.mode)) throw new TypeError(`Unknown mode ${a.mode} [FAN_IN, FAN_OUT, FAN_AVG]`);
  return function initializer(...callArgs: unknown[]): Tensor {
    const c = bindArgs<{ shape: InitShape; dtype: DTypeArg; partition_info: unknown }>('initializer', callArgs,
      ['shape', 'dtype', 'partition_info'], {}, 1);
    const dtype = as_dtype(c.dtype ?? defaultDType);
    if (!isFloatDType(dtype)) throw new TypeError('Cannot create initializer for non-floating point type.');
    const shape = staticShape(c.shape);
    let fanIn = shape.length === 0 ? 1 : shape.length > 1 ? shape[shape.length - 2] : shape[shape.length - 1];
    let fanOut = shape.length === 0 ? 1 : shape[shape.length - 1];
    for (const d of shape.slice(0, -2)) { fanIn *= d; fanOut *= d; }
    const n = a.mode === 'FAN_IN' ? fanIn : a.mode === 'FAN_OUT' ? fanOut : (fanIn + fanOut) / 2;
    if (a.uniform) {
      const limit = Math.sqrt(3 * a.factor / n);
      return random_uniform(shape, -limit, limit, dtype, a.seed);
    }
    return truncated_normal(shape, 0.0, Math.sqrt(1.3 * a.factor / n), dtype, a.seed);
  };
}

/** tf.contrib.layers.xavier_initializer(uniform=True, seed=None, dtype=float32): contrib's variance scaling (1, FAN_AVG). */
export function xavier_initializer(...args: unknown[]): InitializerFunction {
  const a = bindArgs<{ uniform: boolean; seed: number | null; dtype: DTypeArg }>('xavier_initializer', args,
    ['uniform', 'seed', 'dtype'], { uniform: true, seed: null });
  return variance_scaling_initializer({ factor: 1.0, mode: 'FAN_AVG', uniform: a.uniform, seed: a.seed, dtype: a.dtype ?? 'float32' });
}
