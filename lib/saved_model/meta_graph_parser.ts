import { JsonChecker } from './validate';
import { parseNodeDef } from './node_def_codec';
import { CollectionItem, MetaGraph, SignatureDef, TensorInfo, VariableDef } from './meta_graph';

const TENSOR_NAME = /^(.+):(\d+)$/;

/**
 * Checks a stored MetaGraph field by field and returns it with its NodeDefs' tensors
 * decoded (Const values as NDArrays). References between nodes are checked by the importer.
 */
export function parseMetaGraph(json: unknown, c: JsonChecker, where: string): MetaGraph {
  const o = c.object(json, where);
  const info = c.object(o.meta_info_def, `${where}.meta_info_def`);
  const graphDef = c.object(o.graph_def, `${where}.graph_def`);
  const seed = graphDef.seed === null || graphDef.seed === undefined ? null : c.count(graphDef.seed, `${where}.graph_def.seed`, 2 ** 53);
  const collections = c.object(o.collection_def ?? {}, `${where}.collection_def`);
  const signatures = c.object(o.signature_def ?? {}, `${where}.signature_def`);
  const mainOp = o.main_op === null || o.main_op === undefined ? null : c.string(o.main_op, `${where}.main_op`);
  return {
    meta_info_def: {
      tags: c.stringArray(info.tags, `${where}.meta_info_def.tags`),
      tensorgraph_version: info.tensorgraph_version === undefined ? '' : c.string(info.tensorgraph_version, `${where}.meta_info_def.tensorgraph_version`),
      stripped_default_attrs: info.stripped_default_attrs === undefined ? false : c.boolean(info.stripped_default_attrs, `${where}.meta_info_def.stripped_default_attrs`),
    },
    graph_def: {
      node: c.array(graphDef.node, `${where}.graph_def.node`).map((n, i) => parseNodeDef(n, c, `${where}.graph_def.node[${i}]`)),
      seed,
    },
    collection_def: Object.fromEntries(Object.entries(collections).map(([k, items]) =>
      [k, c.array(items, `${where}.collection_def.${k}`).map((it, i) => parseCollectionItem(it, c, `${where}.collection_def.${k}[${i}]`))])),
    signature_def: Object.fromEntries(Object.entries(signatures).map(([k, s]) =>
      [k, parseSignature(s, c, `${where}.signature_def.${k}`)])),
    asset_file_def: c.array(o.asset_file_def ?? [], `${where}.asset_file_def`).map((a, i) => {
      const filename = c.string(c.object(a, `${where}.asset_file_def[${i}]`).filename, `${where}.asset_file_def[${i}].filename`);
      if (filename.includes('/') || filename.includes('\\') || filename === '..' || filename === '.') {
        c.fail(`${where}.asset_file_def[${i}].filename`, `must be a plain file name, got ${JSON.stringify(filename)}`);
      }
      return { filename };
    }),
    main_op: mainOp,
  };
}

function parseCollectionItem(json: unknown, c: JsonChecker, where: string): CollectionItem {
  const o = c.object(json, where);
  const keys = Object.keys(o);
  if (keys.length !== 1) c.fail(where, `must have exactly one of variable, tensor, operation, value; got ${JSON.stringify(keys)}`);
  if ('variable' in o) {
    const v = c.object(o.variable, `${where}.variable`);
    const def: VariableDef = {
      variable_name: c.string(v.variable_name, `${where}.variable.variable_name`),
      initializer_name: c.string(v.initializer_name, `${where}.variable.initializer_name`),
      snapshot_name: c.string(v.snapshot_name, `${where}.variable.snapshot_name`),
      trainable: c.boolean(v.trainable, `${where}.variable.trainable`),
    };
    if (!TENSOR_NAME.test(def.variable_name)) c.fail(`${where}.variable.variable_name`, `must be a tensor name, got ${JSON.stringify(def.variable_name)}`);
    if (!TENSOR_NAME.test(def.snapshot_name)) c.fail(`${where}.variable.snapshot_name`, `must be a tensor name, got ${JSON.stringify(def.snapshot_name)}`);
    return { variable: def };
  }
  if ('tensor' in o) {
    const t = c.string(o.tensor, `${where}.tensor`);
    if (!TENSOR_NAME.test(t)) c.fail(`${where}.tensor`, `must be a tensor name 'op:index', got ${JSON.stringify(t)}`);
    return { tensor: t };
  }
  if ('operation' in o) return { operation: c.string(o.operation, `${where}.operation`) };
  if ('value' in o) {
    const v = o.value;
    if (typeof v !== 'string' && typeof v !== 'boolean' && typeof v !== 'number') c.fail(`${where}.value`, 'must be a string, number or boolean');
    return { value: v as string | number | boolean };
  }
  return c.fail(where, `has unknown kind '${keys[0]}'`);
}

function parseSignature(json: unknown, c: JsonChecker, where: string): SignatureDef {
  const o = c.object(json, where);
  const side = (v: unknown, w: string) => Object.fromEntries(Object.entries(c.object(v ?? {}, w)).map(([k, info]) => [k, parseTensorInfo(info, c, `${w}.${k}`)]));
  return {
    inputs: side(o.inputs, `${where}.inputs`),
    outputs: side(o.outputs, `${where}.outputs`),
    method_name: o.method_name === undefined ? '' : c.string(o.method_name, `${where}.method_name`),
  };
}

function parseTensorInfo(json: unknown, c: JsonChecker, where: string): TensorInfo {
  const o = c.object(json, where);
  const name = c.string(o.name, `${where}.name`);
  if (!TENSOR_NAME.test(name)) c.fail(`${where}.name`, `must be a tensor name 'op:index', got ${JSON.stringify(name)}`);
  const shape = c.object(o.tensor_shape, `${where}.tensor_shape`);
  const unknownRank = shape.unknown_rank === undefined ? false : c.boolean(shape.unknown_rank, `${where}.tensor_shape.unknown_rank`);
  const dim = c.array(shape.dim ?? [], `${where}.tensor_shape.dim`).map((d, i) => {
    const size = c.object(d, `${where}.tensor_shape.dim[${i}]`).size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < -1) c.fail(`${where}.tensor_shape.dim[${i}].size`, `must be an integer >= -1, got ${JSON.stringify(size)}`);
    return { size: size as number };
  });
  return { name, dtype: c.dtype(o.dtype, `${where}.dtype`), tensor_shape: unknownRank ? { dim, unknown_rank: true } : { dim } };
}
