import { Tensor, TensorMethods, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { get_default_graph, Graph, GraphKeys } from '../framework/graph';
import { convertToTensor, graphOf } from '../framework/convert';
import { DType, as_dtype } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import type { TensorShape, TensorShapeLike } from '../framework/tensor_shape';
import { get_default_session, runDefault } from '../framework/default_session';
import { makeOp, makeOp1 } from './op_builder';
import { callable } from '../framework/callable';
import { bindArgs, pyfunc } from '../framework/python_args';

interface AssignArgs { use_locking?: boolean; name?: string; read_value?: boolean }

export interface VariableOptions {
  name?: string;
  trainable?: boolean;
  dtype?: DType | string;
  validate_shape?: boolean;
  collections?: string[];
  /** Accepted, as TF1 places no device in graph mode's CPU either; no effect. */
  caching_device?: string | null;
  expected_shape?: unknown;
}

interface VariableArgs extends VariableOptions {
  initial_value?: TensorLike;
  variable_def?: unknown; import_scope?: unknown; constraint?: unknown; use_resource?: unknown;
  synchronization?: unknown; aggregation?: unknown; shape?: unknown;
}

/** TF1's parameter order, so positional calls bind as in Python. */
const VARIABLE_PARAMS: (keyof VariableArgs & string)[] = ['initial_value', 'trainable', 'collections', 'validate_shape',
  'caching_device', 'name', 'variable_def', 'dtype', 'expected_shape', 'import_scope', 'constraint', 'use_resource',
  'synchronization', 'aggregation', 'shape'];
const UNSUPPORTED_VARIABLE_PARAMS = ['variable_def', 'import_scope', 'constraint', 'use_resource', 'synchronization', 'aggregation', 'shape'] as const;

/**
 * TF1's (ref) Variable: a VariableV2 op holding the value, an Assign op that
 * initializes it, and an Identity 'read' snapshot that other ops consume.
 */
class VariableImpl extends TensorMethods {
  readonly op: Operation;
  readonly initializer: Operation;
  readonly initial_value: Tensor;
  /** The Variable/read tensor ops consume. */
  readonly _snapshot: Tensor;
  readonly trainable: boolean;

  /** TF1's Variable(initial_value, trainable, collections, validate_shape, caching_device, name, ..., dtype, ...), positional or by keyword. */
  constructor(...args: unknown[]) {
    super();
    const opts = bindArgs<VariableArgs>('Variable', args, VARIABLE_PARAMS);
    for (const k of UNSUPPORTED_VARIABLE_PARAMS) {
      if (opts[k] !== undefined && opts[k] !== null) throw new ValueError(`tf.Variable: ${k} is not supported by tensorgraph`);
    }
    if (opts.trainable !== undefined && opts.trainable !== null && typeof opts.trainable !== 'boolean') {
      throw new TypeError(`Variable() argument 'trainable' must be a bool, got ${JSON.stringify(opts.trainable)} (the name goes as {name: ...})`);
    }
    const initialValue = opts.initial_value as TensorLike | (() => TensorLike);
    if (initialValue === undefined || initialValue === null) throw new ValueError('initial_value must be specified.');
    const dtype = opts.dtype ? as_dtype(opts.dtype) : undefined;
    const validate = opts.validate_shape !== false;
    // A function (TF1's callable initial_value) is called inside '<name>/Initializer/', as tf.get_variable's initializers are.
    const fromFunction = typeof initialValue === 'function';
    const g = fromFunction ? get_default_graph() : graphOf([initialValue]);
    const initialTensor = (value: TensorLike, name?: string): Tensor => {
      const t = convertToTensor(value, dtype, name, g);
      if (dtype && t.dtype !== dtype) throw new ValueError(`Variable initial value has dtype ${t.dtype}, but dtype ${opts.dtype} was requested`);
      if (validate && (t.shape === null || t.shape.some((d) => d === null))) {
        throw new ValueError(`initial_value must have a shape specified: ${t}`);
      }
      return t;
    };
    let init = fromFunction ? null : initialTensor(initialValue as TensorLike);
    this.trainable = opts.trainable !== false;
    const { op, initializer, snapshot } = g.name_scope(opts.name ?? 'Variable', (scope) => {
      const varName = scope.slice(0, -1);
      if (fromFunction) init = g.name_scope('Initializer', () => initialTensor((initialValue as () => TensorLike)(), 'initial_value'));
      init = init!;
      // The scope already made the name unique; a trailing '/' makes create_op keep it as is.
      const varOp = g.create_op('VariableV2', [], { dtype: init.dtype, shape: validate ? init.shape : null, container: '', shared_name: '' }, varName + '/');
      const assign = g.create_op('Assign', [varOp.outputs[0], init], { validate_shape: validate, use_locking: true }, 'Assign');
      const read = g.create_op('Identity', [varOp.outputs[0]], {}, 'read');
      return { op: varOp, initializer: assign, snapshot: read.outputs[0] };
    });
    this.initial_value = init!;
    this.op = op;
    this.initializer = initializer;
    this._snapshot = snapshot;
    const collections = opts.collections ?? [GraphKeys.GLOBAL_VARIABLES];
    for (const c of collections) g.add_to_collection(c, this);
    if (this.trainable && !collections.includes(GraphKeys.TRAINABLE_VARIABLES)) g.add_to_collection(GraphKeys.TRAINABLE_VARIABLES, this);
    registry.set(op, this);
  }

  get name(): string { return `${this.op.name}:0`; }
  get graph(): Graph { return this.op.graph; }
  get dtype(): DType { return this._snapshot.dtype; }
  get shape() { return this.op.outputs[0].shape; }
  /** TF1's TensorShape of the variable (`v.shape` stays the static shape array, as Tensor's). */
  get_shape(): TensorShape { return this._ref.get_shape(); }
  /** TF1's Variable.set_shape: narrows the shape of both the ref tensor and the read snapshot. */
  set_shape(shape: TensorShapeLike): void {
    this._ref.set_shape(shape);
    this._snapshot.set_shape(shape);
  }
  /** The VariableV2 output (TF1's ref tensor). */
  get _ref(): Tensor { return this.op.outputs[0]; }
  override _asTensor(): Tensor { return this._snapshot; }
  value(): Tensor { return this._snapshot; }
  read_value(): Tensor { return makeOp1('Identity', [this._ref], {}, 'read'); }

  /** Adds an Assign op; use_locking is recorded in its attrs and has no effect (a session's ops never overlap). */
  /** v.assign(value, use_locking=False, name=None, read_value=True); read_value=False gives the op. */
  assign(...args: unknown[]): any {
    const a = bindArgs<AssignArgs & { value: TensorLike }>('assign', args, ['value', 'use_locking', 'name', 'read_value'], {}, 1);
    const t = makeOp1('Assign', [this._ref, convertToTensor(a.value, this.dtype, undefined, this.graph)],
      { validate_shape: true, use_locking: !!a.use_locking }, a.name);
    return a.read_value === false ? t.op : t;
  }
  /** v.assign_add(delta, use_locking=False, name=None, read_value=True) */
  assign_add(...args: unknown[]): any { return this.update('AssignAdd', 'assign_add', args); }
  /** v.assign_sub(delta, use_locking=False, name=None, read_value=True) */
  assign_sub(...args: unknown[]): any { return this.update('AssignSub', 'assign_sub', args); }

  private update(type: string, fn: string, args: unknown[]): Tensor | Operation {
    const a = bindArgs<AssignArgs & { delta: TensorLike }>(fn, args, ['delta', 'use_locking', 'name', 'read_value'], {}, 1);
    const t = makeOp1(type, [this._ref, convertToTensor(a.delta, this.dtype, undefined, this.graph)], {}, a.name);
    return a.read_value === false ? t.op : t;
  }

  /** v.eval(session=None) as TF1's Variable.eval (its only parameter; a feed goes through sess.run). */
  eval(...args: unknown[]): any {
    const a = bindArgs<{ session: unknown }>('eval', args, ['session']);
    return runDefault(this._snapshot, undefined, a.session);
  }
  /**
   * TF1's Variable.load(value, session): writes value into the variable in session (else the
   * default session) without adding ops to the graph, by running the initializer with its
   * initial value fed, as TF1 does. The value must have the variable's shape.
   */
  load(...args: unknown[]): void {
    const { value, session } = bindArgs<{ value: unknown; session: unknown }>('load', args, ['value', 'session'], {}, 1);
    const sess = session ?? get_default_session();
    if (!sess) throw new ValueError('Either session argument should be provided or default session should be established');
    runDefault(this.initializer, [[this.initializer.inputs[1], value]], sess);
  }

  toString(): string {
    return `<tf.Variable '${this.op.name}:0' shape=${this.shape === null ? '<unknown>' : '(' + this.shape.join(', ') + (this.shape.length === 1 ? ',' : '') + ')'} dtype=${this.dtype}_ref>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}

/** Maps VariableV2 ops to their Variable objects (loaders rebuild these). */
const registry = new WeakMap<Operation, VariableImpl>();
export function variableForOp(op: Operation): VariableImpl | undefined { return registry.get(op); }

/** Internal: wraps existing ops (from a loaded graph) as a Variable. */
export function _variableFromOps(op: Operation, initializer: Operation, snapshot: Tensor, trainable: boolean): VariableImpl {
  const v = Object.create(VariableImpl.prototype) as VariableImpl;
  Object.assign(v, { op, initializer, _snapshot: snapshot, initial_value: initializer.inputs[1], trainable });
  registry.set(op, v);
  return v;
}

export const Variable = callable(VariableImpl);
export type Variable = VariableImpl;

/** A collection's variables whose names match scope from their start (TF1's re.match), or all of them. */
function collected(key: string, scope?: string | null): Variable[] {
  const all = get_default_graph().get_collection<Variable>(key);
  if (!scope) return all;
  const re = new RegExp('^(?:' + scope + ')');
  return all.filter((v) => re.test(v.op.name));
}

/** tf.global_variables(scope=None) */
export const global_variables = pyfunc('global_variables', ['scope'], 0,
  (scope?: string | null): Variable[] => collected(GraphKeys.GLOBAL_VARIABLES, scope));
/** tf.trainable_variables(scope=None) */
export const trainable_variables = pyfunc('trainable_variables', ['scope'], 0,
  (scope?: string | null): Variable[] => collected(GraphKeys.TRAINABLE_VARIABLES, scope));
/** tf.local_variables(scope=None) */
export const local_variables = pyfunc('local_variables', ['scope'], 0,
  (scope?: string | null): Variable[] => collected(GraphKeys.LOCAL_VARIABLES, scope));

/** tf.model_variables(scope=None) */
export const model_variables = pyfunc('model_variables', ['scope'], 0,
  (scope?: string | null): Variable[] => collected(GraphKeys.MODEL_VARIABLES, scope));

/** An op that runs the initializers of the given variables. */
export const variables_initializer = pyfunc('variables_initializer', ['var_list', 'name'], 1,
  function variables_initializer(vars: Variable[], name = 'init'): Operation {
  const g = vars.length ? vars[0].graph : get_default_graph();
  if (vars.length === 0) return makeOp('NoOp', [], {}, name);
  return g.control_dependencies(vars.map((v) => v.initializer), () => g.create_op('NoOp', [], {}, name));
});

export function global_variables_initializer(): Operation { return variables_initializer(global_variables(), 'init'); }
export function local_variables_initializer(): Operation { return variables_initializer(local_variables(), 'init'); }
/** The older name the Deep MNIST tutorial uses. */
export function initialize_all_variables(): Operation { return global_variables_initializer(); }

export const is_variable_initialized = pyfunc('is_variable_initialized', ['variable'], 1, (v: Variable): Tensor => makeOp1('IsVariableInitialized', [v._ref]));

/** tf.assign(ref, value, validate_shape=None, use_locking=None, name=None) */
export const assign = pyfunc('assign', ['ref', 'value', 'validate_shape', 'use_locking', 'name'], 2,
  (ref: Variable, value: TensorLike, validate_shape?: boolean | null, use_locking?: boolean | null, name?: string): Tensor => {
    if (validate_shape === false) throw new ValueError('tf.assign: validate_shape=False is not supported by tensorgraph');
    return ref.assign(value, { use_locking: use_locking ?? undefined, name });
  });
/** tf.assign_add(ref, value, use_locking=None, name=None) */
export const assign_add = pyfunc('assign_add', ['ref', 'value', 'use_locking', 'name'], 2,
  (ref: Variable, value: TensorLike, use_locking?: boolean | null, name?: string): Tensor => ref.assign_add(value, { use_locking: use_locking ?? undefined, name }));
/** tf.assign_sub(ref, value, use_locking=None, name=None) */
export const assign_sub = pyfunc('assign_sub', ['ref', 'value', 'use_locking', 'name'], 2,
  (ref: Variable, value: TensorLike, use_locking?: boolean | null, name?: string): Tensor => ref.assign_sub(value, { use_locking: use_locking ?? undefined, name }));
