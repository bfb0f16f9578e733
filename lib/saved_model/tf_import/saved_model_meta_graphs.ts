import * as fs from 'fs';
import * as path from 'path';
import type { MetaGraph } from '../meta_graph';
import { readSavedModel, savedModelPath } from '../saved_model_file';
import { readSavedModelProto } from '../tf_bundle/proto_files';
import { metaGraphFromProto } from './meta_graph_proto';
import { isTfSavedModelDir, TF_SAVED_MODEL_FILENAME } from './saved_model_loader';

/**
 * The meta graphs of a SavedModel directory in either format (tensorgraph's saved_model.tgsm,
 * else TensorFlow's saved_model.pb), as loader.load chooses: for tools that only read them
 * (saved_model_cli show).
 */
export function readMetaGraphs(dir: string): MetaGraph[] {
  if (!fs.existsSync(savedModelPath(dir)) && isTfSavedModelDir(dir)) {
    const file = path.join(dir, TF_SAVED_MODEL_FILENAME);
    return readSavedModelProto(file).metaGraphs.map((m) => metaGraphFromProto(m, file));
  }
  return readSavedModel(dir).meta_graphs;
}
