import * as fs from 'fs';
import * as path from 'path';
import { Graph } from '../framework/graph';
import { Operation } from '../framework/operation';
import { NDArray } from '../framework/ndarray';
import { AlreadyExistsError, FailedPreconditionError, NotFoundError, ValueError } from '../framework/errors';
import type { Session } from '../session/session';
import { callable } from '../framework/callable';
import { Variable } from '../ops/variables';
import { serializeMetaGraph } from './graph_serializer';
import { MetaGraph, SignatureDef, ASSETS_DIRECTORY, VARIABLES_DIRECTORY, VARIABLES_FILENAME, SAVED_MODEL_FILENAME } from './meta_graph';
import { encodeSavedModel } from './saved_model_file';
import { writeVariables } from './variables_file';
import { stagingPath, syncDirectory, writeFileSynced } from './atomic_write';
import { checkSession, readVariableValues } from './restore';
import { logInfo } from './log';
import { create, toBinary } from '@bufbuild/protobuf';
import { NDArray as Values } from '../framework/ndarray';
import { MetaGraphDef } from '../proto/tensorflow/core/protobuf/meta_graph_pb';
import { SavedModelSchema } from '../proto/tensorflow/core/protobuf/saved_model_pb';
import { writeTfBundle } from './tf_bundle/bundle_writer';
import { exportMetaGraphDef } from './tf_export/meta_graph_def';
import { saveSubgraphFor } from './tf_export/save_subgraph';
import { TF_SAVED_MODEL_FILENAME } from './tf_import/saved_model_loader';
import { CheckpointFormat, checkFormat } from './saver_impl';
import type { Saver } from './saver_impl';

export interface AddMetaGraphOptions {
  signature_def_map?: Record<string, SignatureDef>;
  /** Paths of files to copy into export_dir/assets (TF's assets_collection). */
  assets_collection?: string[];
  /** Op to run after a load restores the variables (TF's main_op; legacy_init_op is the same here). */
  main_op?: Operation | null;
  legacy_init_op?: Operation | null;
  /** Leave out attrs equal to their op schema's defaults, as TF does; a load fills them back. */
  strip_default_attrs?: boolean;
  clear_devices?: boolean;
  /** For add_meta_graph: the graph to store (default: the graph of the saved variables). */
  graph?: Graph;
  /** A tf.train.Saver whose save/restore ops the meta graph names (default: one over all variables, made once per graph). */
  saver?: Saver | null;
}

export interface SavedModelBuilderOptions {
  /**
   * tensorgraph's extension: 'tensorflow' (default) writes saved_model.pb (tensorflow.SavedModel)
   * and a tensor bundle; 'tensorgraph' writes the older saved_model.tgsm format, which the loader still reads.
   */
  format?: CheckpointFormat;
}

/**
 * tf.saved_model.builder.SavedModelBuilder: collects meta graphs (each a graph plus its
 * tags and signatures) sharing one set of variable values, and writes them with save().
 */
export class SavedModelBuilderImpl {
  private readonly metaGraphs: MetaGraph[] = [];
  private readonly metaGraphDefs: MetaGraphDef[] = [];
  private readonly format: CheckpointFormat;
  private variables: Map<string, NDArray> | null = null;
  private variablesGraph: Graph | null = null;
  private readonly assets = new Map<string, string>();
  private saved = false;

  constructor(readonly export_dir: string, options: SavedModelBuilderOptions = {}) {
    if (typeof export_dir !== 'string' || export_dir === '') throw new ValueError(`SavedModelBuilder needs an export directory path; got ${JSON.stringify(export_dir)}`);
    this.format = checkFormat(options.format);
    checkExportDirFree(export_dir);
  }

  /** Stores the session's graph and a snapshot of its global variables' values now, under `tags`. */
  add_meta_graph_and_variables(sess: Session, tags: string[], options: AddMetaGraphOptions = {}): void {
    checkSession(sess, 'add_meta_graph_and_variables');
    if (this.variables) {
      throw new FailedPreconditionError('Variables and assets have already been saved. Please invoke `add_meta_graph()` instead.');
    }
    const graph = sess.graph;
    const unique = new Map<string, Variable>();
    for (const v of graph.get_collection<Variable>('variables')) if (v instanceof Variable) unique.set(v.op.name, v);
    this.addMetaGraph(graph, tags, options, unique);
    // Read (as copies) now: the model is what the variables hold at this call, as in TF.
    const read = readVariableValues(sess, [...unique.values()]);
    const values = new Map([...unique.keys()].map((name, i) => [name, read[i]] as [string, NDArray]));
    this.variables = values;
    this.variablesGraph = graph;
  }

  /** Adds another meta graph that shares the variables saved by add_meta_graph_and_variables. */
  add_meta_graph(tags: string[], options: AddMetaGraphOptions = {}): void {
    if (!this.variables || !this.variablesGraph) {
      throw new FailedPreconditionError('Variables and assets have not been saved yet. Please invoke `add_meta_graph_and_variables()` first.');
    }
    const graph = options.graph ?? this.variablesGraph;
    const vars = new Map<string, Variable>();
    for (const v of graph.get_collection<Variable>('variables')) {
      if (v instanceof Variable && !this.variables.has(v.op.name)) {
        throw new ValueError(`add_meta_graph: variable '${v.op.name}' of this graph was not saved by add_meta_graph_and_variables`);
      }
      if (v instanceof Variable) vars.set(v.op.name, v);
    }
    this.addMetaGraph(graph, tags, options, vars);
  }

