import { Operation } from './operation';
import { Tensor } from './tensor';
import { Attrs, opRegistry } from '../registry/op_registry';
import { KeyError, ValueError } from './errors';
import { bindAttrs } from '../registry/attr_binding';
import { knownSpec } from './constant_value';
import { callable } from './callable';
import { pyfunc } from './python_args';
import { create } from '@bufbuild/protobuf';
import { GraphDef as GraphDefMessage, GraphDefSchema } from '../proto/tensorflow/core/framework/graph_pb';
import { VersionDefSchema } from '../proto/tensorflow/core/framework/versions_pb';
import { nodeDefToProto } from './graph_def_proto';

/** The GraphDef producer version written (TF 1.x's range; what consumers check against). */
const GRAPH_DEF_PRODUCER = 26;

export const GraphKeys = {
  GLOBAL_VARIABLES: 'variables',
  TRAINABLE_VARIABLES: 'trainable_variables',
  LOCAL_VARIABLES: 'local_variables',
  METRIC_VARIABLES: 'metric_variables',
  GLOBAL_STEP: 'global_step',
  UPDATE_OPS: 'update_ops',
  SAVERS: 'savers',
  ASSET_FILEPATHS: 'asset_filepaths',
  LOSSES: 'losses',
  // TF1's other standard keys (ops.py GraphKeys), with its values.
  REGULARIZATION_LOSSES: 'regularization_losses',
  MODEL_VARIABLES: 'model_variables',
  SUMMARIES: 'summaries',
  QUEUE_RUNNERS: 'queue_runners',
  TABLE_INITIALIZERS: 'table_initializer',
  MOVING_AVERAGE_VARIABLES: 'moving_average_variables',
  CONCATENATED_VARIABLES: 'concatenated_variables',
  WEIGHTS: 'weights',
  BIASES: 'biases',
  ACTIVATIONS: 'activations',
  SAVEABLE_OBJECTS: 'saveable_objects',
  RESOURCES: 'resources',
  LOCAL_RESOURCES: 'local_resources',
  TRAINABLE_RESOURCE_VARIABLES: 'trainable_resource_variables',
  INIT_OP: 'init_op',
  LOCAL_INIT_OP: 'local_init_op',
  READY_OP: 'ready_op',
  READY_FOR_LOCAL_INIT_OP: 'ready_for_local_init_op',
  SUMMARY_OP: 'summary_op',
  EVAL_STEP: 'eval_step',
  TRAIN_OP: 'train_op',
  COND_CONTEXT: 'cond_context',
  WHILE_CONTEXT: 'while_context',
  /** Deprecated alias of GLOBAL_VARIABLES. */
  VARIABLES: 'variables',
} as const;

/** A TF1 graph: ops in creation order, names unique within it, name scopes, collections. */
class GraphImpl {
  private readonly ops: Operation[] = [];
  private readonly byName = new Map<string, Operation>();
  /** Lower-cased name -> next suffix to try, as TF1's Graph.unique_name keeps it. */
  private readonly namesInUse = new Map<string, number>();
  private readonly collections = new Map<string, unknown[]>();
  private readonly controlDepsStack: Operation[][] = [];
  private nameScope = '';
  /** Graph-level random seed (tf.set_random_seed). */
  seed: number | null = null;

  get_operations(): Operation[] { return this.ops.slice(); }
  get version(): number { return this.ops.length; }

  get_operation_by_name(name: string): Operation {
    if (typeof name !== 'string') throw new TypeError(`Operation names are strings; got ${typeof name}`);
    if (name.includes(':')) {
      throw new ValueError(`Name '${name}' appears to refer to a Tensor, not an Operation.`);
    }
    const op = this.byName.get(name);
    if (!op) throw new KeyError(`The name '${name}' refers to an Operation not in the graph.`);
    return op;
  }

  get_tensor_by_name(name: string): Tensor {
    const m = /^(.+):(\d+)$/.exec(name);
    if (!m) {
      throw new ValueError(`The name '${name}' looks like an (invalid) Operation name, not a Tensor. ` +
        `Tensor names must be of the form "<op_name>:<output_index>".`);
    }
    const op = this.byName.get(m[1]);
    if (!op) throw new KeyError(`The name '${name}' refers to a Tensor which does not exist. The operation, '${m[1]}', does not exist in the graph.`);
    const idx = Number(m[2]);
    if (idx >= op.outputs.length) {
      throw new KeyError(`The name '${name}' refers to a Tensor which does not exist. ` +
        `The operation, '${m[1]}', exists but only has ${op.outputs.length} outputs.`);
    }
    return op.outputs[idx];
  }

