import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { Graph, GraphKeys } from '../framework/graph';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import type { DType } from '../framework/dtypes';
import { convertToTensor } from '../framework/convert';
import { Variable } from '../ops/variables';
import { gradients } from '../ops/gradients';
import { group } from '../ops/control_flow_ops';
import { bindArgs } from '../framework/python_args';
import { createNonSlot, createSlot } from './slots';

/** A hyperparameter: a number, a float32 tensor (a placeholder fed per run), a Variable, or a function giving one. */
/** TF1's _valid_dtypes less float16 (no float16 arithmetic here); which update ops take float64 is up to their schemas. */
const TRAINABLE_DTYPES: readonly DType[] = ['float32', 'float64'];

export type Hyperparameter = number | Tensor | Variable | (() => number | Tensor | Variable);
export type GradAndVar = [Tensor | null, Variable];

/** TF1's GraphKeys.TRAIN_OP: apply_gradients records the ops it returns here. */
const TRAIN_OP = 'train_op';

export interface ComputeGradientsOptions {
  var_list?: Variable[];
  /**
   * Checked (GATE_NONE, GATE_OP or GATE_GRAPH) and otherwise ignored: TF1 gates to keep
   * concurrently running gradient ops from racing, and a session here runs a plan's ops
   * one after another, so every value behaves as with GATE_GRAPH.
   */
  gate_gradients?: number;
  /** Accepted and ignored: contributions to a gradient are always summed with one AddN (TF1's default, ADD_N). */
  aggregation_method?: unknown;
  /** Accepted and ignored: there are no devices to place ops on. */
  colocate_gradients_with_ops?: boolean;
  grad_loss?: Tensor;
}
export interface ApplyGradientsOptions { global_step?: Variable; name?: string }
export type MinimizeOptions = ComputeGradientsOptions & ApplyGradientsOptions;

function describeVars(vars: Variable[]): string {
  return '[' + vars.map((v) => JSON.stringify(String(v))).join(', ') + ']';
}

/**
 * TF1's tf.train.Optimizer. minimize = compute_gradients + apply_gradients.
 * Subclasses implement _apply_dense (one update op per variable) and may override
 * _create_slots, _prepare and _finish, as in TF1.
 */
export class OptimizerBase {
  static readonly GATE_NONE = 0;
  static readonly GATE_OP = 1;
  static readonly GATE_GRAPH = 2;

  readonly _name: string;
  /**
   * Recorded in the update ops' use_locking attr (and so in saved graphs) and otherwise
   * ignored: a session runs one plan step at a time, so no two updates of a variable overlap.
   */
  readonly _use_locking: boolean;
  /** Slot name -> primary variable -> slot variable. */
  private readonly slots = new Map<string, Map<Variable, Variable>>();
  private readonly nonSlots = new Map<Graph, Map<string, Variable>>();
  /** The graph apply_gradients is building in (hyperparameter constants go there). */
  protected _graph: Graph | null = null;

  constructor(use_locking: boolean, name: string) {
    if (!name || typeof name !== 'string') throw new ValueError('Must specify the optimizer name');
    this._use_locking = !!use_locking;
    this._name = name;
  }

  get_name(): string { return this._name; }

  /**
   * Adds gradient and update ops minimizing `loss` over var_list (default: the trainable
   * variables). Options (or positionally, as TF1): global_step, var_list, gate_gradients,
   * aggregation_method, colocate_gradients_with_ops, name, grad_loss; gate_gradients,
   * aggregation_method and colocate_gradients_with_ops are accepted and have no effect
   * (see ComputeGradientsOptions).
   */
  minimize(...args: unknown[]): Operation {
    const a = bindArgs<MinimizeOptions & { loss: Tensor | (() => Tensor) }>('minimize', args,
      ['loss', 'global_step', 'var_list', 'gate_gradients', 'aggregation_method', 'colocate_gradients_with_ops', 'name', 'grad_loss'], {}, 1);
    const lossTensor = typeof a.loss === 'function' ? a.loss() : a.loss;
    const pairs = this.compute_gradients(lossTensor, {
      var_list: a.var_list, gate_gradients: a.gate_gradients, aggregation_method: a.aggregation_method,
      colocate_gradients_with_ops: a.colocate_gradients_with_ops, grad_loss: a.grad_loss,
    });
    if (pairs.every(([g]) => g === null)) {
      throw new ValueError('No gradients provided for any variable, check your graph for ops that do not support gradients, ' +
        `between variables ${describeVars(pairs.map(([, v]) => v))} and loss ${String(lossTensor)}.`);
    }
    return this.apply_gradients(pairs, { global_step: a.global_step, name: a.name });
  }

