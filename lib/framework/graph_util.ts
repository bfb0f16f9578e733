import { create } from '@bufbuild/protobuf';
import { GraphDef, GraphDefSchema } from '../proto/tensorflow/core/framework/graph_pb';
import { NodeDef, NodeDefSchema } from '../proto/tensorflow/core/framework/node_def_pb';
import { AttrValueSchema } from '../proto/tensorflow/core/framework/attr_value_pb';
import { NDArray } from './ndarray';
import { ValueError } from './errors';
import { pyfunc } from './python_args';
import { tensorToProto } from './graph_def_proto';
import { dtypeFromTf } from './node_def';
import { DataType } from '../proto/tensorflow/core/framework/types_pb';
import * as logging from './tf_logging';

/*
 * tf.graph_util (TF1's graph_util_impl): freezing a graph's variables into constants and
 * pruning a GraphDef to what some nodes need. They work on tensorflow.GraphDef messages
 * (graph.as_graph_def()); the session only reads the variables' values.
 */

/** The op name an input string refers to: 'x:1' and '^x' are node 'x'. */
function nodeName(input: string): string {
  return input.replace(/^\^/, '').replace(/:\d+$/, '');
}

/** The variable op types whose value a freeze turns into a Const. */
const VARIABLE_OPS = new Set(['Variable', 'VariableV2', 'VarHandleOp']);

function checkNodeNames(names: unknown, what: string): string[] {
  if (!Array.isArray(names)) throw new TypeError(`${what} must be a list.`);
  return names as string[];
}

/**
 * tf.graph_util.extract_sub_graph(graph_def, dest_nodes): the nodes dest_nodes need (through
 * data and control inputs), in the GraphDef's order.
 */
export const extract_sub_graph = pyfunc('extract_sub_graph', ['graph_def', 'dest_nodes'], 2,
  (graph_def: GraphDef, dest_nodes: string[]): GraphDef => {
    const dest = checkNodeNames(dest_nodes, 'dest_nodes');
    const byName = new Map(graph_def.node.map((n) => [n.name, n]));
    for (const d of dest) if (!byName.has(nodeName(d))) throw new ValueError(`${d} is not in graph`);
    const keep = new Set<string>();
    const pending = dest.map(nodeName);
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (keep.has(name)) continue;
      keep.add(name);
      for (const input of byName.get(name)?.input ?? []) pending.push(nodeName(input));
    }
    return create(GraphDefSchema, {
      node: graph_def.node.filter((n) => keep.has(n.name)).map((n) => create(NodeDefSchema, n)),
      versions: graph_def.versions, library: graph_def.library,
    });
  });

/**
 * tf.graph_util.convert_variables_to_constants(sess, input_graph_def, output_node_names,
 * variable_names_whitelist=None, variable_names_blacklist=None): the part of the graph the
 * output nodes need, with each variable (VariableV2, Variable, VarHandleOp) replaced by a Const
 * of its value in `sess` (a ReadVariableOp of one becomes an Identity), so the GraphDef runs
 * with no variables and no checkpoint ("freezing").
 */
export const convert_variables_to_constants = pyfunc('convert_variables_to_constants',
  ['sess', 'input_graph_def', 'output_node_names', 'variable_names_whitelist', 'variable_names_blacklist'], 3,
  (sess: { run(fetches: string[]): unknown }, input_graph_def: GraphDef, output_node_names: string[],
    variable_names_whitelist?: string[] | null, variable_names_blacklist?: string[] | null): GraphDef => {
    const inference = extract_sub_graph(input_graph_def, checkNodeNames(output_node_names, 'output_node_names'));
    const wanted = (name: string) => (!variable_names_whitelist || variable_names_whitelist.includes(name)) &&
      !(variable_names_blacklist ?? []).includes(name);
    const variables = inference.node.filter((n) => VARIABLE_OPS.has(n.op) && wanted(n.name));
    // One run reads them all, as TF's does; an uninitialized one fails it as in TF.
    const fetched = variables.length > 0 ? sess.run(variables.map((n) => `${n.name}:0`)) as unknown[] : [];
    const values = new Map(variables.map((n, i) => {
      const v = fetched[i];
      const dtype = n.attr.dtype?.value;
      // A 0-d fetch is a plain number or boolean: its dtype is the variable's.
      const array = v instanceof NDArray ? v
        : NDArray.scalar(v as number | boolean, dtypeFromTf(DataType[dtype?.case === 'type' ? dtype.value : DataType.DT_FLOAT], `variable '${n.name}'`));
      return [n.name, { array, dtype }] as const;
    }));
    logging.info(`Froze ${values.size} variables.`);
    const out = inference.node.map((n): NodeDef => {
      const frozen = values.get(n.name);
      if (frozen) {
        return create(NodeDefSchema, {
          name: n.name, op: 'Const', device: n.device,
          attr: { dtype: create(AttrValueSchema, { value: frozen.dtype! }), value: create(AttrValueSchema, { value: { case: 'tensor', value: tensorToProto(frozen.array) } }) },
        });
      }
      if (n.op === 'ReadVariableOp' && values.has(nodeName(n.input[0]))) {
        return create(NodeDefSchema, { name: n.name, op: 'Identity', input: n.input, device: n.device, attr: { T: n.attr.dtype } });
      }
      return create(NodeDefSchema, n);
    });
    logging.info(`Converted ${values.size} variables to const ops.`);
    return create(GraphDefSchema, { node: out, versions: inference.versions, library: inference.library });
  });

/**
 * tf.graph_util.remove_training_nodes(input_graph, protected_nodes=None): drops what only
 * training needs: CheckNumerics, and Identity nodes (not protected, without control inputs),
 * their consumers reading the Identity's input instead.
 */
export const remove_training_nodes = pyfunc('remove_training_nodes', ['input_graph', 'protected_nodes'], 1,
  (input_graph: GraphDef, protected_nodes?: string[] | null): GraphDef => {
    const keep = new Set(protected_nodes ?? []);
    const spliced = new Map<string, string>();
    for (const n of input_graph.node) {
      if (keep.has(n.name)) continue;
      const dataInputs = n.input.filter((i) => !i.startsWith('^'));
      if ((n.op === 'Identity' || n.op === 'CheckNumerics') && dataInputs.length === n.input.length && dataInputs.length === 1) {
        spliced.set(n.name, dataInputs[0]);
      }
    }
    // Follows chains of removed nodes to the input that stays.
    const resolve = (input: string): string => {
      const control = input.startsWith('^');
      let target = control ? input.slice(1) : input;
      while (spliced.has(nodeName(target)) && (/:0$/.test(target) || !/:\d+$/.test(target))) target = spliced.get(nodeName(target))!;
      return control ? `^${nodeName(target)}` : target;
    };
    return create(GraphDefSchema, {
      node: input_graph.node.filter((n) => !spliced.has(n.name)).map((n) => create(NodeDefSchema, { ...n, input: n.input.map(resolve) })),
      versions: input_graph.versions, library: input_graph.library,
    });
  });