  private addMetaGraph(graph: Graph, tags: string[], options: AddMetaGraphOptions, vars: Map<string, Variable>): void {
    if (this.saved) throw new FailedPreconditionError(`SavedModelBuilder for ${this.export_dir} has already saved`);
    if (this.format === 'tensorgraph') { this.metaGraphs.push(this.metaGraphFor(graph, tags, options)); return; }
    const checked = serializeMetaGraph(graph, { tags, signature_def_map: options.signature_def_map, main_op: options.main_op ?? options.legacy_init_op ?? null });
    const assetNames = (options.assets_collection ?? []).map((file) => this.addAsset(file));
    if (assetNames.length === 0) logInfo('No assets to save.');
    // TF's loader feeds each asset's path into a string tensor of the graph (TF1 users make them with tf.constant).
    const assets = assetNames.map((filename, i) => ({
      filename,
      tensor: graph.control_dependencies(null, () => graph.create_op('Const', [], { value: Values.fromStrings([options.assets_collection![i]], []), dtype: 'string' }, 'asset_path')).outputs[0].name,
    }));
    // TF's builder Saver has allow_empty: no variables, no save/restore ops and no saver_def.
    const saverDef = options.saver?.saver_def ?? (vars.size > 0 ? saveSubgraphFor(graph, vars) : null);
    this.metaGraphDefs.push(exportMetaGraphDef(graph, {
      tags: checked.meta_info_def.tags,
      saver_def: saverDef,
      signature_def_map: checked.signature_def,
      assets,
      main_op: options.main_op ? options.main_op.name : null,
      legacy_init_op: options.legacy_init_op ? options.legacy_init_op.name : null,
      strip_default_attrs: options.strip_default_attrs,
    }));
  }

  private metaGraphFor(graph: Graph, tags: string[], options: AddMetaGraphOptions): MetaGraph {
    const assetNames = (options.assets_collection ?? []).map((file) => this.addAsset(file));
    if (assetNames.length === 0) logInfo('No assets to save.');
    return serializeMetaGraph(graph, {
      tags,
      signature_def_map: options.signature_def_map,
      assets: assetNames,
      main_op: options.main_op ?? options.legacy_init_op ?? null,
      strip_default_attrs: options.strip_default_attrs,
    });
  }

  private addAsset(file: string): string {
    if (typeof file !== 'string' || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      throw new NotFoundError(`Asset file ${JSON.stringify(file)} does not exist or is not a file`);
    }
    const name = path.basename(file);
    const prior = this.assets.get(name);
    if (prior !== undefined && path.resolve(prior) !== path.resolve(file)) {
      throw new ValueError(`Two assets share the file name '${name}': ${prior} and ${file}`);
    }
    this.assets.set(name, file);
    return name;
  }

  /**
   * Writes the SavedModel: everything goes into a staging directory beside export_dir,
   * which is renamed to export_dir at the end, so a crash never leaves a partial model.
   * Returns the path of the SavedModel file.
   */
  save(): string {
    if (!this.variables) throw new FailedPreconditionError('Nothing to save: call add_meta_graph_and_variables() first.');
    if (this.saved) throw new FailedPreconditionError(`SavedModelBuilder for ${this.export_dir} has already saved`);
    checkExportDirFree(this.export_dir);
    const target = path.resolve(this.export_dir);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const staging = stagingPath(target);
    try {
      fs.mkdirSync(path.join(staging, VARIABLES_DIRECTORY), { recursive: true });
      const variablesPrefix = path.join(staging, VARIABLES_DIRECTORY, VARIABLES_FILENAME);
      if (this.format === 'tensorflow') writeTfBundle(variablesPrefix, this.variables); else writeVariables(variablesPrefix, this.variables);
      if (this.assets.size > 0) {
        fs.mkdirSync(path.join(staging, ASSETS_DIRECTORY));
        for (const [name, src] of this.assets) writeFileSynced(path.join(staging, ASSETS_DIRECTORY, name), fs.readFileSync(src));
      } else {
        logInfo('No assets to write.');
      }
      if (this.format === 'tensorflow') {
        const model = create(SavedModelSchema, { savedModelSchemaVersion: 1n, metaGraphs: this.metaGraphDefs });
        writeFileSynced(path.join(staging, TF_SAVED_MODEL_FILENAME), toBinary(SavedModelSchema, model));
      } else {
        writeFileSynced(path.join(staging, SAVED_MODEL_FILENAME), encodeSavedModel(this.metaGraphs));
      }
      syncDirectory(staging);
      renameIntoPlace(staging, target, this.export_dir);
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    syncDirectory(path.dirname(target));
    this.saved = true;
    const written = path.join(this.export_dir, this.format === 'tensorflow' ? TF_SAVED_MODEL_FILENAME : SAVED_MODEL_FILENAME);
    logInfo(`SavedModel written to: ${written}`);
    return written;
  }
}

function renameIntoPlace(staging: string, target: string, shown: string): void {
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') throw exportDirExists(shown);
    throw e;
  }
}

function checkExportDirFree(dir: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0) throw exportDirExists(dir);
}

function exportDirExists(dir: string): AlreadyExistsError {
  return new AlreadyExistsError(`Export directory already exists, and isn't empty. Please choose a different export directory, ` +
    `or delete all the contents of the specified directory: ${dir}`);
}

export const SavedModelBuilder = callable(SavedModelBuilderImpl);
export type SavedModelBuilder = SavedModelBuilderImpl;