  /** [gradient, variable] pairs for var_list (default: trainable variables); null where loss does not depend on one. */
  compute_gradients(...args: unknown[]): GradAndVar[] {
    const a = bindArgs<ComputeGradientsOptions & { loss: Tensor | (() => Tensor) }>('compute_gradients', args,
      ['loss', 'var_list', 'gate_gradients', 'aggregation_method', 'colocate_gradients_with_ops', 'grad_loss'],
      { gate_gradients: OptimizerBase.GATE_OP }, 1);
    const loss = a.loss;
    if (![0, 1, 2].includes(a.gate_gradients as number)) {
      throw new ValueError(`gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH. Not ${a.gate_gradients}`);
    }
    const raw: unknown = typeof loss === 'function' ? loss() : loss;
    if (!(raw instanceof Tensor) && !(raw instanceof Variable)) {
      throw new ValueError(`${this._name}: the loss to minimize must be a Tensor; got ${String(raw)}`);
    }
    const lossTensor = convertToTensor(raw as Tensor);
    if (!TRAINABLE_DTYPES.includes(lossTensor.dtype)) {
      throw new ValueError(`Invalid type ${lossTensor.dtype} for ${lossTensor.name}, expected: [${TRAINABLE_DTYPES.join(', ')}].`);
    }
    const varList = a.var_list === undefined || a.var_list === null
      ? lossTensor.graph.get_collection<Variable>(GraphKeys.TRAINABLE_VARIABLES)
      : (Array.isArray(a.var_list) ? a.var_list.flat(Infinity) as Variable[] : [a.var_list as Variable]);
    if (varList.length === 0) throw new ValueError('No variables to optimize.');
    for (const v of varList) {
      if (!(v instanceof Variable)) throw new ValueError(`${this._name}: var_list must hold Variables; got ${String(v)}`);
      if (!TRAINABLE_DTYPES.includes(v.dtype)) throw new ValueError(`Invalid type ${v.dtype} for ${v.op.name}, expected: [${TRAINABLE_DTYPES.join(', ')}].`);
    }
    // Differentiating with respect to the VariableV2 output covers every read of the variable.
    const grads = gradients(lossTensor, varList.map((v) => v._ref), a.grad_loss === undefined || a.grad_loss === null ? undefined : [a.grad_loss]);
    return varList.map((v, i) => [grads[i], v]);
  }

  /**
   * Adds one update op per variable with a gradient, grouped into one op named as the
   * optimizer ('GradientDescent', 'Adam', ...). With global_step, the returned op is
   * the step's increment, which runs after all updates.
   */
  apply_gradients(...args: unknown[]): Operation {
    const a = bindArgs<ApplyGradientsOptions & { grads_and_vars: Iterable<GradAndVar> }>('apply_gradients', args,
      ['grads_and_vars', 'global_step', 'name'], {}, 1);
    const pairs = this.checkPairs(a.grads_and_vars);
    const withGrad = pairs.filter((p): p is [Tensor, Variable] => p[0] !== null);
    if (withGrad.length === 0) {
      throw new ValueError(`No gradients provided for any variable: ${describeVars(pairs.map(([, v]) => v))}.`);
    }
    if (a.global_step !== undefined && a.global_step !== null && !(a.global_step instanceof Variable)) {
      throw new ValueError(`${this._name}: global_step must be a Variable (tf.train.get_or_create_global_step()); got ${String(a.global_step)}`);
    }
    const g = withGrad[0][1].graph;
    this._graph = g;
    try {
      this._create_slots(withGrad.map(([, v]) => v));
      return g.name_scope(a.name ?? this._name, (scope) => {
        this._prepare();
        const updates = withGrad.map(([grad, v]) => g.name_scope(`update_${v.op.name}`, () => asOp(this._apply_dense(grad, v))));
        const step = a.global_step;
        const applied = step === undefined || step === null
          ? this._finish(updates, scope)
          : g.control_dependencies([this._finish(updates, 'update')], () => step.assign_add(1, { name: scope }).op);
        const trainOps = g.get_collection_ref<Operation>(TRAIN_OP);
        if (!trainOps.includes(applied)) trainOps.push(applied);
        return applied;
      });
    } finally {
      this._graph = null;
    }
  }

