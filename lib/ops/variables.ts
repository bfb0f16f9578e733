import { Tensor, TensorMethods, TensorLike } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { get_default_graph, Graph, GraphKeys } from '../framework/graph';
import { convertToTensor, graphOf } from '../framework/convert';
import { DType, as_dtype } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { get_default_session, runDefault } from '../framework/default_session';
import { makeOp, makeOp1 } from './op_builder';
import { callable } from '../framework/callable';

export interface VariableOptions {
  name?: string;
  trainable?: boolean;
  dtype?: DType | string;
  validate_shape?: boolean;
  collections?: string[];
}

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

  constructor(initialValue: TensorLike, options: VariableOptions | string = {}) {
    super();
    const opts: VariableOptions = typeof options === 'string' ? { name: options } : options;
    if (initialValue === undefined || initialValue === null) throw new ValueError('initial_value must be specified.');
    const g = graphOf([initialValue]);
    const init = convertToTensor(initialValue, opts.dtype ? as_dtype(opts.dtype) : undefined, undefined, g);
    if (opts.dtype && init.dtype !== as_dtype(opts.dtype)) {
      throw new ValueError(`Variable initial value has dtype ${init.dtype}, but dtype ${opts.dtype} was requested`);
    }
    const validate = opts.validate_shape !== false;
    if (validate && (init.shape === null || init.shape.some((d) => d === null))) {
      throw new ValueError(`initial_value must have a shape specified: ${init}`);
    }
    this.trainable = opts.trainable !== false;
    this.initial_value = init;
    const { op, initializer, snapshot } = g.name_scope(opts.name ?? 'Variable', (scope) => {
      const varName = scope.slice(0, -1);
      // The scope already made the name unique; a trailing '/' makes create_op keep it as is.
      const varOp = g.create_op('VariableV2', [], { dtype: init.dtype, shape: validate ? init.shape : null, container: '', shared_name: '' }, varName + '/');
      const assign = g.create_op('Assign', [varOp.outputs[0], init], { validate_shape: validate, use_locking: true }, 'Assign');
      const read = g.create_op('Identity', [varOp.outputs[0]], {}, 'read');
      return { op: varOp, initializer: assign, snapshot: read.outputs[0] };
    });
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
  get_shape() { return this.shape; }
  /** The VariableV2 output (TF1's ref tensor). */
  get _ref(): Tensor { return this.op.outputs[0]; }
  override _asTensor(): Tensor { return this._snapshot; }
  value(): Tensor { return this._snapshot; }
  read_value(): Tensor { return makeOp1('Identity', [this._ref], {}, 'read'); }

  /** Adds an Assign op; use_locking is recorded in its attrs and has no effect (a session's ops never overlap). */
  assign(value: TensorLike, options: { name?: string; use_locking?: boolean } = {}): Tensor {
    return makeOp1('Assign', [this._ref, convertToTensor(value, this.dtype, undefined, this.graph)],
      { validate_shape: true, use_locking: !!options.use_locking }, options.name);
  }
  assign_add(delta: TensorLike, options: { name?: string } = {}): Tensor {
    return makeOp1('AssignAdd', [this._ref, convertToTensor(delta, this.dtype, undefined, this.graph)], {}, options.name);
  }
  assign_sub(delta: TensorLike, options: { name?: string } = {}): Tensor {
    return makeOp1('AssignSub', [this._ref, convertToTensor(delta, this.dtype, undefined, this.graph)], {}, options.name);
  }

  eval(feedDict?: unknown, session?: unknown): any { return runDefault(this._snapshot, feedDict, session); }
  /**
   * TF1's Variable.load(value, session): writes value into the variable in session (else the
   * default session) without adding ops to the graph, by running the initializer with its
   * initial value fed, as TF1 does. The value must have the variable's shape.
   */
  load(value: unknown, session?: unknown): void {
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

export function global_variables(): Variable[] { return get_default_graph().get_collection<Variable>(GraphKeys.GLOBAL_VARIABLES); }
export function trainable_variables(): Variable[] { return get_default_graph().get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES); }
export function local_variables(): Variable[] { return get_default_graph().get_collection<Variable>(GraphKeys.LOCAL_VARIABLES); }

/** An op that runs the initializers of the given variables. */
export function variables_initializer(vars: Variable[], name = 'init'): Operation {
  const g = vars.length ? vars[0].graph : get_default_graph();
  if (vars.length === 0) return makeOp('NoOp', [], {}, name);
  return g.control_dependencies(vars.map((v) => v.initializer), () => g.create_op('NoOp', [], {}, name));
}

export function global_variables_initializer(): Operation { return variables_initializer(global_variables(), 'init'); }
export function local_variables_initializer(): Operation { return variables_initializer(local_variables(), 'init'); }
/** The older name the Deep MNIST tutorial uses. */
export function initialize_all_variables(): Operation { return global_variables_initializer(); }

export function is_variable_initialized(v: Variable): Tensor { return makeOp1('IsVariableInitialized', [v._ref]); }

export function assign(ref: Variable, value: TensorLike, options: { name?: string } = {}): Tensor { return ref.assign(value, options); }
export function assign_add(ref: Variable, value: TensorLike, options: { name?: string } = {}): Tensor { return ref.assign_add(value, options); }
export function assign_sub(ref: Variable, value: TensorLike, options: { name?: string } = {}): Tensor { return ref.assign_sub(value, options); }
