import { Graph } from '../framework/graph';
import { Operation } from '../framework/operation';
import { Tensor } from '../framework/tensor';
import { DataLossError, InvalidArgumentError, NotFoundError, ValueError } from '../framework/errors';
import { Attrs, opRegistry, StaticShape } from '../registry/op_registry';
import { attrsFromAttrValues, fromAttrValue } from '../framework/node_def';
import { DType } from '../framework/dtypes';
import { mergeStatic, shapeToString } from '../framework/shape_utils';
import { _variableFromOps, Variable } from '../ops/variables';
import { MetaGraph, NodeDef } from './meta_graph';

export interface SavedVariable { name: string; dtype: DType; shape: StaticShape }

/** The variables a meta graph's GLOBAL_VARIABLES collection lists: what a restore must supply. */
export function savedVariables(meta: MetaGraph, file: string): SavedVariable[] {
  const nodes = new Map(meta.graph_def.node.map((n) => [n.name, n]));
  const out: SavedVariable[] = [];
  const seen = new Set<string>();
  for (const item of meta.collection_def['variables'] ?? []) {
    if (!('variable' in item)) continue;
    const name = opNameOf(item.variable.variable_name);
    const node = nodes.get(name);
    if (seen.has(name) || !node) continue;
    seen.add(name);
    // The variable op's own attrs say what it holds (VariableV2's dtype and shape, as in TF).
    const attrs = nodeAttrs(node, file);
    const shapes = outputShapes(node, file);
    if (typeof attrs.dtype !== 'string') throw new DataLossError(`${file}: variable node '${name}' has no dtype attr`);
    if (node.op === 'VarHandleOp') {
      // A resource variable: its output is the handle (a scalar); the value's shape is the attr, and
      // the session keeps the value under the handle's key (kernels/cpu/resource/handles.ts).
      const shared = (attrs.shared_name as string) || name;
      out.push({ name: attrs.container ? `${attrs.container as string}/${shared}` : shared, dtype: attrs.dtype as DType, shape: attrs.shape as StaticShape });
      continue;
    }
    out.push({ name, dtype: attrs.dtype as DType, shape: shapes ? shapes[0] ?? null : (attrs.shape as StaticShape) ?? null });
  }
  return out;
}

function opNameOf(tensorName: string): string { return tensorName.replace(/:\d+$/, ''); }
function outputIndexOf(tensorName: string): number { return Number(/:(\d+)$/.exec(tensorName)![1]); }

function dataInputs(node: NodeDef): string[] { return node.input.filter((t) => !t.startsWith('^')); }
function controlInputs(node: NodeDef): string[] { return node.input.filter((t) => t.startsWith('^')).map((t) => t.slice(1)); }

/**
 * The attrs to build a node's op with, from its AttrValues, through the op's schema.
 * An AttrValue that does not fit the schema is a DataLossError naming the node and attr.
 */
export function nodeAttrs(node: NodeDef, file: string): Attrs {
  const def = opRegistry().get(node.op);
  const where = `node '${node.name}' (op ${node.op})`;
  try {
    return attrsFromAttrValues(def.attrs, node.attr, where);
  } catch (e) {
    if (e instanceof ValueError) throw new DataLossError(`${file}: ${e.message}`);
    throw e;
  }
}

/** The static shapes recorded in the node's `_output_shapes` attr, or null when it has none. */
function outputShapes(node: NodeDef, file: string): StaticShape[] | null {
  const value = node.attr._output_shapes;
  if (value === undefined) return null;
  try {
    return fromAttrValue({ type: 'list(shape)' }, value, `node '${node.name}' (op ${node.op}), attr '_output_shapes'`) as StaticShape[];
  } catch (e) {
    throw new DataLossError(`${file}: ${(e as Error).message}`);
  }
}

/**
 * Checks that the meta graph can be imported into `graph` as a whole before anything is
 * added: every op type is registered, names are new, and every reference (inputs,
 * control inputs, collections, main_op) points to an op defined earlier in the file.
 */
export function checkImportable(graph: Graph, meta: MetaGraph, file: string): void {
  const registry = opRegistry();
  const existing = new Set(graph.get_operations().map((op) => op.name));
  const defined = new Map<string, NodeDef>();
  const ref = (tensorName: string, where: string) => {
    const node = defined.get(opNameOf(tensorName));
    if (!node) throw new DataLossError(`${file}: ${where} refers to '${tensorName}', which is not an op defined before it`);
    const count = outputShapes(node, file)?.length;
    if (count !== undefined && outputIndexOf(tensorName) >= count) {
      throw new DataLossError(`${file}: ${where} refers to '${tensorName}', but op '${node.name}' has ${count} output(s)`);
    }
  };
  const opRef = (name: string, where: string) => {
    if (!defined.has(name)) throw new DataLossError(`${file}: ${where} refers to op '${name}', which is not defined before it`);
  };
  for (const node of meta.graph_def.node) {
    if (!registry.has(node.op)) {
      throw new NotFoundError(`${file}: Op type not registered '${node.op}' in this process (used by node '${node.name}'). ` +
        `Register it with tf.register_op before loading a graph that uses it.`);
    }
    if (defined.has(node.name)) throw new DataLossError(`${file}: node name '${node.name}' appears twice`);
    if (existing.has(node.name)) {
      throw new ValueError(`Cannot load ${file} into this graph: it already has an op named '${node.name}' (load into a fresh graph)`);
    }
    dataInputs(node).forEach((t, i) => ref(t, `input ${i} of node '${node.name}'`));
    controlInputs(node).forEach((n) => opRef(n, `a control input of node '${node.name}'`));
    nodeAttrs(node, file);
    defined.set(node.name, node);
  }
  for (const [key, items] of Object.entries(meta.collection_def)) {
    items.forEach((item, i) => {
      const where = `collection '${key}' item ${i}`;
      if ('variable' in item) {
        ref(item.variable.variable_name, where);
        opRef(item.variable.initializer_name, where);
        ref(item.variable.snapshot_name, where);
        const init = defined.get(item.variable.initializer_name)!;
        if (dataInputs(init).length < 2) throw new DataLossError(`${file}: ${where}: initializer '${init.name}' must be an op with the variable and its initial value as inputs`);
      } else if ('tensor' in item) ref(item.tensor, where);
      else if ('operation' in item) opRef(item.operation, where);
    });
  }
  for (const [key, sig] of Object.entries(meta.signature_def)) {
    for (const [k, info] of Object.entries(sig.inputs)) ref(info.name, `signature '${key}' input '${k}'`);
    for (const [k, info] of Object.entries(sig.outputs)) ref(info.name, `signature '${key}' output '${k}'`);
  }
  if (meta.main_op !== null) opRef(meta.main_op, 'main_op');
}

