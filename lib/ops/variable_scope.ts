/*
 * tf.variable_scope, tf.get_variable, tf.get_variable_scope, tf.AUTO_REUSE (TF1's
 * variable_scope.py). Python's `with tf.variable_scope(...) as scope:` is a callback here:
 * `tf.variable_scope('layer1', {reuse: true}, (scope) => ...)`.
 *
 * Each graph has its variable-scope state: the current VariableScope, how many times each
 * scope name has been opened (default_name's counters), and the variables get_variable made,
 * by full name (what reuse looks up). Variable names come from the variable scope only;
 * the name scope a variable_scope also opens (uniquified: a second 'layer1' puts its ops
 * under 'layer1_1/') names the other ops.
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { Graph, GraphKeys, get_collection, get_default_graph } from '../framework/graph';
import { convertToTensor, graphOf } from '../framework/convert';
import { DType, as_dtype } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { TensorShape, TensorShapeLike, as_shape, unknown_shape } from '../framework/tensor_shape';
import { bindArgs, pyfunc } from '../framework/python_args';
import { callable } from '../framework/callable';
import { Variable } from './variables';
import { GlorotUniform, Initializer, Zeros, isInitializerClass } from './init_ops';
import type { Regularizer } from './regularizers';

/** tf.AUTO_REUSE (TF1's _ReuseMode.AUTO_REUSE): get_variable creates a variable if missing, else returns it. */
export const AUTO_REUSE: { readonly toString: () => string } = Object.freeze({
  toString: () => '_ReuseMode.AUTO_REUSE',
  [Symbol.for('nodejs.util.inspect.custom')]: () => '<_ReuseMode.AUTO_REUSE: 1>',
});
/** A scope's reuse: true, false (None and False are the same since TF 1.1) or AUTO_REUSE. */
export type Reuse = boolean | typeof AUTO_REUSE;

/** What get_variable takes as initializer: an Initializer (or its class), a function of the shape, or the value itself. */
export type InitializerArg = Initializer | (new () => Initializer) | ((...args: any[]) => TensorLike) | TensorLike;

interface ScopeSettings {
  initializer?: InitializerArg | null;
  regularizer?: Regularizer | null;
  caching_device?: unknown;
  partitioner?: unknown;
  custom_getter?: unknown;
  name_scope?: string;
  dtype?: DType | string | null;
  use_resource?: boolean | null;
  constraint?: unknown;
}

/** Refuses what tensorgraph has no variables for (partitioned, resource, constrained, custom getters). */
function refuseUnsupported(where: string, o: { partitioner?: unknown; custom_getter?: unknown; use_resource?: unknown; constraint?: unknown }): void {
  for (const key of ['partitioner', 'custom_getter', 'constraint'] as const) {
    if (o[key] !== undefined && o[key] !== null) throw new ValueError(`${where}: ${key} is not supported by tensorgraph`);
  }
  if (o.use_resource === true) throw new ValueError(`${where}: use_resource=True is not supported by tensorgraph (it has no ResourceVariable)`);
}

function checkReuse(reuse: unknown): Reuse | null {
  if (reuse === undefined || reuse === null || reuse === false) return null;
  if (reuse === true || reuse === AUTO_REUSE) return reuse;
  throw new TypeError(`reuse must be True, False, None or tf.AUTO_REUSE, got ${String(reuse)}`);
}

/** TF1's VariableScope: a name, its reuse, and the defaults (initializer, regularizer, dtype) get_variable uses inside it. */
class VariableScopeImpl {
  private _reuse: Reuse;
  private readonly _name: string;
  private _initializer: InitializerArg | null;
  private _regularizer: Regularizer | null;
  private _caching_device: unknown;
  private readonly _name_scope: string;
  private _dtype: DType;
  private _use_resource: boolean | null;

  /** VariableScope(reuse, name='', initializer=None, regularizer=None, caching_device=None, partitioner=None, custom_getter=None, name_scope='', dtype=float32, use_resource=None, constraint=None) */
  constructor(...args: unknown[]) {
    const a = bindArgs<ScopeSettings & { reuse: unknown; name: string }>('VariableScope', args, ['reuse', 'name', 'initializer',
      'regularizer', 'caching_device', 'partitioner', 'custom_getter', 'name_scope', 'dtype', 'use_resource', 'constraint'], {}, 1);
    refuseUnsupported('VariableScope', a);
    this._reuse = checkReuse(a.reuse) ?? false;
    this._name = a.name ?? '';
    this._initializer = a.initializer ?? null;
    this._regularizer = a.regularizer ?? null;
    this._caching_device = a.caching_device ?? null;
    this._name_scope = a.name_scope ?? '';
    this._dtype = as_dtype(a.dtype ?? 'float32');
    this._use_resource = a.use_resource ?? null;
  }

