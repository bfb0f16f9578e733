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
import { get_default_graph } from '../framework/graph';
import { graphOf } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { bindArgs, pyfunc } from '../framework/python_args';
import { Variable } from './variables';
import { Initializer } from './init_ops';
import { GET_VARIABLE_PARAMS, Reuse, VariableStore, refuseUnsupported } from './variable_scope/variable_store';
import { ScopeSettings, ScopeState, VariableScope, VariableScopeImpl, checkReuse, stateOf } from './variable_scope/scope';

export { AUTO_REUSE } from './variable_scope/variable_store';
export type { Reuse, InitializerArg } from './variable_scope/variable_store';
export { VariableScope } from './variable_scope/scope';

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
