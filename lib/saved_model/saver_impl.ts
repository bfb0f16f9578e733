import * as fs from 'fs';
import * as path from 'path';
import { get_default_graph, Graph } from '../framework/graph';
import { NDArray } from '../framework/ndarray';
import { NotFoundError, ValueError } from '../framework/errors';
import type { Session } from '../session/session';
import { callable } from '../framework/callable';
import { Variable, global_variables } from '../ops/variables';
import { Tensor } from '../framework/tensor';
import { writeVariables, indexPath, dataPath } from './variables_file';
import { assertSerializable } from './graph_serializer';
import { CheckpointState, get_checkpoint_state, writeCheckpointState } from './checkpoint_state';
import { assignAll, openCheckpoint, checkSession, readCheckedValues, readVariableValues } from './restore';
import { exportMetaGraphFile, readMetaGraphFile } from './meta_graph_file';
import { checkImportable, importMetaGraph } from './graph_importer';
import { logInfo } from './log';
import { isTfMetaGraphFile, readTfMetaGraphFile } from './tf_import/meta_graph_file';
import { writeTfBundle } from './tf_bundle/bundle_writer';
import { buildSaveSubgraph } from './tf_export/save_subgraph';
import { exportMetaGraphDef } from './tf_export/meta_graph_def';
import { writeFileAtomic } from './atomic_write';
import { toBinary } from '@bufbuild/protobuf';
import { MetaGraphDef, MetaGraphDefSchema } from '../proto/tensorflow/core/protobuf/meta_graph_pb';
import type { SaverDef as SaverDefProto } from '../proto/tensorflow/core/protobuf/saver_pb';
import { bindArgs, bindArgsBesideDict, checkKeywords, isOptionsObject, pyfunc } from '../framework/python_args';

export interface SaverOptions {
  /** The variables to save: an array (keyed by op name) or an object keyed by checkpoint name. Default: all global variables. */
  var_list?: Variable[] | Record<string, Variable>;
  /** How many recent checkpoints to keep; null or 0 keeps every file. */
  max_to_keep?: number | null;
  /** Also keep one checkpoint per this many hours among those max_to_keep would delete. */
  keep_checkpoint_every_n_hours?: number;
  /** Allows a Saver with no variables (its save writes an empty checkpoint). */
  allow_empty?: boolean;
  /**
   * A tensorflow.SaverDef whose save/restore ops are already in the graph (import_meta_graph
   * passes the imported one); without it the Saver adds TF1's `save/` subgraph.
   */
  saver_def?: SaverDefProto | null;
  /**
   * tensorgraph's extension: 'tensorflow' (default) writes TF's V2 checkpoint and a
   * tensorflow.MetaGraphDef `.meta`; 'tensorgraph' writes tensorgraph's own older format
   * (docs/saved_model_format.md), which restore and import_meta_graph still read.
   */
  format?: 'tensorflow' | 'tensorgraph';
}

/** What Saver and SavedModelBuilder write: TensorFlow's formats, or tensorgraph's own older ones. */
export type CheckpointFormat = 'tensorflow' | 'tensorgraph';

export function checkFormat(format: unknown): CheckpointFormat {
  if (format === undefined || format === null) return 'tensorflow';
  if (format !== 'tensorflow' && format !== 'tensorgraph') throw new ValueError(`format must be 'tensorflow' or 'tensorgraph'; got ${JSON.stringify(format)}`);
  return format;
}

/** TF1's Saver parameters, in order; the ones after the four SaverOptions have no effect or are refused. */
const SAVER_PARAMS = ['var_list', 'reshape', 'sharded', 'max_to_keep', 'keep_checkpoint_every_n_hours', 'name',
  'restore_sequentially', 'saver_def', 'builder', 'defer_build', 'allow_empty', 'write_version', 'pad_step_number',
  'save_relative_paths', 'filename', 'format'];
/** Features of TF1's Saver tensorgraph lacks: a true value is a ValueError rather than a silently different checkpoint. */
const UNSUPPORTED_SAVER_PARAMS = ['reshape', 'sharded', 'builder', 'pad_step_number', 'save_relative_paths', 'filename'];

const SAVE_PARAMS = ['sess', 'save_path', 'global_step', 'latest_filename', 'meta_graph_suffix', 'write_meta_graph',
  'write_state', 'strip_default_attrs', 'save_debug_info'];

