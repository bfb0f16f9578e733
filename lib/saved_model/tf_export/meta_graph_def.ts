import { create } from '@bufbuild/protobuf';
import { anyPack } from '@bufbuild/protobuf/wkt';
import { Graph } from '../../framework/graph';
import { nodeDefToProto } from '../../framework/graph_def_proto';
import { BUILTIN_OPS } from '../../ops/builtin';
import { GraphDef, GraphDefSchema } from '../../proto/tensorflow/core/framework/graph_pb';
import { DataType } from '../../proto/tensorflow/core/framework/types_pb';
import { TensorShapeProtoSchema } from '../../proto/tensorflow/core/framework/tensor_shape_pb';
import {
  AssetFileDefSchema, CollectionDef, CollectionDefSchema, MetaGraphDef, MetaGraphDefSchema, MetaGraphDef_MetaInfoDefSchema,
  SignatureDefSchema, TensorInfo as TensorInfoProto, TensorInfoSchema,
} from '../../proto/tensorflow/core/protobuf/meta_graph_pb';
import type { SaverDef } from '../../proto/tensorflow/core/protobuf/saver_pb';
import { serializeCollections, serializeNodes } from '../graph_serializer';
import type { CollectionItem, SignatureDef, TensorInfo } from '../meta_graph';
import { tfDataType } from '../../framework/node_def';
import { encodeVariableDef } from './variable_def';
import { LOWERED_OP_TYPES, lowerToTfOps } from './lower_ops';

/** The GraphDef producer version written, as graph.as_graph_def() writes it. */
export const TF_GRAPH_DEF_PRODUCER = 26;

/** Built-in op types that are TensorFlow's (all but the ones an export lowers). */
const TF_OP_TYPES = new Set(BUILTIN_OPS.map((o) => o.name).filter((n) => !LOWERED_OP_TYPES.includes(n)));

export interface ExportOptions {
  tags?: string[];
  saver_def?: SaverDef | null;
  signature_def_map?: Record<string, SignatureDef>;
  /** Asset file names (in export_dir/assets) and the Const tensors holding their paths. */
  assets?: { filename: string; tensor: string }[];
  main_op?: string | null;
  legacy_init_op?: string | null;
  strip_default_attrs?: boolean;
}

/**
 * The graph as TensorFlow's GraphDef: every node with its complete attrs (or without those
 * equal to the OpDef's defaults), `_output_shapes` as export_meta_graph's add_shapes writes
 * it, tensorgraph's own op types lowered to TF ops (lower_ops.ts).
 */
export function exportGraphDef(graph: Graph, options: { strip_default_attrs?: boolean; add_shapes?: boolean } = {}): GraphDef {
  const nodes = serializeNodes(graph, !!options.strip_default_attrs);
  if (options.add_shapes === false) for (const n of nodes) delete n.attr._output_shapes;
  return create(GraphDefSchema, {
    node: lowerToTfOps(nodes, (type) => TF_OP_TYPES.has(type)).map(nodeDefToProto),
    versions: { producer: TF_GRAPH_DEF_PRODUCER },
  });
}

