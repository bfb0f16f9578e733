/*
 * TF1's _VariableStore: the variables tf.get_variable made in one graph, by full name, and
 * the rules for creating or reusing one (its errors are TF1's).
 */
import { Tensor, TensorLike } from '../../framework/tensor';
import { NDArray } from '../../framework/ndarray';
import { Graph, GraphKeys } from '../../framework/graph';
import { convertToTensor } from '../../framework/convert';
import { DType, as_dtype } from '../../framework/dtypes';
import { ValueError } from '../../framework/errors';
import { TensorShape, TensorShapeLike, as_shape, unknown_shape } from '../../framework/tensor_shape';
import { Variable } from '../variables';
import { GlorotUniform, Initializer, Zeros, isInitializerClass } from '../init_ops';
import type { Regularizer } from '../regularizers';

/** tf.AUTO_REUSE (TF1's _ReuseMode.AUTO_REUSE): get_variable creates a variable if missing, else returns it. */
export const AUTO_REUSE: { readonly toString: () => string } = Object.freeze({
  toString: () => '_ReuseMode.AUTO_REUSE',
  [Symbol.for('nodejs.util.inspect.custom')]: () => '<_ReuseMode.AUTO_REUSE: 1>',
});
/** A scope's reuse: true, false (None and False are the same since TF 1.1) or AUTO_REUSE. */
export type Reuse = boolean | typeof AUTO_REUSE;

/** What get_variable takes as initializer: an Initializer (or its class), a function of the shape, or the value itself. */
export type InitializerArg = Initializer | (new () => Initializer) | ((...args: any[]) => TensorLike) | TensorLike;

/** Refuses what tensorgraph has no variables for (partitioned, resource, constrained, custom getters). */
export function refuseUnsupported(where: string, o: { partitioner?: unknown; custom_getter?: unknown; use_resource?: unknown; constraint?: unknown }): void {
  for (const key of ['partitioner', 'custom_getter', 'constraint'] as const) {
    if (o[key] !== undefined && o[key] !== null) throw new ValueError(`${where}: ${key} is not supported by tensorgraph`);
  }
  if (o.use_resource === true) throw new ValueError(`${where}: use_resource=True is not supported by tensorgraph (it has no ResourceVariable)`);
}

/** The dtype of an initial value given as a Tensor, Variable or NDArray; null for JS numbers and arrays. */
export function valueDType(value: TensorLike): DType | null {
  if (value instanceof NDArray) return value.dtype;
  if (value instanceof Tensor) return value.dtype;
  const t = (value as { _asTensor?: () => Tensor })._asTensor;
  return typeof t === 'function' ? t.call(value).dtype : null;
}

/** tf.get_variable's parameters after name, in TF1's order. */
export const GET_VARIABLE_PARAMS = ['name', 'shape', 'dtype', 'initializer', 'regularizer', 'trainable', 'collections', 'caching_device',
  'partitioner', 'validate_shape', 'use_resource', 'custom_getter', 'constraint', 'synchronization', 'aggregation'] as const;

export interface GetVariableArgs {
  name: string;
  shape?: TensorShapeLike | null;
  dtype?: DType | string | null;
  initializer?: InitializerArg | null;
  regularizer?: Regularizer | null;
  trainable?: boolean | null;
  collections?: string[] | null;
  caching_device?: unknown;
  partitioner?: unknown;
  validate_shape?: boolean;
  use_resource?: boolean | null;
  custom_getter?: unknown;
  constraint?: unknown;
  synchronization?: unknown;
  aggregation?: unknown;
}

const INVALID_INITIALIZER = 'The initializer passed is not valid. It should be a callable with no arguments and the shape should ' +
  "not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.";

function isFloat(dtype: DType): boolean { return dtype === 'float32' || (dtype as string) === 'float16' || (dtype as string) === 'float64'; }

/** TF1's _VariableStore: the variables tf.get_variable made in one graph, by full name. */
export class VariableStore {
  private readonly vars = new Map<string, { variable: Variable; definedAt: string }>();

  /** The variables by full name (TF1's _vars), for tools and tests. */
  get variables(): ReadonlyMap<string, Variable> { return new Map([...this.vars].map(([k, v]) => [k, v.variable])); }

