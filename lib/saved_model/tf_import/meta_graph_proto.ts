import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { DataLossError } from '../../framework/errors';
import { dtypeFromTf } from '../../framework/node_def';
import { nodeDefFromProto } from '../../framework/graph_def_proto';
import { DataType } from '../../proto/tensorflow/core/framework/types_pb';
import type { MetaGraphDef, TensorInfo as TensorInfoProto } from '../../proto/tensorflow/core/protobuf/meta_graph_pb';
import type { CollectionItem, MetaGraph, TensorInfo, VariableDef } from '../meta_graph';
import { topologicalOrder } from './import_graph_def';
import { upgradeLegacyNodes } from './legacy_graphs';

/*
 * A tensorflow.MetaGraphDef (a .meta file, or one of a saved_model.pb's) as the MetaGraph that
 * tensorgraph's own loader imports (graph_importer.ts): one import path for both formats.
 */

/** Collections of VariableDef protos (bytes_list), as TF1's ops.GraphKeys registers them. */
const VARIABLE_COLLECTIONS = new Set(['variables', 'trainable_variables', 'local_variables', 'model_variables', 'moving_average_variables', 'metric_variables']);
/** TF1's keys for the op a loader runs after restoring (saved_model main_op, then legacy_init_op). */
const MAIN_OP_KEYS = ['saved_model_main_op', 'legacy_init_op'];

export function metaGraphFromProto(m: MetaGraphDef, file: string): MetaGraph {
  const nodes = topologicalOrder(upgradeLegacyNodes((m.graphDef?.node ?? []).map((n) => nodeDefFromProto(n, file)), m.graphDef?.versions?.producer ?? 0));
  const trainable = new Set<string>();
  const tv = m.collectionDef['trainable_variables']?.kind;
  if (tv?.case === 'bytesList') for (const b of tv.value.value) trainable.add(decodeVariableDef(b, file).variable_name);
  const collection_def: Record<string, CollectionItem[]> = {};
  let main_op: string | null = null;
  for (const [key, def] of Object.entries(m.collectionDef)) {
    const kind = def.kind;
    if (MAIN_OP_KEYS.includes(key)) {
      if (kind.case === 'nodeList' && kind.value.value.length > 0 && main_op === null) main_op = kind.value.value[0];
      continue;
    }
    if (kind.case === 'nodeList') {
      collection_def[key] = kind.value.value.map((n) => (/:\d+$/.test(n) ? { tensor: n } : { operation: n }));
    } else if (kind.case === 'bytesList' && VARIABLE_COLLECTIONS.has(key)) {
      collection_def[key] = kind.value.value.map((b) => {
        const v = decodeVariableDef(b, file);
        return { variable: { ...v, trainable: v.trainable || trainable.has(v.variable_name) } };
      });
    } else if (kind.case === 'int64List') {
      collection_def[key] = kind.value.value.map((v) => ({ value: Number(v) }));
    } else if (kind.case === 'floatList') {
      collection_def[key] = kind.value.value.map((v) => ({ value: v }));
    }
    // Other bytes_list/any_list collections (while/cond contexts, Any-wrapped assets, queue
    // runners) describe Python objects tensorgraph does not rebuild; they are left out.
  }
  const signature_def: MetaGraph['signature_def'] = {};
  for (const [key, sig] of Object.entries(m.signatureDef)) {
    const infos = (map: Record<string, TensorInfoProto>) =>
      Object.fromEntries(Object.entries(map).map(([k, info]) => [k, tensorInfo(info, `${file}: signature '${key}' '${k}'`)]));
    signature_def[key] = { inputs: infos(sig.inputs), outputs: infos(sig.outputs), method_name: sig.methodName };
  }
  return {
    meta_info_def: { tags: m.metaInfoDef?.tags.slice() ?? [], tensorgraph_version: '', stripped_default_attrs: m.metaInfoDef?.strippedDefaultAttrs ?? false },
    graph_def: { node: nodes, seed: null },
    collection_def,
    signature_def,
    asset_file_def: m.assetFileDef.map((a) => ({ filename: a.filename })),
    main_op,
  };
}

function tensorInfo(info: TensorInfoProto, where: string): TensorInfo {
  if (info.encoding.case !== 'name') throw new DataLossError(`${where}: only dense tensors (TensorInfo.name) are supported`);
  let dtype;
  // A ref output (an Assign's) is listed with its _REF dtype (value + 100); the value is what a fetch gives.
  const dt = info.dtype > 100 ? info.dtype - 100 : info.dtype;
  try { dtype = dtypeFromTf(DataType[dt] ?? `DT_INVALID(${info.dtype})`, where); } catch (e) { throw new DataLossError((e as Error).message); }
  const shape = info.tensorShape;
  return {
    name: info.encoding.value, dtype,
    tensor_shape: shape?.unknownRank ? { dim: [], unknown_rank: true } : { dim: (shape?.dim ?? []).map((d) => ({ size: Number(d.size) })) },
  };
}

/**
 * tensorflow.VariableDef (variable.proto), not in lib/proto's subset: variable_name = 1,
 * initializer_name = 2, snapshot_name = 3, trainable = 7 (TF >= 1.14; older files say it by
 * membership in trainable_variables). Other fields are skipped.
 */
export function decodeVariableDef(bytes: Uint8Array, file: string): VariableDef {
  const out: VariableDef = { variable_name: '', initializer_name: '', snapshot_name: '', trainable: false };
  try {
    const r = new BinaryReader(bytes);
    while (r.pos < r.len) {
      const [field, wire] = r.tag();
      if (field === 1 && wire === WireType.LengthDelimited) out.variable_name = r.string();
      else if (field === 2 && wire === WireType.LengthDelimited) out.initializer_name = r.string();
      else if (field === 3 && wire === WireType.LengthDelimited) out.snapshot_name = r.string();
      else if (field === 7 && wire === WireType.Varint) out.trainable = r.bool();
      else r.skip(wire, field);
    }
  } catch (e) {
    throw new DataLossError(`${file}: a VariableDef does not parse: ${(e as Error).message}`);
  }
  if (!out.variable_name) throw new DataLossError(`${file}: a VariableDef has no variable_name`);
  return out;
}