  private checkPairs(grads_and_vars: Iterable<GradAndVar>): GradAndVar[] {
    if (!grads_and_vars || typeof (grads_and_vars as any)[Symbol.iterator] !== 'function') {
      throw new ValueError(`apply_gradients expects a list of [gradient, variable] pairs; got ${String(grads_and_vars)}`);
    }
    const pairs = [...grads_and_vars];
    if (pairs.length === 0) throw new ValueError('No variables provided.');
    return pairs.map((p) => {
      if (!Array.isArray(p) || p.length !== 2) throw new ValueError(`apply_gradients expects [gradient, variable] pairs; got ${String(p)}`);
      const [grad, v] = p;
      if (!(v instanceof Variable)) throw new ValueError(`apply_gradients: the second element of each pair must be a Variable; got ${String(v)}`);
      if (grad === null || grad === undefined) return [null, v];
      const t = convertToTensor(grad, v.dtype, undefined, v.graph);
      if (t.dtype !== v.dtype) throw new ValueError(`Gradient ${t.name} has dtype ${t.dtype}, but variable ${v.op.name} is ${v.dtype}`);
      return [t, v];
    });
  }

  // ---- Hooks for subclasses, as TF1's Optimizer has them. ----

  /** Creates the slot variables the updates need. */
  protected _create_slots(_var_list: Variable[]): void { /* plain optimizers have none */ }

  /** Converts hyperparameters to tensors, once per apply_gradients. */
  protected _prepare(): void { /* nothing to convert by default */ }

  /** The update op of one variable. */
  protected _apply_dense(_grad: Tensor, v: Variable): Operation | Tensor {
    throw new ValueError(`${this.constructor.name} does not implement _apply_dense (needed to update ${v.op.name})`);
  }

  /** Groups the updates into the op apply_gradients returns. */
  protected _finish(update_ops: Operation[], name_scope: string): Operation {
    return group(...update_ops, { name: name_scope });
  }

  /** A hyperparameter as a float32 tensor in the graph being built, named as TF1 does ('learning_rate'). */
  protected _hyper(value: Hyperparameter, name: string): Tensor {
    const v = typeof value === 'function' ? value() : value;
    if (typeof v === 'number') {
      const g = this._graph;
      if (!g) throw new ValueError(`${this._name}: hyperparameters are converted while apply_gradients builds its ops`);
      return g.create_op('Const', [], { value: NDArray.scalar(v, 'float32'), dtype: 'float32' }, name).outputs[0];
    }
    const t = convertToTensor(v);
    if (t.dtype !== 'float32') throw new ValueError(`${this._name}: ${name} must be float32; got ${t.dtype} (${t.name})`);
    return t;
  }

  // ---- Slots. ----

  /** The slot variable named slot_name ('m', 'momentum', ...) of var, or null. */
  get_slot(v: Variable, slot_name: string): Variable | null {
    return this.slots.get(slot_name)?.get(v) ?? null;
  }

  get_slot_names(): string[] { return [...this.slots.keys()].sort(); }

  /** Every variable this optimizer created (slots and non-slots), sorted by name. */
  variables(): Variable[] {
    const all = [...this.slots.values()].flatMap((m) => [...m.values()]);
    for (const m of this.nonSlots.values()) all.push(...m.values());
    return all.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  }

  /** Gets or creates the slot of v filled with zeros. */
  protected _zeros_slot(v: Variable, slot_name: string, op_name: string): Variable {
    return this._get_or_make_slot_with_value(v, 0, slot_name, op_name, 'zeros');
  }

  /** Gets or creates the slot of v filled with `value`. */
  protected _get_or_make_slot_with_value(v: Variable, value: number, slot_name: string, op_name: string, initName = 'Const'): Variable {
    let named = this.slots.get(slot_name);
    if (!named) this.slots.set(slot_name, (named = new Map()));
    let slot = named.get(v);
    if (!slot) named.set(v, (slot = createSlot(v, value, op_name, initName)));
    return slot;
  }

  /** Gets or creates a variable shared by all updates in v's graph (Adam's beta1_power). */
  protected _create_non_slot_variable(initial_value: number | Tensor, name: string, colocate_with: Variable): Variable {
    const g = colocate_with.graph;
    let named = this.nonSlots.get(g);
    if (!named) this.nonSlots.set(g, (named = new Map()));
    let v = named.get(name);
    if (!v) named.set(name, (v = createNonSlot(g, initial_value, name)));
    return v;
  }

  protected _get_non_slot_variable(name: string, graph: Graph): Variable | null {
    return this.nonSlots.get(graph)?.get(name) ?? null;
  }
}

function asOp(x: Operation | Tensor): Operation { return x instanceof Tensor ? x.op : x; }

/** Checks a hyperparameter given to a constructor; `what` names it in the error. */
export function checkHyper(value: unknown, what: string, optimizer: string): Hyperparameter {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValueError(`${optimizer}: ${what} must be a finite number; got ${value}`);
    return value;
  }
  if (value instanceof Tensor || value instanceof Variable || typeof value === 'function') return value as Hyperparameter;
  throw new ValueError(`${optimizer}: ${what} must be a number, a float32 Tensor or Variable, or a function returning one; got ${String(value)}`);
}
