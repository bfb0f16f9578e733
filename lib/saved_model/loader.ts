import * as fs from 'fs';
import { ValueError } from '../framework/errors';
import type { Session } from '../session/session';
import { MetaGraph } from './meta_graph';
import { findMetaGraph, readSavedModel, savedModelPath, variablesPrefix } from './saved_model_file';
import { checkImportable, importMetaGraph, savedVariables } from './graph_importer';
import { VariablesReader } from './variables_file';
import { assignAll, checkSession, readCheckedValues } from './restore';
import { checkTags } from './graph_serializer';
import { logInfo } from './log';
import { isTfSavedModelDir, loadTfSavedModel } from './tf_import/saved_model_loader';

/**
 * tf.saved_model.loader.load(sess, tags, export_dir): recreates the meta graph tagged
 * `tags` in sess.graph (same op names) and restores its variables into sess. Everything
 * is read and checked first: a bad model changes neither the graph nor the session.
 * Returns the meta graph (its signature_def map says how to call the model).
 */
export function load(sess: Session, tags: string[], export_dir: string): MetaGraph {
  checkSession(sess, 'loader.load');
  const wanted = checkTags(tags);
  if (typeof export_dir !== 'string' || export_dir === '') throw new ValueError(`loader.load needs an export directory path; got ${JSON.stringify(export_dir)}`);
  // A directory Python TF wrote has saved_model.pb (tensorflow.SavedModel) instead of saved_model.tgsm.
  if (!fs.existsSync(savedModelPath(export_dir)) && isTfSavedModelDir(export_dir)) return loadTfSavedModel(sess, wanted, export_dir);
  const contents = readSavedModel(export_dir);
  const meta = findMetaGraph(contents, wanted, export_dir);
  checkImportable(sess.graph, meta, contents.file);
  const vars = savedVariables(meta, contents.file);
  let values = new Map();
  if (vars.length > 0) {
    const prefix = variablesPrefix(export_dir);
    const reader = VariablesReader.open(prefix);
    values = readCheckedValues(reader, vars.map((v) => ({ key: v.name, variable: v })));
    logInfo(`Restoring parameters from ${prefix}`);
  }
  importMetaGraph(sess.graph, meta, contents.file);
  assignAll(sess, values);
  if (meta.main_op !== null) sess.run(sess.graph.get_operation_by_name(meta.main_op));
  return meta;
}

/** tf.saved_model.loader.maybe_saved_model_directory: whether export_dir holds a SavedModel file. */
export function maybe_saved_model_directory(export_dir: string): boolean {
  return typeof export_dir === 'string' && (fs.existsSync(savedModelPath(export_dir)) || isTfSavedModelDir(export_dir));
}
