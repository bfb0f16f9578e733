import * as fs from 'fs';
import * as path from 'path';
import { RuntimeError } from '../../framework/errors';
import type { Session } from '../../session/session';
import { readSavedModelProto } from '../tf_bundle/proto_files';
import { TfBundleReader } from '../tf_bundle/bundle_reader';
import { MetaGraph } from '../meta_graph';
import { checkImportable, importMetaGraph, savedVariables } from '../graph_importer';
import { assignAll, readCheckedValues } from '../restore';
import { logInfo } from '../log';
import { metaGraphFromProto } from './meta_graph_proto';
import './io_kernels';

/** TensorFlow's SavedModel file name (tensorflow.SavedModel protobuf). */
export const TF_SAVED_MODEL_FILENAME = 'saved_model.pb';

export function isTfSavedModelDir(exportDir: string): boolean {
  return fs.existsSync(path.join(exportDir, TF_SAVED_MODEL_FILENAME));
}

/**
 * tf.saved_model.loader.load on a directory Python TF wrote: the MetaGraphDef whose tag set is
 * `tags`, imported through the same importer as tensorgraph's own format; the variables read
 * from variables/variables (a tensor bundle) and checked before the graph changes, then
 * assigned; then the main_op / legacy_init_op. Returns the meta graph (signature_def included).
 */
export function loadTfSavedModel(sess: Session, tags: string[], exportDir: string): MetaGraph {
  const file = path.join(exportDir, TF_SAVED_MODEL_FILENAME);
  const proto = readSavedModelProto(file);
  const sameSet = (a: readonly string[]) => a.length === tags.length && [...a].sort().join('\0') === [...tags].sort().join('\0');
  const found = proto.metaGraphs.find((m) => sameSet(m.metaInfoDef?.tags ?? []));
  if (!found) {
    const available = proto.metaGraphs.map((m) => `[${(m.metaInfoDef?.tags ?? []).map((t) => `'${t}'`).join(', ')}]`).join(', ');
    throw new RuntimeError(`MetaGraphDef associated with tags ${tags.map((t) => `'${t}'`).join(', ')} could not be found in SavedModel. ` +
      `To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: \`saved_model_cli\` (available tag-sets: ${available || 'none'})`);
  }
  const meta = metaGraphFromProto(found, file);
  checkImportable(sess.graph, meta, file);
  const vars = savedVariables(meta, file);
  let values = new Map();
  if (vars.length > 0) {
    const prefix = path.join(exportDir, 'variables', 'variables');
    values = readCheckedValues(TfBundleReader.open(prefix), vars.map((v) => ({ key: v.name, variable: v })));
    logInfo(`Restoring parameters from ${prefix}`);
  }
  importMetaGraph(sess.graph, meta, file);
  assignAll(sess, values);
  if (meta.main_op !== null) sess.run(sess.graph.get_operation_by_name(meta.main_op));
  return meta;
}