  /** Resolves 'op:0' to a Tensor and 'op' to an Operation. */
  as_graph_element(name: string): Tensor | Operation {
    return name.includes(':') ? this.get_tensor_by_name(name) : this.get_operation_by_name(name);
  }

  /** TF1's unique_name: appends _1, _2, ... to names already used (case-insensitively). */
  unique_name(name: string, markAsUsed = true): string {
    const full = this.nameScope ? `${this.nameScope}/${name}` : name;
    const key = full.toLowerCase();
    let i = this.namesInUse.get(key) ?? 0;
    if (markAsUsed) this.namesInUse.set(key, i + 1);
    if (i === 0) return full;
    let candidate = `${key}_${i}`;
    while (this.namesInUse.has(candidate)) { i++; candidate = `${key}_${i}`; }
    if (markAsUsed) this.namesInUse.set(candidate, 1);
    return `${full}_${i}`;
  }

  get_name_scope(): string { return this.nameScope; }

  /**
   * Runs fn inside a name scope. A name ending in '/' re-enters that exact scope
   * (TF1's convention); otherwise the scope is made unique, as 'scope_1'.
   */
  name_scope<T>(name: string | null, fn: (scope: string) => T): T {
    const saved = this.nameScope;
    let scope: string;
    if (name === null || name === '') scope = '';
    else {
      const valid = this.nameScope ? VALID_SCOPE_NAME : VALID_OP_NAME;
      if (!valid.test(name)) throw new ValueError(`'${name}' is not a valid scope name`);
      scope = name.endsWith('/') ? name.slice(0, -1) : this.unique_name(name);
    }
    this.nameScope = scope;
    try { return fn(scope ? scope + '/' : ''); } finally { this.nameScope = saved; }
  }

  control_dependencies<T>(deps: (Operation | Tensor | null)[] | null, fn: () => T): T {
    const ops = (deps ?? []).filter((d): d is Operation | Tensor => d !== null)
      .map((d) => (d instanceof Tensor ? d.op : d));
    for (const o of ops) {
      if (o.graph !== this) throw new ValueError(`Control dependency ${o.name} is from a different graph`);
    }
    // null clears the stack, as TF1's control_dependencies(None).
    const saved = deps === null ? this.controlDepsStack.splice(0) : null;
    this.controlDepsStack.push(ops);
    try { return fn(); } finally {
      this.controlDepsStack.pop();
      if (saved) this.controlDepsStack.push(...saved);
    }
  }

  /**
   * Adds an op. Its schema binds the attrs (TensorFlow's `T` and `N` derived from the
   * inputs, defaults filled in, unknown or mistyped attrs refused) and its shape
   * function infers the outputs, seeing what the graph knows of each input's value;
   * so a bad graph fails here, and the op's attrs are a complete TensorFlow NodeDef's.
   */
  create_op(type: string, inputs: Tensor[], attrs: Attrs = {}, name?: string | null): Operation {
    const def = opRegistry().get(type);
    for (const t of inputs) {
      if (!(t instanceof Tensor)) throw new TypeError(`Inputs of ${type} must be Tensors; got ${String(t)}`);
      if (t.graph !== this) {
        throw new ValueError(`Tensor ${t.name} must be from the same graph as the op being created (${type}).`);
      }
    }
    // The name is claimed only once the op is valid: a failed build leaves no trace.
    const exact = name && name.endsWith('/') ? name.slice(0, -1) : null;
    if (exact !== null && this.byName.has(exact)) throw new ValueError(`Duplicate node name in graph: '${exact}'`);
    const opName = exact ?? this.unique_name(name || type, false);
    if (!VALID_OP_NAME.test(opName)) throw new ValueError(`'${opName}' is not a valid node name`);
    const complete = bindAttrs(def, inputs.map((t) => t.dtype), attrs, opName);
    const specs = def.inferOutputs(inputs.map(knownSpec), complete, opName);
    if (exact !== null) this.claimExactName(exact); else this.unique_name(name || type);
    const controls = this.currentControlInputs(inputs);
    const op = new Operation(this, type, opName, inputs, controls, Object.freeze(complete), specs, this.ops.length);
    this.ops.push(op);
    this.byName.set(opName, op);
    return op;
  }

  /** An exact name (a trailing '/' in TF1, or a loaded graph's): must be free; marks it used. */
  private claimExactName(name: string): string {
    if (this.byName.has(name)) throw new ValueError(`Duplicate node name in graph: '${name}'`);
    const key = name.toLowerCase();
    if (!this.namesInUse.has(key)) this.namesInUse.set(key, 1);
    return name;
  }