  get_variable(g: Graph, name: string, a: Omit<GetVariableArgs, 'name'> & { reuse: Reuse; dtype: DType | string }): Variable {
    refuseUnsupported('get_variable', a);
    for (const key of ['synchronization', 'aggregation'] as const) {
      if (a[key] !== undefined && a[key] !== null) throw new ValueError(`get_variable: ${key} is not supported by tensorgraph`);
    }
    let initializer = a.initializer ?? null;
    const fromValue = initializer !== null && typeof initializer !== 'function';
    const hasShape = a.shape !== undefined && a.shape !== null;
    if (hasShape && fromValue) throw new ValueError('If initializer is a constant, do not specify shape.');
    const dtype = as_dtype(a.dtype);
    const shape: TensorShape = hasShape ? as_shape(a.shape!) : unknown_shape();

    const found = this.vars.get(name);
    if (found) {
      if (a.reuse === false) {
        throw new ValueError(`Variable ${name} already exists, disallowed. Did you mean to set reuse=True or ` +
          `reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n${found.definedAt}`);
      }
      const v = found.variable;
      if (!shape.is_compatible_with(v.get_shape())) {
        throw new ValueError(`Trying to share variable ${name}, but specified shape ${shape} and found shape ${v.get_shape()}.`);
      }
      if (dtype !== v.dtype) throw new ValueError(`Trying to share variable ${name}, but specified dtype ${dtype} and found dtype ${v.dtype}.`);
      return v;
    }
    if (a.reuse === true) {
      throw new ValueError(`Variable ${name} does not exist, or was not created with tf.get_variable(). ` +
        'Did you mean to set reuse=tf.AUTO_REUSE in VarScope?');
    }
    if (initializer === null) {
      if (isFloat(dtype)) initializer = new GlorotUniform();
      else if (dtype === 'int32' || dtype === 'int64' || dtype === 'uint8' || dtype === 'bool') initializer = new Zeros();
      else throw new ValueError(`An initializer for variable ${name} of ${dtype} is required`);
    }
    // TF1's init_scope: the variable and its initializer ignore the control dependencies around the call.
    const variable = g.control_dependencies(null, () => g.name_scope(null, () => {
      const options = { name, trainable: a.trainable ?? true, collections: a.collections ?? undefined, validate_shape: a.validate_shape ?? true };
      if (fromValue) {
        // TF1 converts a value inside the variable's scope: 'x/w/initial_value'.
        const value = g.name_scope(`${name}/`, () => convertToTensor(initializer as TensorLike, valueDType(initializer as TensorLike) === null ? dtype : undefined, 'initial_value', g));
        return new Variable({ initial_value: value, ...options });
      }
      let init = initializer as Exclude<InitializerArg, TensorLike>;
      if (isInitializerClass(init)) init = new init();
      if (shape.is_fully_defined()) {
        const dims = shape.as_list() as number[];
        const f = init as (...args: unknown[]) => TensorLike;
        return new Variable({ initial_value: () => f(dims, dtype, null), dtype, ...options });
      }
      if (!(init instanceof Initializer) && (init as () => TensorLike).length === 0) {
        return new Variable({ initial_value: init as () => TensorLike, ...options });
      }
      throw new ValueError(INVALID_INITIALIZER);
    }));
    this.vars.set(name, { variable, definedAt: callerStack() });
    if (a.regularizer) {
      const regularizer = a.regularizer;
      const loss = g.name_scope(null, () => g.name_scope(`${name}/Regularizer/`, () => g.control_dependencies(null, () => regularizer(variable))));
      if (loss !== null && loss !== undefined) g.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, loss);
    }
    return variable;
  }
}

/** Where the caller created a variable: the first frames of the stack outside tensorgraph's own modules, as TF1's message shows them. */
function callerStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  Error.stackTraceLimit = limit;
  const ownDir = /\((.*[\\/])ops[\\/]variable_scope[\\/][^\\/]*:\d+:\d+\)$/.exec(frames[0] ?? '')?.[1];
  const outside = frames.filter((f) => !(ownDir && f.includes(ownDir)) && !f.includes('node:internal'));
  return outside.slice(0, 5).map((f) => f.trim()).join('\n');
}
