/*
 * tf.layers' base Layer (TF 1.x layers/base.py over Keras' Layer): a layer owns a variable
 * scope, captured on its first call, so that its variables are `<scope>/<name>` (dense/kernel)
 * and its ops sit under the scope's original name scope (dense/MatMul). Later calls re-enter the
 * same scope with reuse, so calling one Layer object twice shares its variables.
 *
 * Subclass it as in Python: override build(input_shape) to create weights with add_weight (then
 * set this.built), and call(inputs, kwargs) to compute the outputs; apply(inputs, {training})
 * is Python's __call__.
 */
import { Graph, GraphKeys, get_default_graph } from '../framework/graph';
import { Tensor, TensorLike } from '../framework/tensor';
import { TensorShape } from '../framework/tensor_shape';
import { DType, as_dtype } from '../framework/dtypes';
import { Operation } from '../framework/operation';
import { ValueError } from '../framework/errors';
import { convertToTensor } from '../framework/convert';
import { Variable, global_variables } from '../ops/variables';
import { get_variable_scope, variable_scope, VariableScope } from '../ops/variable_scope';
import type { InitializerArg } from '../ops/variable_scope';
import type { Regularizer } from '../ops/regularizers';

/** Keras' to_snake_case: Conv2DTranspose -> conv2d_transpose, MaxPooling2D -> max_pooling2d. */
export function toSnakeCase(name: string): string {
  return name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Per graph: how many layers of each base name exist in each variable scope (Keras' graph uid map). */
const layerNameCounts = new WeakMap<Graph, Map<string, number>>();

/** Keras' unique_object_name: dense, dense_1, ... per graph and enclosing variable scope. */
function uniqueLayerName(base: string): string {
  const g = get_default_graph();
  let counts = layerNameCounts.get(g);
  if (!counts) layerNameCounts.set(g, (counts = new Map()));
  const key = `${get_variable_scope().name}/${base}`;
  const n = counts.get(key) ?? 0;
  counts.set(key, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

export interface LayerOptions {
  trainable?: boolean;
  name?: string | null;
  dtype?: DType | string | null;
  activity_regularizer?: Regularizer | null;
  /** The functional forms' scope and reuse (TF1's private _scope and _reuse). */
  _scope?: string | null;
  _reuse?: unknown;
}

export interface AddWeightOptions {
  shape: readonly number[];
  dtype?: DType | string | null;
  initializer?: InitializerArg | null;
  regularizer?: Regularizer | null;
  trainable?: boolean;
  constraint?: unknown;
}

export type CallKwargs = { training?: boolean | Tensor | null };

/** Refuses a constraint (TF1 applies it after each optimizer step; tensorgraph's optimizers have no hook for that). */
export function refuseConstraint(where: string, constraint: unknown): void {
  if (constraint !== undefined && constraint !== null) {
    throw new ValueError(`${where}: constraints (kernel_constraint, bias_constraint, ...) are not supported by tensorgraph`);
  }
}

export class Layer {
  readonly name: string;
  trainable: boolean;
  readonly dtype: DType | null;
  built = false;
  activity_regularizer: Regularizer | null;
  protected _base_name: string;
  protected _scope: VariableScope | null = null;
  protected readonly _reuse: unknown;
  protected _trainable_weights: Variable[] = [];
  protected _non_trainable_weights: Variable[] = [];
  protected _losses: Tensor[] = [];
  protected _updates: (Tensor | Operation)[] = [];
  private _calls = 0;

  constructor(o: LayerOptions = {}) {
    this.trainable = o.trainable ?? true;
    this.dtype = o.dtype ? as_dtype(o.dtype) : null;
    this.activity_regularizer = o.activity_regularizer ?? null;
    this._reuse = o._reuse ?? null;
    const base = toSnakeCase(this.constructor.name);
    if (o.name) {
      this.name = o.name;
      this._base_name = o.name;
    } else {
      this.name = uniqueLayerName(base);
      this._base_name = base;
    }
    // The functional forms name the variable scope exactly (a second dense(x, {name: 'fc'}) without reuse is an error, as TF1).
    if (o._scope) this._scope = variable_scope(o._scope, { reuse: reuseArg(this._reuse) }, (s) => s);
  }

  /** The variable scope the layer's weights live in (null before the first call). */
  get scope_name(): string | null { return this._scope ? this._scope.name : null; }

  get trainable_weights(): Variable[] { return this.trainable ? this._trainable_weights.slice() : []; }
  get non_trainable_weights(): Variable[] {
    return this.trainable ? this._non_trainable_weights.slice() : [...this._trainable_weights, ...this._non_trainable_weights];
  }
  get weights(): Variable[] { return [...this.trainable_weights, ...this.non_trainable_weights]; }
  get trainable_variables(): Variable[] { return this.trainable_weights; }
  get non_trainable_variables(): Variable[] { return this.non_trainable_weights; }
  get variables(): Variable[] { return this.weights; }
  /** Regularization losses of the weights, and activity regularization of the outputs. */
  get losses(): Tensor[] { return this._losses.slice(); }
  /** Update ops (batch normalization's moving averages). */
  get updates(): (Tensor | Operation)[] { return this._updates.slice(); }

  add_loss(loss: Tensor | Tensor[]): void {
    for (const l of Array.isArray(loss) ? loss : [loss]) {
      this._losses.push(l);
      get_default_graph().add_to_collection(GraphKeys.REGULARIZATION_LOSSES, l);
    }
  }

  add_update(update: Tensor | Operation | (Tensor | Operation)[]): void {
    for (const u of Array.isArray(update) ? update : [update]) {
      this._updates.push(u);
      get_default_graph().add_to_collection(GraphKeys.UPDATE_OPS, u);
    }
  }

  /**
   * TF1's add_weight(name, shape, dtype, initializer, regularizer, trainable, constraint): a
   * get_variable in the layer's scope; a non-trainable weight goes to GLOBAL_VARIABLES only. The
   * regularizer's loss is added once, when the variable is created (not when reused).
   */
  add_weight(name: string, o: AddWeightOptions): Variable {
    refuseConstraint(`add_weight '${name}'`, o.constraint);
    const trainable = (o.trainable ?? true) && this.trainable;
    const existing = new Set(global_variables());
    const variable = get_variable_scope().get_variable(null, name, {
      shape: o.shape, dtype: o.dtype ?? this.dtype ?? undefined, initializer: o.initializer ?? undefined, trainable,
    });
    if (trainable) this._trainable_weights.push(variable); else this._non_trainable_weights.push(variable);
    if (o.regularizer && !existing.has(variable)) {
      const regularizer = o.regularizer;
      const g = get_default_graph();
      const varName = variable.op.name;
      const loss = g.name_scope(null, () => g.name_scope(`${varName}/Regularizer/`, () => regularizer(variable)));
      if (loss !== null && loss !== undefined) this.add_loss(loss);
    }
    return variable;
  }

  /** Creates the weights, given the input's static shape. */
  build(_input_shape: TensorShape): void { this.built = true; }

  /** The layer's computation, inside its scopes. */
  call(inputs: Tensor, _kwargs: CallKwargs = {}): Tensor { return inputs; }

  /** Python's layer(inputs, training=...): builds on the first call, then calls, in the layer's scopes. */
  apply(inputs: TensorLike, kwargs: CallKwargs = {}): Tensor {
    if (!this._scope) {
      this._scope = this._reuse
        ? variable_scope(this._base_name, { reuse: reuseArg(this._reuse) }, (s) => s)
        : variable_scope(null, { default_name: this._base_name }, (s) => s);
    }
    const scope = this._scope;
    const reuse = this.built ? true : reuseArg(this._reuse);
    return variable_scope(scope, { reuse, auxiliary_name_scope: false }, () =>
      get_default_graph().name_scope(scope.original_name_scope, () => {
        const x = convertToTensor(inputs, this.dtype ?? undefined, 'inputs');
        if (!this.built) {
          this.build(new TensorShape(x.shape));
          this.built = true;
        }
        const outputs = this.call(x, kwargs);
        if (this.activity_regularizer) {
          const regularizer = this.activity_regularizer;
          const loss = get_default_graph().name_scope('ActivityRegularizer', () => regularizer(outputs));
          if (loss !== null && loss !== undefined) this.add_loss(loss);
        }
        this._calls++;
        return outputs;
      }));
  }

  /** Python's __call__. */
  __call__(inputs: TensorLike, kwargs: CallKwargs = {}): Tensor { return this.apply(inputs, kwargs); }

  toString(): string { return `<tf.layers.${this.constructor.name} '${this.name}'>`; }
}

/** reuse as variable_scope takes it: null when not given. */
function reuseArg(reuse: unknown): boolean | null {
  if (reuse === undefined || reuse === null || reuse === false) return null;
  return reuse as boolean;
}

/** A non-negative integer or a pair of them (kernel_size, strides, pool_size). */
export function normalizePair(value: unknown, what: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v > 0)) {
    throw new ValueError(`The \`${what}\` argument must be a tuple of 2 integers. Received: ${JSON.stringify(value)}`);
  }
  return [pair[0], pair[1]];
}

/** 'valid' / 'same' in any case, as the ops' 'VALID' / 'SAME'. */
export function normalizePadding(padding: unknown): 'VALID' | 'SAME' {
  const p = typeof padding === 'string' ? padding.toLowerCase() : padding;
  if (p !== 'valid' && p !== 'same') {
    throw new ValueError(`The \`padding\` argument must be one of "valid", "same". Received: ${String(padding)}`);
  }
  return p === 'valid' ? 'VALID' : 'SAME';
}

/** Only channels_last is implemented: the CPU kernels are NHWC. */
export function checkDataFormat(dataFormat: unknown): void {
  const f = typeof dataFormat === 'string' ? dataFormat.toLowerCase() : dataFormat;
  if (f === undefined || f === null || f === 'channels_last') return;
  if (f === 'channels_first') throw new ValueError('data_format "channels_first" is not supported by tensorgraph (its kernels are NHWC); use "channels_last"');
  throw new ValueError(`The \`data_format\` argument must be one of "channels_first", "channels_last". Received: ${String(dataFormat)}`);
}