  get name(): string { return this._name; }
  /** The name scope this variable scope opened first ('layer1/'): `tf.name_scope(scope.original_name_scope, ...)` re-enters it. */
  get original_name_scope(): string { return this._name_scope; }
  get reuse(): Reuse { return this._reuse; }
  get initializer(): InitializerArg | null { return this._initializer; }
  get regularizer(): Regularizer | null { return this._regularizer; }
  get dtype(): DType { return this._dtype; }
  get use_resource(): boolean | null { return this._use_resource; }
  get caching_device(): unknown { return this._caching_device; }
  get partitioner(): null { return null; }
  get custom_getter(): null { return null; }
  get constraint(): null { return null; }

  /** Reuse variables in this scope from now on (until the scope is left; for good at the top level). */
  reuse_variables(): void { this._reuse = true; }
  set_initializer(initializer: InitializerArg | null): void { this._initializer = initializer; }
  set_regularizer(regularizer: Regularizer | null): void { this._regularizer = regularizer; }
  set_dtype(dtype: DType | string): void { this._dtype = as_dtype(dtype); }
  set_use_resource(use_resource: boolean | null): void {
    refuseUnsupported('set_use_resource', { use_resource });
    this._use_resource = use_resource;
  }
  set_caching_device(caching_device: unknown): void { this._caching_device = caching_device; }
  set_partitioner(partitioner: unknown): void { refuseUnsupported('set_partitioner', { partitioner }); }
  set_custom_getter(custom_getter: unknown): void { refuseUnsupported('set_custom_getter', { custom_getter }); }

  /** The items of collection `name` inside this scope (names starting with 'scope/'). */
  get_collection(name: string): unknown[] { return get_collection(name, this._name ? this._name + '/' : ''); }
  trainable_variables(): Variable[] { return this.get_collection(GraphKeys.TRAINABLE_VARIABLES) as Variable[]; }
  global_variables(): Variable[] { return this.get_collection(GraphKeys.GLOBAL_VARIABLES) as Variable[]; }
  local_variables(): Variable[] { return this.get_collection(GraphKeys.LOCAL_VARIABLES) as Variable[]; }

  /**
   * TF1's VariableScope.get_variable(var_store, name, shape, dtype, initializer, regularizer, reuse,
   * trainable, collections, ...): the scope's defaults filled in, the name prefixed with the
   * scope's, created or reused in the store outside any name scope. var_store null is the graph's.
   */
  get_variable(...args: unknown[]): Variable {
    const a = bindArgs<GetVariableArgs & { var_store: VariableStore | null; reuse: unknown }>('get_variable', args,
      ['var_store', 'name', 'shape', 'dtype', 'initializer', 'regularizer', 'reuse', ...GET_VARIABLE_PARAMS.slice(5)], {}, 2);
    const g = get_default_graph();
    const store = a.var_store ?? stateOf(g).store;
    const fullName = this._name ? `${this._name}/${a.name}` : a.name;
    const reuse = a.reuse === undefined || a.reuse === null ? this._reuse : (checkReuse(a.reuse) ?? false);
    return g.name_scope(null, () => {
      // An explicit dtype must agree with an initializer given as a value (a JS array or number takes the dtype).
      if (a.dtype && a.initializer !== undefined && a.initializer !== null && typeof a.initializer !== 'function') {
        const initDType = valueDType(a.initializer as TensorLike);
        if (initDType !== null && initDType !== as_dtype(a.dtype)) {
          throw new ValueError(`Initializer type '${initDType}' and explicit dtype '${as_dtype(a.dtype)}' don't match.`);
        }
      }
      return store.get_variable(g, fullName, {
        ...a, reuse, dtype: a.dtype ?? this._dtype, initializer: a.initializer ?? this._initializer,
        regularizer: a.regularizer ?? this._regularizer, use_resource: a.use_resource ?? this._use_resource,
      });
    });
  }

