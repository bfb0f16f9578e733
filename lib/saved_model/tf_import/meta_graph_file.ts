import * as fs from 'fs';
import { readMetaGraphDefProto } from '../tf_bundle/proto_files';
import { META_GRAPH_MAGIC, MetaGraph } from '../meta_graph';
import type { SaverDef } from '../meta_graph_file';
import type { SaverDef as SaverDefProto } from '../../proto/tensorflow/core/protobuf/saver_pb';
import { metaGraphFromProto } from './meta_graph_proto';
import { checkpointKeysFromRestoreOp } from './saver_def_keys';

/** Whether `file` is a TensorFlow .meta (a tensorflow.MetaGraphDef), not tensorgraph's TGMETAGR container. */
export function isTfMetaGraphFile(file: string): boolean {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try { head = Buffer.alloc(META_GRAPH_MAGIC.length); fs.readSync(fd, head, 0, head.length, 0); } finally { fs.closeSync(fd); }
  } catch { return false; } // a missing file is reported by the reader of our own format
  return head.toString('latin1') !== META_GRAPH_MAGIC;
}

/**
 * A TF-written .meta as import_meta_graph's input: the graph as a MetaGraph, and a saver
 * over its variables keyed by their op names (TF's Saver's default checkpoint keys).
 */
export function readTfMetaGraphFile(file: string): { file: string; meta: MetaGraph; saver: SaverDef & { tf_saver_def: SaverDefProto | null } } {
  const proto = readMetaGraphDefProto(file);
  const meta = metaGraphFromProto(proto, file);
  const var_keys: Record<string, string> = {};
  for (const item of meta.collection_def['variables'] ?? []) {
    if ('variable' in item) {
      const op = item.variable.variable_name.replace(/:\d+$/, '');
      var_keys[op] = op;
    }
  }
  // A Saver with its own keys (a dict var_list) says them only in its restore ops.
  const fromRestoreOps = proto.saverDef ? checkpointKeysFromRestoreOp(meta.graph_def.node, proto.saverDef.restoreOpName) : null;
  return { file, meta, saver: { var_keys: fromRestoreOps && Object.keys(fromRestoreOps).length > 0 ? fromRestoreOps : var_keys, max_to_keep: proto.saverDef?.maxToKeep || 5, tf_saver_def: proto.saverDef ?? null } };
}