  private currentControlInputs(inputs: Tensor[]): Operation[] {
    const seen = new Set<Operation>();
    const inputOps = new Set(inputs.map((t) => t.op));
    for (const level of this.controlDepsStack) {
      for (const o of level) if (!inputOps.has(o)) seen.add(o);
    }
    return [...seen];
  }

  add_to_collection(name: string, value: unknown): void {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = []));
    c.push(value);
  }
  /** A collection's items; with scope, those whose name matches it from the start (TF1's re.match), nameless items left out. */
  get_collection<T = unknown>(name: string, scope?: string | null): T[] {
    const items = (this.collections.get(name) ?? []).slice() as T[];
    if (scope === undefined || scope === null) return items;
    const re = new RegExp('^(?:' + scope + ')');
    return items.filter((item) => {
      const itemName = (item as { name?: unknown } | null)?.name;
      return typeof itemName === 'string' && re.test(itemName);
    });
  }
  /** TF1's add_to_collections: a name or a list of names, each collection once. */
  add_to_collections(names: string | readonly string[], value: unknown): void {
    for (const name of new Set(typeof names === 'string' ? [names] : names)) this.add_to_collection(name, value);
  }
  get_collection_ref<T = unknown>(name: string): T[] {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = []));
    return c as T[];
  }
  get_all_collection_keys(): string[] { return [...this.collections.keys()]; }

  /** TF1's as_graph_def(): the ops as a tensorflow.GraphDef message (lib/proto), in creation order. */
  as_graph_def(): GraphDefMessage {
    return create(GraphDefSchema, {
      node: this.ops.map((op) => nodeDefToProto(op.node_def)),
      versions: create(VersionDefSchema, { producer: GRAPH_DEF_PRODUCER }),
    });
  }

  /** Makes this graph the default while fn runs (TF1's `with g.as_default():`). */
  as_default<T>(fn: (g: Graph) => T): T {
    graphStack.push(this);
    try { return fn(this); } finally { graphStack.pop(); }
  }
}

/** `tf.Graph()` or `new tf.Graph()`, as TF1 scripts write it. */
export const Graph = callable(GraphImpl);
export type Graph = GraphImpl;

/** TF1's node-name rule (ops.py _VALID_OP_NAME_REGEX); names also key plan caches, so no commas. */
const VALID_OP_NAME = /^[A-Za-z0-9.][A-Za-z0-9_.\-/>]*$/;
/** TF1's rule for a scope name inside another scope (_VALID_SCOPE_NAME_REGEX). */
const VALID_SCOPE_NAME = /^[A-Za-z0-9_.\-/>]*$/;

const graphStack: Graph[] = [];
let globalDefault = new Graph();

export function get_default_graph(): Graph { return graphStack[graphStack.length - 1] ?? globalDefault; }

export function reset_default_graph(): void {
  if (graphStack.length > 0) {
    throw new Error('Do not use tf.reset_default_graph() to clear nested graphs (inside as_default).');
  }
  globalDefault = new Graph();
}

/** Internal: makes g the default until the returned function is called (sessions' block form). */
export function enterGraph(g: Graph): () => void {
  graphStack.push(g);
  return () => {
    const i = graphStack.lastIndexOf(g);
    if (i >= 0) graphStack.splice(i, 1);
  };
}

export function name_scope<T>(name: string | null, fn: (scope: string) => T): T {
  return get_default_graph().name_scope(name, fn);
}

export function control_dependencies<T>(deps: (Operation | Tensor | null)[] | null, fn: () => T): T {
  return get_default_graph().control_dependencies(deps, fn);
}

/** tf.get_collection(key, scope=None), in the default graph. */
export const get_collection = pyfunc('get_collection', ['key', 'scope'], 1,
  <T = unknown>(key: string, scope?: string | null): T[] => get_default_graph().get_collection<T>(key, scope));

/** tf.get_collection_ref(key): the default graph's list itself (created if missing). */
export function get_collection_ref<T = unknown>(key: string): T[] { return get_default_graph().get_collection_ref<T>(key); }

/** tf.add_to_collection(name, value): a plain function, as value may be any object (even one that looks like keywords). */
export function add_to_collection(name: string, value: unknown): void { get_default_graph().add_to_collection(name, value); }

/** tf.add_to_collections(names, value), in the default graph. */
export function add_to_collections(names: string | readonly string[], value: unknown): void {
  get_default_graph().add_to_collections(names, value);
}