/** A tensorflow.MetaGraphDef of the graph as it is now (a `.meta` file, or one of saved_model.pb's). */
export function exportMetaGraphDef(graph: Graph, options: ExportOptions = {}): MetaGraphDef {
  const collectionDef = exportCollections(serializeCollections(graph));
  if (options.main_op) collectionDef['saved_model_main_op'] = nodeList([options.main_op]);
  if (options.legacy_init_op) collectionDef['legacy_init_op'] = nodeList([options.legacy_init_op]);
  const assets = options.assets ?? [];
  const assetFileDefs = assets.map((a) => create(AssetFileDefSchema, {
    filename: a.filename,
    tensorInfo: create(TensorInfoSchema, { encoding: { case: 'name', value: a.tensor }, dtype: DataType.DT_STRING }),
  }));
  if (assets.length > 0) {
    collectionDef['asset_filepaths'] = nodeList(assets.map((a) => a.tensor));
    // TF 1.x loaders find assets here (Any-wrapped AssetFileDefs); TF >= 1.15 also reads asset_file_def.
    collectionDef['saved_model_assets'] = create(CollectionDefSchema, {
      kind: { case: 'anyList', value: { value: assetFileDefs.map((d) => anyPack(AssetFileDefSchema, d)) } },
    });
  }
  const signatureDef = Object.fromEntries(Object.entries(options.signature_def_map ?? {}).map(([key, sig]) => [key, create(SignatureDefSchema, {
    inputs: mapValues(sig.inputs, tensorInfoProto), outputs: mapValues(sig.outputs, tensorInfoProto), methodName: sig.method_name,
  })]));
  return create(MetaGraphDefSchema, {
    metaInfoDef: create(MetaGraphDef_MetaInfoDefSchema, {
      tags: options.tags ?? [],
      strippedDefaultAttrs: !!options.strip_default_attrs,
    }),
    graphDef: exportGraphDef(graph, { strip_default_attrs: options.strip_default_attrs }),
    saverDef: options.saver_def ?? undefined,
    collectionDef,
    signatureDef,
    assetFileDef: assetFileDefs,
  });
}

function mapValues<A, B>(m: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v)]));
}

function tensorInfoProto(info: TensorInfo): TensorInfoProto {
  const shape = info.tensor_shape;
  return create(TensorInfoSchema, {
    encoding: { case: 'name', value: info.name },
    dtype: DataType[tfDataType(info.dtype) as keyof typeof DataType],
    tensorShape: create(TensorShapeProtoSchema, shape.unknown_rank ? { unknownRank: true }
      : { dim: shape.dim.map((d) => ({ size: BigInt(d.size) })) }),
  });
}

function nodeList(names: string[]): CollectionDef {
  return create(CollectionDefSchema, { kind: { case: 'nodeList', value: { value: names } } });
}

/**
 * Collections as TF writes them: Variables as VariableDef bytes, tensors and operations as
 * node names, numbers as int64 or float lists, strings as bytes. A collection mixing kinds has
 * no TF encoding and is left out with a warning (TF's export warns and skips it too).
 */
function exportCollections(collections: Record<string, CollectionItem[]>): Record<string, CollectionDef> {
  const out: Record<string, CollectionDef> = {};
  const utf8 = new TextEncoder();
  for (const [key, items] of Object.entries(collections)) {
    const kinds = new Set(items.map((it) => ('value' in it ? typeof it.value : 'variable' in it ? 'variable' : 'node')));
    const kind = kinds.size === 1 ? [...kinds][0] : 'mixed';
    const values = items.map((it) => ('value' in it ? it.value : null));
    if (kind === 'variable') {
      out[key] = create(CollectionDefSchema, { kind: { case: 'bytesList', value: { value: items.map((it) => encodeVariableDef((it as { variable: never }).variable)) } } });
    } else if (kind === 'node') {
      out[key] = nodeList(items.map((it) => ('tensor' in it ? it.tensor : (it as { operation: string }).operation)));
    } else if (kind === 'number' && values.every((v) => Number.isInteger(v))) {
      out[key] = create(CollectionDefSchema, { kind: { case: 'int64List', value: { value: values.map((v) => BigInt(v as number)) } } });
    } else if (kind === 'number') {
      out[key] = create(CollectionDefSchema, { kind: { case: 'floatList', value: { value: values as number[] } } });
    } else if (kind === 'string') {
      out[key] = create(CollectionDefSchema, { kind: { case: 'bytesList', value: { value: values.map((v) => utf8.encode(v as string)) } } });
    } else {
      console.warn(`WARNING:tensorgraph: collection '${key}' mixes kinds of items (${[...kinds].join(', ')}); TensorFlow's format cannot hold it, not saved`);
    }
  }
  return out;
}