  toString(): string { return `<tf.VariableScope '${this._name}' reuse=${String(this._reuse)}>`; }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

export const VariableScope = callable(VariableScopeImpl);
export type VariableScope = VariableScopeImpl;

/** The dtype of an initial value given as a Tensor, Variable or NDArray; null for JS numbers and arrays. */
function valueDType(value: TensorLike): DType | null {
  if (value instanceof NDArray) return value.dtype;
  if (value instanceof Tensor) return value.dtype;
  const t = (value as { _asTensor?: () => Tensor })._asTensor;
  return typeof t === 'function' ? t.call(value).dtype : null;
}

/** tf.get_variable's parameters after name, in TF1's order. */
const GET_VARIABLE_PARAMS = ['name', 'shape', 'dtype', 'initializer', 'regularizer', 'trainable', 'collections', 'caching_device',
  'partitioner', 'validate_shape', 'use_resource', 'custom_getter', 'constraint', 'synchronization', 'aggregation'] as const;

interface GetVariableArgs {
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
class VariableStore {
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
  const ownDir = /\((.*[\\/])ops[\\/][^\\/]*:\d+:\d+\)$/.exec(frames[0] ?? '')?.[1];
  const outside = frames.filter((f) => !(ownDir && f.includes(ownDir)) && !f.includes('node:internal'));
  return outside.slice(0, 5).map((f) => f.trim()).join('\n');
}

/** TF1's _VariableScopeStore: the current scope and how many times each scope name has been opened. */
class ScopeState {
  current: VariableScope = new VariableScopeImpl(false);
  counts = new Map<string, number>();
  readonly store = new VariableStore();

