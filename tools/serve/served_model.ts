import * as fs from 'fs';
import * as path from 'path';
import { Graph } from '../../lib/framework/graph';
import { NotFoundError } from '../../lib/framework/errors';
import { Session } from '../../lib/session/session';
import { load } from '../../lib/saved_model/loader';
import type { MetaGraph } from '../../lib/saved_model/meta_graph';

/** One loaded version of the served model: its session and its meta graph's signatures. */
export interface ServedModel {
  name: string;
  version: number;
  dir: string;
  sess: Session;
  meta: MetaGraph;
}

/**
 * The version TF Serving serves by default (its "latest" policy): the largest numeric
 * folder name under model_base_path; other folders are ignored.
 */
export function newestVersion(basePath: string): { version: number; dir: string } {
  if (!fs.existsSync(basePath) || !fs.statSync(basePath).isDirectory()) {
    throw new NotFoundError(`Could not find base path ${basePath} for servable`);
  }
  const folders = fs.readdirSync(basePath, { withFileTypes: true }).filter((e) => e.isDirectory() && /^\d+$/.test(e.name));
  if (folders.length === 0) throw new NotFoundError(`No versions of servable found under base path ${basePath}`);
  // Numerically, so 10 is newer than 9, and 00000123 is version 123.
  const newest = folders.reduce((a, e) => (Number(e.name) > Number(a.name) ? e : a));
  return { version: Number(newest.name), dir: path.join(basePath, newest.name) };
}

/** Loads the newest version (tensorgraph's or TensorFlow's SavedModel format) with the serve tag, as TF Serving does. */
export function loadServedModel(name: string, basePath: string, tags: string[] = ['serve']): ServedModel {
  const { version, dir } = newestVersion(basePath);
  const sess = new Session({ graph: new Graph() });
  const meta = load(sess, tags, dir);
  return { name, version, dir, sess, meta };
}