export interface SaveOptions {
  /** Appended to the path as `-<step>`: a number, or a Variable/Tensor evaluated in the session. */
  global_step?: number | Variable | Tensor | null;
  latest_filename?: string;
  write_meta_graph?: boolean;
  write_state?: boolean;
  /** The meta graph file's extension ('meta'). */
  meta_graph_suffix?: string;
  /** Leave out of the .meta the attrs equal to their OpDef's defaults (TF1's default keeps them). */
  strip_default_attrs?: boolean;
  /** Accepted and ignored: there is no debug info to save. */
  save_debug_info?: boolean;
}

/**
 * tf.train.Saver: writes the values of a fixed list of variables to checkpoint files
 * (`<prefix>.index`, `<prefix>.data-00000-of-00001`, `<prefix>.meta`), keeps the most
 * recent max_to_keep, and restores them into a session.
 */
export class SaverImpl {
  private readonly vars: Map<string, Variable>;
  private readonly graph: Graph;
  private readonly maxToKeep: number;
  private readonly keepEveryMs: number | null;
  private lastPreservedTime = Date.now();
  private checkpoints: { path: string; time: number }[] = [];
  private readonly format: CheckpointFormat;
  /** The ops TensorFlow runs to save and restore (null: an empty Saver, which has none). */
  readonly saver_def: SaverDefProto | null;

  /** TF1's Saver(var_list=None, reshape=False, sharded=False, max_to_keep=5, ...), positional or by keyword. */
  constructor(...args: unknown[]) {
    // A dict var_list ({'v1': v1}) is a plain object too: it is the keywords only when every key is a parameter name.
    const last = args[args.length - 1];
    if (isOptionsObject(last) && Object.keys(last).some((k) => SAVER_PARAMS.includes(k)) &&
      !Object.values(last).every((v) => v instanceof Variable)) {
      // Parameter names and values that are not Variables: keywords with a misspelt one, not a var_list.
      checkKeywords('Saver', last, SAVER_PARAMS);
    }
    const o = bindArgsBesideDict<SaverOptions & Record<string, unknown>>('Saver', args, SAVER_PARAMS, 'var_list');
    for (const k of UNSUPPORTED_SAVER_PARAMS) {
      if (o[k]) throw new ValueError(`tf.train.Saver: ${k} is not supported by tensorgraph`);
    }
    this.vars = keyVariables(o.var_list ?? global_variables());
    if (this.vars.size === 0 && !o.allow_empty) throw new ValueError('No variables to save');
    this.graph = this.vars.size > 0 ? [...this.vars.values()][0].graph : get_default_graph();
    for (const [key, v] of this.vars) {
      if (v.graph !== this.graph) throw new ValueError(`Saver: variable '${key}' is from a different graph than '${[...this.vars.keys()][0]}'`);
    }
    const m = o.max_to_keep === undefined ? 5 : o.max_to_keep;
    if (m !== null && !(Number.isInteger(m) && m >= 0)) throw new ValueError(`max_to_keep must be a non-negative integer or null; got ${m}`);
    this.maxToKeep = m ?? 0;
    this.keepEveryMs = o.keep_checkpoint_every_n_hours ? o.keep_checkpoint_every_n_hours * 3600 * 1000 : null;
    this.format = checkFormat(o.format);
    // As TF1's Saver: the save/restore ops go into the graph when the Saver is made; an empty Saver has none.
    this.saver_def = o.saver_def ?? (this.format === 'tensorflow' && this.vars.size > 0
      ? buildSaveSubgraph(this.graph, this.vars, { max_to_keep: this.maxToKeep, keep_checkpoint_every_n_hours: o.keep_checkpoint_every_n_hours ?? 10000 })
      : null);
  }

  /** The checkpoint prefixes this Saver keeps, oldest first. */
  get last_checkpoints(): string[] { return this.checkpoints.map((c) => c.path); }