  open(name: string): void { this.counts.set(name, (this.counts.get(name) ?? 0) + 1); }
  /** Leaving scope `name` resets its sub-scopes' counters (so a re-entered 'a' starts 'a/dense' again, as TF1). */
  closeSubscopes(name: string): void {
    for (const k of this.counts.keys()) if (k.startsWith(name + '/')) this.counts.set(k, 0);
  }
  count(name: string): number { return this.counts.get(name) ?? 0; }
}

const states = new WeakMap<Graph, ScopeState>();
function stateOf(g: Graph): ScopeState {
  let s = states.get(g);
  if (!s) states.set(g, (s = new ScopeState()));
  return s;
}

/** The graph's get_variable store (TF1's _get_default_variable_store), for tools and tests. */
export function _get_default_variable_store(): VariableStore { return stateOf(get_default_graph()).store; }

/** tf.get_variable_scope(): the current VariableScope of the default graph. */
export function get_variable_scope(): VariableScope { return stateOf(get_default_graph()).current; }

/**
 * tf.get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=None,
 * collections=None, caching_device=None, partitioner=None, validate_shape=True, use_resource=None,
 * custom_getter=None, constraint=None, ...): the variable `<scope>/<name>`, created (reuse false),
 * found (reuse true) or either (AUTO_REUSE). The initializer is the argument, else the scope's,
 * else glorot_uniform for floats and zeros for integers and bools; an initializer given as a
 * value (Tensor, NDArray, JS array or number) sets the shape, which must then be omitted.
 */
export const get_variable = pyfunc('get_variable', GET_VARIABLE_PARAMS, 1, function get_variable(...args: unknown[]): Variable {
  const options = Object.fromEntries(GET_VARIABLE_PARAMS.slice(1).map((p, i) => [p, args[i + 1]]));
  return get_variable_scope().get_variable(null, args[0], options);
});

interface VariableScopeArgs extends ScopeSettings {
  name_or_scope: string | VariableScope | null;
  default_name: string | null;
  values: unknown[] | null;
  reuse: unknown;
  auxiliary_name_scope: boolean;
}

const VARIABLE_SCOPE_PARAMS: (keyof VariableScopeArgs & string)[] = ['name_or_scope', 'default_name', 'values', 'initializer',
  'regularizer', 'caching_device', 'partitioner', 'custom_getter', 'reuse', 'dtype', 'use_resource', 'constraint', 'auxiliary_name_scope'];

/** TF1's _get_unique_variable_scope: prefix, or prefix_1, prefix_2 ... if already opened in the current scope. */
function uniqueScopeName(state: ScopeState, prefix: string): string {
  const base = state.current.name ? `${state.current.name}/${prefix}` : prefix;
  if (state.count(base) === 0) return prefix;
  let i = 1;
  while (state.count(`${base}_${i}`) > 0) i++;
  return `${prefix}_${i}`;
}

/**
 * tf.variable_scope(name_or_scope, default_name=None, values=None, initializer=None,
 * regularizer=None, caching_device=None, partitioner=None, custom_getter=None, reuse=None,
 * dtype=None, use_resource=None, constraint=None, auxiliary_name_scope=True, fn): runs
 * fn(scope) inside the scope and returns its result.
 * - A name extends the current scope's; reuse true (or AUTO_REUSE) is inherited by nested
 *   scopes and cannot be turned off inside; the initializer, regularizer and dtype too.
 * - A VariableScope re-enters that scope: its name and its reuse (unless reuse is given).
 * - default_name (with name_or_scope null) is made unique: dense, dense_1, ...
 * - A name scope is opened too: the name (or the scope's last part, or default_name),
 *   uniquified as TF1's name_scope (layer1_1); auxiliary_name_scope false opens none.
 */
export function variable_scope<T>(...allArgs: [...unknown[], (scope: VariableScope) => T]): T {
  const args: unknown[] = allArgs.slice();
  const fn = args.pop();
  if (typeof fn !== 'function' || fn instanceof Initializer) {
    throw new TypeError('variable_scope: the last argument must be the function to run inside the scope (Python\'s with-block)');
  }
  const a = bindArgs<VariableScopeArgs>('variable_scope', args, VARIABLE_SCOPE_PARAMS, { auxiliary_name_scope: true });
  const nameOrScope = a.name_or_scope ?? null;
  const defaultName = a.default_name ?? null;
  if (nameOrScope !== null && typeof nameOrScope !== 'string' && !(nameOrScope instanceof VariableScopeImpl)) {
    throw new TypeError('VariableScope: name_or_scope must be a string or VariableScope.');
  }
  if (nameOrScope === null && defaultName === null) throw new TypeError('If default_name is None then name_or_scope is required');
  const reuse = checkReuse(a.reuse);
  if (nameOrScope === null && reuse) throw new ValueError('reuse=True cannot be used without a name_or_scope');
  refuseUnsupported('variable_scope', a);
  const body = fn as (scope: VariableScope) => T;
  const g = graphOf(a.values ?? []);
  if (g !== get_default_graph()) return g.as_default(() => variable_scope<T>({ ...a, values: null }, body));
  const state = stateOf(g);

  // The name scope to open: null for none.
  let nameScope: string | null;
  if (!a.auxiliary_name_scope) nameScope = g.get_name_scope() ? g.get_name_scope() + '/' : '';
  else if (nameOrScope === null) nameScope = defaultName;
  else nameScope = typeof nameOrScope === 'string' ? nameOrScope : nameOrScope.name.split('/').pop()!;
  if (nameOrScope !== null && !nameScope && a.auxiliary_name_scope) {
    // Only the root scope (or '') gets here: no name scope at all.
    return enterPure(state, nameOrScope, reuse, a, null, body);
  }
  return g.name_scope(nameScope, (opened) => {
    if (nameOrScope === null) return enterPure(state, uniqueScopeName(state, defaultName!), null, a, opened, body);
    const oldNameScope = typeof nameOrScope === 'string' ? opened : nameOrScope.original_name_scope;
    return enterPure(state, nameOrScope, reuse, a, oldNameScope, body);
  });
}

/** TF1's _pure_variable_scope: makes the new VariableScope current while body runs, and keeps the counters. */
function enterPure<T>(state: ScopeState, nameOrScope: string | VariableScope, reuse: Reuse | null, a: ScopeSettings,
  oldNameScope: string | null, body: (scope: VariableScope) => T): T {
  const old = state.current;
  let scope: VariableScopeImpl;
  let leave: () => void;
  if (nameOrScope instanceof VariableScopeImpl) {
    // Jumping to a scope object: its own name and reuse (reuse given here wins), not the current scope's.
    const s = nameOrScope;
    scope = new VariableScopeImpl(reuse || s.reuse, { name: s.name, initializer: s.initializer, regularizer: s.regularizer,
      caching_device: s.caching_device, name_scope: s.original_name_scope, dtype: s.dtype, use_resource: s.use_resource });
    state.open(s.name);
    const savedCounts = new Map(state.counts);
    leave = () => { state.counts = savedCounts; };
  } else {
    const name = old.name ? `${old.name}/${nameOrScope}` : nameOrScope;
    scope = new VariableScopeImpl(reuse || old.reuse, { name, initializer: old.initializer, regularizer: old.regularizer,
      caching_device: old.caching_device, name_scope: oldNameScope ?? nameOrScope, dtype: old.dtype, use_resource: old.use_resource });
    state.open(name);
    leave = () => state.closeSubscopes(name);
  }
  if (a.initializer !== undefined && a.initializer !== null) scope.set_initializer(a.initializer);
  if (a.regularizer !== undefined && a.regularizer !== null) scope.set_regularizer(a.regularizer);
  if (a.caching_device !== undefined && a.caching_device !== null) scope.set_caching_device(a.caching_device);
  if (a.dtype !== undefined && a.dtype !== null) scope.set_dtype(a.dtype);
  if (a.use_resource !== undefined && a.use_resource !== null) scope.set_use_resource(a.use_resource);
  state.current = scope;
  try { return body(scope); } finally {
    leave();
    state.current = old;
  }
}
