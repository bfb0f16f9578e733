import { Graph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { UnimplementedError, ValueError } from '../framework/errors';
import { Variable } from '../ops/variables';
import { toAttrValue } from '../framework/node_def';
import { opRegistry } from '../registry/op_registry';
import { encodeAttrValue, encodeNodeDef } from './node_def_codec';
import { CollectionItem, MetaGraph, NodeDef, SignatureDef, TENSORGRAPH_VERSION } from './meta_graph';
import { checkSignatureMap } from './signature_def_utils';

export interface MetaGraphOptions {
  tags: string[];
  signature_def_map?: Record<string, SignatureDef>;
  assets?: string[];
  main_op?: Operation | null;
  strip_default_attrs?: boolean;
}

/**
 * Every op of the graph, in creation order (which is topological), as its NodeDef, with
 * TF's internal `_output_shapes` attr (what export_meta_graph's add_shapes writes): the
 * loader checks the recreated ops against it and merges it in. With stripDefaults, attrs
 * equal to their schema's default are left out, as TF's strip_default_attrs does; the
 * importer's create_op fills them back.
 */
export function serializeNodes(graph: Graph, stripDefaults = false): NodeDef[] {
  return graph.get_operations().map((op) => {
    refuseSubgraphOps(op);
    const node = op.node_def;
    if (stripDefaults) stripDefaultAttrs(node);
    node.attr._output_shapes = toAttrValue('list(shape)', op.outputs.map((t) => t.shape));
    return node;
  });
}

/**
 * tf.cond and tf.while_loop ops name their branches and bodies, which live in memory beside the graph; TensorFlow
 * files keep such bodies as a FunctionDef library, which tensorgraph does not write yet. Refusing here, before
 * anything is written, beats a file whose If/While nodes no loader could run.
 */
const SUBGRAPH_OP_TYPES = new Set(['If', 'StatelessIf', 'While', 'StatelessWhile', 'WhileGrad']);
function refuseSubgraphOps(op: Operation): void {
  if (!SUBGRAPH_OP_TYPES.has(op.type)) return;
  throw new UnimplementedError(`Cannot serialize node '${op.name}' (${op.type}): the bodies of tf.cond / tf.while_loop are ` +
    `sub-graphs that tensorgraph does not yet write as a FunctionDef library. Save a graph without control flow ` +
    `(e.g. rebuild the inference part with tf.nn.static_rnn or a Python-side branch), or save the variables only ` +
    `(saver.save(sess, path, {write_meta_graph: false}) is not affected)`, op.name);
}

/** Throws serializeNodes' error before anything is written, for writers that write variables first. */
export function assertSerializable(graph: Graph): void {
  for (const op of graph.get_operations()) refuseSubgraphOps(op);
}

function stripDefaultAttrs(node: NodeDef): void {
  const def = opRegistry().get(node.op);
  for (const [key, spec] of Object.entries(def.attrs)) {
    if (spec.default === undefined || !(key in node.attr)) continue;
    const fallback = JSON.stringify(encodeAttrValue(toAttrValue(spec.type, spec.default)));
    if (JSON.stringify(encodeAttrValue(node.attr[key])) === fallback) delete node.attr[key];
  }
}

/** The meta graph as the JSON a file stores: NodeDefs' tensors as TensorProtos. */
export function encodeMetaGraph(meta: MetaGraph): Record<string, unknown> {
  return { ...meta, graph_def: { ...meta.graph_def, node: meta.graph_def.node.map(encodeNodeDef) } };
}

/**
 * The collections a loaded graph needs to work like the saved one: items that are
 * Variables, Tensors, Operations or plain scalars. Anything else (a Python-side object
 * in TF) cannot be rebuilt from a file, so it is left out with a warning, as TF does.
 */
export function serializeCollections(graph: Graph): Record<string, CollectionItem[]> {
  const out: Record<string, CollectionItem[]> = {};
  for (const key of graph.get_all_collection_keys()) {
    const items: CollectionItem[] = [];
    let skipped = 0;
    for (const item of graph.get_collection(key)) {
      const encoded = encodeCollectionItem(item, graph);
      if (encoded) items.push(encoded); else skipped++;
    }
    if (skipped > 0) {
      console.warn(`WARNING:tensorgraph: collection '${key}': ${skipped} item(s) that are not Variables, Tensors, ` +
        `Operations or scalars were not saved`);
    }
    if (items.length > 0) out[key] = items;
  }
  return out;
}

function encodeCollectionItem(item: unknown, graph: Graph): CollectionItem | null {
  if (item instanceof Variable) {
    if (item.graph !== graph) return null;
    return {
      variable: {
        variable_name: item.name,
        initializer_name: item.initializer.name,
        snapshot_name: item._snapshot.name,
        trainable: item.trainable,
      },
    };
  }
  if (item instanceof Tensor) return item.graph === graph ? { tensor: item.name } : null;
  if (item instanceof Operation) return item.graph === graph ? { operation: item.name } : null;
  if (typeof item === 'string' || typeof item === 'boolean' || (typeof item === 'number' && Number.isFinite(item))) return { value: item };
  return null;
}

/** A MetaGraph of `graph` as it is now: later additions to the graph are not in it. */
export function serializeMetaGraph(graph: Graph, options: MetaGraphOptions): MetaGraph {
  const tags = checkTags(options.tags);
  const signatures = checkSignatureMap(options.signature_def_map ?? {}, graph);
  if (options.main_op && options.main_op.graph !== graph) {
    throw new ValueError(`main_op '${options.main_op.name}' is not an op of the graph being saved`);
  }
  return {
    meta_info_def: { tags, tensorgraph_version: TENSORGRAPH_VERSION, stripped_default_attrs: !!options.strip_default_attrs },
    graph_def: { node: serializeNodes(graph, !!options.strip_default_attrs), seed: graph.seed },
    collection_def: serializeCollections(graph),
    signature_def: signatures,
    asset_file_def: (options.assets ?? []).map((filename) => ({ filename })),
    main_op: options.main_op ? options.main_op.name : null,
  };
}

export function checkTags(tags: unknown): string[] {
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t === '')) {
    throw new ValueError(`tags must be an array of non-empty strings such as [tag_constants.SERVING]; got ${JSON.stringify(tags)}`);
  }
  return [...tags];
}
