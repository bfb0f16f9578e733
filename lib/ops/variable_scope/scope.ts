/* TF1's VariableScope, and each graph's variable-scope state (TF1's _VariableScopeStore). */
import { Graph, GraphKeys, get_collection, get_default_graph } from '../../framework/graph';
import { DType, as_dtype } from '../../framework/dtypes';
import { ValueError } from '../../framework/errors';
import { bindArgs } from '../../framework/python_args';
import { callable } from '../../framework/callable';
import type { TensorLike } from '../../framework/tensor';
import type { Variable } from '../variables';
import type { Regularizer } from '../regularizers';
import { AUTO_REUSE, GET_VARIABLE_PARAMS, GetVariableArgs, InitializerArg, Reuse, VariableStore, refuseUnsupported, valueDType } from './variable_store';

export interface ScopeSettings {
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

export function checkReuse(reuse: unknown): Reuse | null {
  if (reuse === undefined || reuse === null || reuse === false) return null;
  if (reuse === true || reuse === AUTO_REUSE) return reuse;
  throw new TypeError(`reuse must be True, False, None or tf.AUTO_REUSE, got ${String(reuse)}`);
}

/** TF1's VariableScope: a name, its reuse, and the defaults (initializer, regularizer, dtype) get_variable uses inside it. */
export class VariableScopeImpl {
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

/** TF1's _VariableScopeStore: the current scope and how many times each scope name has been opened. */
export class ScopeState {
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
export function stateOf(g: Graph): ScopeState {
  let s = states.get(g);
  if (!s) states.set(g, (s = new ScopeState()));
  return s;
}
