import { upgradeLegacyNodes } from './legacy_graphs';
import { fromBinary } from '@bufbuild/protobuf';
import { get_default_graph, Graph } from '../../framework/graph';
import { Operation } from '../../framework/operation';
import { Tensor } from '../../framework/tensor';
import { NodeDef } from '../../framework/node_def';
import { nodeDefFromProto } from '../../framework/graph_def_proto';
import { DataLossError, NotFoundError, ValueError } from '../../framework/errors';
import { bindArgs, isOptionsObject } from '../../framework/python_args';
import { opRegistry } from '../../registry/op_registry';
import { GraphDef, GraphDefSchema } from '../../proto/tensorflow/core/framework/graph_pb';
import { createNodesFrom } from '../graph_importer';

const WHERE = 'import_graph_def';

interface ImportArgs {
  graph_def: GraphDef | Uint8Array;
  input_map: Record<string, Tensor> | null;
  return_elements: string[] | null;
  name: string | null;
  op_dict: unknown;
  producer_op_list: unknown;
}

/**
 * TF1's tf.import_graph_def(graph_def, input_map=None, return_elements=None, name=None,
 * op_dict=None, producer_op_list=None): adds a tensorflow.GraphDef (message or its bytes)
 * to the default graph under the scope `name` ('import' by default, made unique).
 * op_dict and producer_op_list are accepted and ignored, as TF 1.x deprecates them.
 */
export function import_graph_def(...args: unknown[]): (Tensor | Operation)[] | null {
  const names: (keyof ImportArgs & string)[] = ['graph_def', 'input_map', 'return_elements', 'name', 'op_dict', 'producer_op_list'];
  // A trailing plain object is the keywords, unless it is input_map given positionally (its values are Tensors).
  const last = args[args.length - 1];
  const isMap = (args.length === 2 && isOptionsObject(last) && Object.keys(last).length > 0 && Object.values(last).every((v) => v instanceof Tensor)) ||
    (isOptionsObject(last) && '$typeName' in last); // a protobuf message is a plain object too
  const a = bindArgs<ImportArgs>('import_graph_def', isMap ? [...args, {}] : args, names, {}, 1);
  const message = a.graph_def instanceof Uint8Array ? decodeGraphDef(a.graph_def) : a.graph_def;
  if (!message || (message as { $typeName?: string }).$typeName !== 'tensorflow.GraphDef') {
    throw new TypeError('import_graph_def: graph_def must be a tensorflow.GraphDef message or its serialized bytes');
  }
  const nodes = topologicalOrder(upgradeLegacyNodes(message.node.map((n) => nodeDefFromProto(n, WHERE)), message.versions?.producer ?? 0));
  for (const node of nodes) {
    if (!opRegistry().has(node.op)) {
      throw new NotFoundError(`Op type not registered '${node.op}' in binary running on tensorgraph. ` +
        `Make sure the Op and Kernel are registered in the binary running in this process. (node ${node.name})`);
    }
  }
  const graph = get_default_graph();
  const inputMap = new Map<string, Tensor>();
  for (const [key, t] of Object.entries(a.input_map ?? {})) {
    if (!(t instanceof Tensor)) throw new TypeError(`input_map values must be Tensors; '${key}' maps to ${String(t)}`);
    if (t.graph !== graph) throw new ValueError(`input_map's tensor for '${key}' is from a different graph`);
    inputMap.set(/:\d+$/.test(key) ? key : `${key}:0`, t);
  }
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const key of inputMap.keys()) {
    if (!byName.has(key.replace(/:\d+$/, ''))) {
      throw new ValueError(`Attempted to map inputs that were not found in graph_def: [${key}]`);
    }
  }
  const name = a.name ?? 'import';
  // A rehearsal in a scratch graph: a graph_def that cannot be built leaves the caller's graph untouched.
  if (inputMap.size === 0) createNodesFrom(new Graph(), nodes, WHERE, {});
  return graph.name_scope(name === '' ? null : name, (scope) => {
    const prefix = scope.replace(/\/$/, '');
    createNodesFrom(graph, nodes, WHERE, { prefix, inputMap });
    if (a.return_elements === null || a.return_elements === undefined) return null;
    return a.return_elements.map((el) => {
      const opName = el.replace(/:\d+$/, '');
      if (!byName.has(opName)) throw new ValueError(`Requested return_element '${el}' not found in graph_def.`);
      const full = prefix ? `${prefix}/${el}` : el;
      return el.includes(':') ? graph.get_tensor_by_name(full) : graph.get_operation_by_name(full);
    });
  });
}

function decodeGraphDef(bytes: Uint8Array): GraphDef {
  try { return fromBinary(GraphDefSchema, bytes); } catch (e) {
    throw new DataLossError(`${WHERE}: the bytes are not a tensorflow.GraphDef: ${(e as Error).message}`);
  }
}

/**
 * GraphDefs need not list producers first; nodes in an order where each one's inputs
 * (data and control) come before it, keeping the stored order where it already does.
 */
export function topologicalOrder(nodes: NodeDef[]): NodeDef[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const out: NodeDef[] = [];
  const visit = (root: NodeDef) => {
    // Iterative DFS: long chains (thousands of nodes) would overflow the JS stack.
    const stack: [NodeDef, number][] = [[root, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const [node, i] = top;
      if (i === 0) {
        if (state.get(node.name) === 'done') { stack.pop(); continue; }
        state.set(node.name, 'visiting');
      }
      if (i < node.input.length) {
        top[1]++;
        const dep = byName.get(node.input[i].replace(/^\^/, '').replace(/:\d+$/, ''));
        if (!dep) continue; // a missing input is reported when the node is created
        const s = state.get(dep.name);
        if (s === 'visiting') throw new ValueError(`${WHERE}: the graph_def has a cycle through node '${dep.name}' (while loops are not supported)`);
        if (s !== 'done') stack.push([dep, 0]);
        continue;
      }
      state.set(node.name, 'done');
      out.push(node);
      stack.pop();
    }
  };
  for (const n of nodes) visit(n);
  return out;
}