  /** Saves the variables' current values; returns the checkpoint prefix (save_path or save_path-<step>). */
  /**
   * TF1's save(sess, save_path, global_step=None, latest_filename=None, meta_graph_suffix='meta',
   * write_meta_graph=True, write_state=True, strip_default_attrs=False, save_debug_info=False),
   * positional or by keyword: saver.save(sess, path, 7) and saver.save(sess, path, {global_step: 7}) agree.
   */
  save(...args: unknown[]): string {
    const options = bindArgs<SaveOptions & { sess: Session; save_path: string }>('save', args, SAVE_PARAMS as never, {}, 2);
    const { sess, save_path } = options;
    const step = options.global_step;
    if (step !== undefined && step !== null && typeof step !== 'number' && !(step instanceof Variable) && !(step instanceof Tensor)) {
      throw new TypeError(`save() argument 'global_step' must be a number, a Variable or a Tensor, got ${JSON.stringify(step)}`);
    }
    checkSession(sess, 'Saver.save');
    if (sess.graph !== this.graph) throw new ValueError('Saver.save: the session runs a different graph than the one this Saver\'s variables belong to');
    if (typeof save_path !== 'string' || save_path === '') throw new ValueError(`Saver.save needs a path prefix; got ${JSON.stringify(save_path)}`);
    const dir = path.dirname(save_path);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new ValueError(`Parent directory of ${save_path} doesn't exist, can't save.`);
    }
    const prefix = options.global_step === undefined || options.global_step === null ? save_path
      : `${save_path}-${stepNumber(sess, options.global_step)}`;
    if (options.write_meta_graph !== false) assertSerializable(this.graph);
    const read = readVariableValues(sess, [...this.vars.values()]);
    const values = new Map([...this.vars.keys()].map((key, i) => [key, read[i]] as [string, NDArray]));
    if (this.format === 'tensorflow') writeTfBundle(prefix, values); else writeVariables(prefix, values);
    if (options.write_meta_graph !== false) {
      this.export_meta_graph(`${prefix}.${options.meta_graph_suffix ?? 'meta'}`, { strip_default_attrs: !!options.strip_default_attrs });
    }
    if (options.write_state !== false) this.recordCheckpoint(prefix, dir, options.latest_filename ?? 'checkpoint');
    return prefix;
  }

  /** Restores every variable of the Saver from the checkpoint at `save_path`, all or nothing. */
  restore(...args: unknown[]): void {
    const { sess, save_path } = bindArgs<{ sess: Session; save_path: string | null }>('restore', args, ['sess', 'save_path'], {}, 2);
    checkSession(sess, 'Saver.restore');
    if (save_path === null || save_path === undefined) throw new ValueError("Can't load save_path when it is None.");
    if (!fs.existsSync(indexPath(save_path))) {
      throw new NotFoundError(`The passed save_path is not a valid checkpoint: ${save_path} (no ${path.basename(indexPath(save_path))})`);
    }
    if (sess.graph !== this.graph) throw new ValueError('Saver.restore: the session runs a different graph than the one this Saver\'s variables belong to');
    logInfo(`Restoring parameters from ${save_path}`);
    // A checkpoint written by TensorFlow (a LevelDB table index) or by tensorgraph's own Saver.
    const reader = openCheckpoint(save_path);
    const wanted = [...this.vars].map(([key, v]) => ({ key, variable: { name: v.op.name, dtype: v.dtype, shape: v.shape } }));
    assignAll(sess, readCheckedValues(reader, wanted));
  }

  /**
   * Writes this Saver's graph (and how to restore it) to `filename` as a tensorflow.MetaGraphDef
   * (with format 'tensorgraph': tensorgraph's own JSON file); returns what it wrote.
   */
  export_meta_graph(...args: unknown[]): MetaGraphDef | ReturnType<typeof exportMetaGraphFile> {
    // TF1's export_meta_graph(filename=None, collection_list=None, as_text=False, export_scope=None, clear_devices=False,
    // clear_extraneous_savers=False, strip_default_attrs=False, save_debug_info=False): only a filename and
    // strip_default_attrs are taken; the others are refused by name.
    const { filename, strip_default_attrs } = bindArgs<{ filename: string; strip_default_attrs?: boolean }>('export_meta_graph', args,
      ['filename', 'strip_default_attrs'], {}, 1);
    if (this.format === 'tensorflow') {
      const meta = exportMetaGraphDef(this.graph, { saver_def: this.saver_def, strip_default_attrs });
      writeFileAtomic(filename, toBinary(MetaGraphDefSchema, meta));
      return meta;
    }
    const keys: Record<string, string> = {};
    for (const [key, v] of this.vars) keys[key] = v.op.name;
    return exportMetaGraphFile(filename, this.graph, { var_keys: keys, max_to_keep: this.maxToKeep });
  }

  /** Takes over checkpoints written earlier (e.g. by another process), keeping those that still exist. */
  recover_last_checkpoints(...args: unknown[]): void {
    const { checkpoint_paths: paths } = bindArgs<{ checkpoint_paths: string[] }>('recover_last_checkpoints', args, ['checkpoint_paths'], {}, 1);
    this.checkpoints = paths.filter((p) => fs.existsSync(indexPath(p))).map((p) => ({ path: p, time: Date.now() }));
  }

  private recordCheckpoint(prefix: string, dir: string, latestFilename: string): void {
    this.checkpoints = this.checkpoints.filter((c) => c.path !== prefix);
    this.checkpoints.push({ path: prefix, time: Date.now() });
    const retired = this.maxToKeep > 0 ? this.checkpoints.splice(0, Math.max(0, this.checkpoints.length - this.maxToKeep)) : [];
    const state: CheckpointState = {
      model_checkpoint_path: prefix,
      all_model_checkpoint_paths: this.maxToKeep > 0 ? this.last_checkpoints : [prefix],
    };
    // The state file stops naming old checkpoints before their files go.
    writeCheckpointState(dir, state, latestFilename);
    for (const old of retired) this.retire(old);
  }

  /** Deletes an old checkpoint's files, unless keep_checkpoint_every_n_hours keeps it. */
  private retire(old: { path: string; time: number }): void {
    if (this.keepEveryMs !== null && old.time - this.lastPreservedTime >= this.keepEveryMs) {
      this.lastPreservedTime = old.time;
      return;
    }
    for (const f of [indexPath(old.path), dataPath(old.path), `${old.path}.meta`]) fs.rmSync(f, { force: true });
  }
}