/**
 * Recreates the meta graph's ops in `graph` with their exact names, then its collections
 * (Variables rebuilt around their ops). Call checkImportable first.
 */
export function importMetaGraph(graph: Graph, meta: MetaGraph, file: string): void {
  // Rehearse in a scratch graph first: a node that cannot be recreated (or whose inferred
  // shapes contradict the saved ones) fails there, leaving the caller's graph untouched.
  createNodes(new Graph(), meta, file);
  createNodes(graph, meta, file);
  if (meta.graph_def.seed !== null && graph.seed === null) graph.seed = meta.graph_def.seed;
  const variables = new Map<string, Variable>();
  for (const [key, items] of Object.entries(meta.collection_def)) {
    for (const item of items) graph.add_to_collection(key, rebuildItem(graph, item, variables));
  }
}

function createNodes(graph: Graph, meta: MetaGraph, file: string): void {
  createNodesFrom(graph, meta.graph_def.node, file, {});
}

/** How import_graph_def places nodes: names under `prefix/`, some inputs replaced by existing tensors. */
export interface NodeImportOptions {
  prefix?: string;
  /** Stored tensor name ('op:index') -> the tensor that replaces it. */
  inputMap?: ReadonlyMap<string, Tensor>;
}

/**
 * Creates the nodes (in an order where every input exists) through create_op, the one
 * way an op is made: attrs re-bound by the schema (defaults filled in), shapes inferred
 * and checked against the stored `_output_shapes`.
 */
export function createNodesFrom(graph: Graph, nodes: readonly NodeDef[], file: string, options: NodeImportOptions): Operation[] {
  const prefix = options.prefix ? options.prefix + '/' : '';
  const inputMap = options.inputMap ?? new Map<string, Tensor>();
  const created: Operation[] = [];
  for (const node of nodes) {
    const controls = controlInputs(node).map((name) => graph.get_operation_by_name(prefix + name));
    const attrs = nodeAttrs(node, file);
    let op: Operation;
    try {
      // Inside the try: without _output_shapes, an output index out of range is found only here.
      const inputs = dataInputs(node).map((name) => inputMap.get(name) ?? graph.get_tensor_by_name(prefix + name));
      // Control inputs are exactly the stored ones, whatever scopes the caller is in.
      op = graph.control_dependencies(null, () => graph.control_dependencies(controls,
        () => graph.create_op(node.op, inputs, attrs, prefix + node.name + '/')));
    } catch (e) {
      throw new InvalidArgumentError(`${file}: cannot recreate node '${node.name}' (op ${node.op}): ${(e as Error).message}`);
    }
    checkOutputs(op, node, file);
    created.push(op);
  }
  return created;
}

function rebuildItem(graph: Graph, item: MetaGraph['collection_def'][string][number], variables: Map<string, Variable>): unknown {
  if ('variable' in item) {
    const def = item.variable;
    let v = variables.get(def.variable_name);
    if (!v) {
      const op = graph.get_tensor_by_name(def.variable_name).op;
      v = _variableFromOps(op, graph.get_operation_by_name(def.initializer_name), graph.get_tensor_by_name(def.snapshot_name), def.trainable);
      variables.set(def.variable_name, v);
    }
    return v;
  }
  if ('tensor' in item) return graph.get_tensor_by_name(item.tensor);
  if ('operation' in item) return graph.get_operation_by_name(item.operation);
  return item.value;
}

/**
 * The recreated op must agree with the output shapes the saving process recorded. The
 * saved static shape may be more precise than the op's own inference (public functions
 * refine shapes from constant operands, as TF1's set_shape), so it is merged in; a
 * conflict means the op type behaves differently in this process.
 */
function checkOutputs(op: Operation, node: NodeDef, file: string): void {
  const saved = outputShapes(node, file);
  if (saved === null) return;
  const got = op.outputs;
  if (got.length !== saved.length) {
    throw new InvalidArgumentError(`${file}: node '${node.name}' (op ${node.op}) has ${got.length} output(s) here but ${saved.length} when saved`);
  }
  got.forEach((t: Tensor, i) => {
    let merged: StaticShape;
    try { merged = mergeStatic(t.shape, saved[i], node.name); } catch {
      throw new InvalidArgumentError(`${file}: output ${i} of node '${node.name}' (op ${node.op}) has shape ${shapeToString(t.shape)} here ` +
        `but was saved with shape ${shapeToString(saved[i])}`);
    }
    t.set_shape(merged);
  });
}