function keyVariables(list: Variable[] | Record<string, Variable>): Map<string, Variable> {
  const out = new Map<string, Variable>();
  const entries: [string | null, unknown][] = Array.isArray(list) ? list.map((v) => [null, v]) : Object.entries(list ?? {});
  for (const [key, v] of entries) {
    if (!(v instanceof Variable)) throw new ValueError(`Saver var_list items must be Variables; got ${String(v)}${key ? ` for key '${key}'` : ''}`);
    const name = key ?? v.op.name;
    if (out.has(name)) {
      if (out.get(name) === v) continue;
      throw new ValueError(`At least two variables have the same name: ${name}`);
    }
    out.set(name, v);
  }
  return out;
}

function stepNumber(sess: Session, step: number | Variable | Tensor): number {
  const value = typeof step === 'number' ? step : sess.run(step);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ValueError(`global_step must be an integer or a scalar integer Variable/Tensor; got ${String(value)}`);
  }
  return value;
}

export const Saver = callable(SaverImpl);
export type Saver = SaverImpl;

/** tf.train.latest_checkpoint(dir): the newest checkpoint prefix the state file lists, or null. */
export const latest_checkpoint = pyfunc('latest_checkpoint', ['checkpoint_dir', 'latest_filename'], 1,
  (checkpoint_dir: string, latest_filename?: string | null): string | null => {
  const state = get_checkpoint_state(checkpoint_dir, latest_filename ?? 'checkpoint');
  if (!state) return null;
  return fs.existsSync(indexPath(state.model_checkpoint_path)) ? state.model_checkpoint_path : null;
});

/** tf.train.checkpoint_exists(prefix): whether a checkpoint's index file is there. */
export const checkpoint_exists = pyfunc('checkpoint_exists', ['checkpoint_prefix'], 1,
  (checkpoint_prefix: string): boolean => fs.existsSync(indexPath(checkpoint_prefix)));

/**
 * tf.train.import_meta_graph(meta_file): recreates the graph saved beside a checkpoint in
 * the default graph and returns a Saver for the variables it saved (null if none).
 */
export const import_meta_graph = pyfunc('import_meta_graph', ['meta_graph_or_file', 'clear_devices', 'import_scope'], 1,
  (meta_file: string, clear_devices?: boolean, import_scope?: string | null): Saver | null => {
  // clear_devices: there are no device placements to clear.
  if (import_scope) throw new ValueError('tf.train.import_meta_graph: import_scope is not supported by tensorgraph');
  const tfFile = isTfMetaGraphFile(meta_file);
  const { file, meta, saver } = tfFile ? readTfMetaGraphFile(meta_file) : readMetaGraphFile(meta_file);
  const graph = get_default_graph();
  checkImportable(graph, meta, file);
  importMetaGraph(graph, meta, file);
  const keys = Object.entries(saver.var_keys);
  if (keys.length === 0) return null;
  const byOp = new Map(graph.get_collection<Variable>('variables').map((v) => [v.op.name, v]));
  const varList: Record<string, Variable> = {};
  for (const [key, opName] of keys) {
    const v = byOp.get(opName);
    if (!v) throw new NotFoundError(`${file}: saved variable '${opName}' is not in the graph's variables collection`);
    varList[key] = v;
  }
  // A TF .meta's graph has its save/restore ops already (saver_def names them); an older tensorgraph one gets them now.
  const saverDef = tfFile ? (saver as { tf_saver_def?: SaverDefProto | null }).tf_saver_def ?? null : null;
  return new SaverImpl({ var_list: varList, max_to_keep: saver.max_to_keep, saver_def: saverDef });
});
