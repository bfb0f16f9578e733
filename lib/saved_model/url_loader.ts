/**
 * tf.saved_model.loader.load_async(sess, tags, url) (also tf.saved_model.loadFromUrl): a
 * SavedModel served over HTTP, as a web page gets its model. The model's files are read
 * through `fetch` (one read(path) -> bytes per file), staged in a scratch folder (in the
 * browser build, the in-memory file system of lib/platform/browser/fs.ts), and loaded by
 * the same loader.load that reads a directory, so every format it reads comes through:
 * tensorgraph's saved_model.tgsm and TensorFlow's saved_model.pb, with the variables'
 * index and single data shard.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NotFoundError, UnknownError, ValueError } from '../framework/errors';
import { pyfunc } from '../framework/python_args';
import type { Session } from '../session/session';
import type { MetaGraph } from './meta_graph';
import { load } from './loader';

/** Reads one file of the model, relative to its folder; null when the server has no such file. */
export type ModelFileReader = (relativePath: string) => Promise<Uint8Array | null>;

/** The graph files the loader recognizes, tried in this order; the first one found is used. */
const GRAPH_FILES = ['saved_model.tgsm', 'saved_model.pb'];
const VARIABLE_FILES = ['variables/variables.index', 'variables/variables.data-00000-of-00001'];

declare const fetch: (url: string) => Promise<{ ok: boolean; status: number; statusText: string; arrayBuffer(): Promise<ArrayBuffer> }>;

/** A reader over fetch: a 404 is an absent file, any other failure an error naming the URL. */
export function urlReader(url: string): ModelFileReader {
  const base = url.replace(/\/+$/, '');
  return async (relativePath) => {
    const fileUrl = `${base}/${relativePath}`;
    const response = await fetch(fileUrl);
    if (response.status === 404) return null;
    if (!response.ok) throw new UnknownError(`Cannot fetch ${fileUrl}: HTTP ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** Loads the SavedModel that `read` gives (see urlReader); `where` names it in errors. */
export async function loadWithReader(sess: Session, tags: string[], read: ModelFileReader, where: string): Promise<MetaGraph> {
  const staged = new Map<string, Uint8Array>();
  for (const name of GRAPH_FILES) {
    const bytes = await read(name);
    if (bytes !== null) { staged.set(name, bytes); break; }
  }
  if (staged.size === 0) {
    throw new NotFoundError(`SavedModel file does not exist at: ${where}/{${GRAPH_FILES.join('|')}}`);
  }
  const variableFiles = await Promise.all(VARIABLE_FILES.map(read));
  VARIABLE_FILES.forEach((name, i) => { if (variableFiles[i] !== null) staged.set(name, variableFiles[i]!); });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tensorgraph-url-model-'));
  try {
    for (const [name, bytes] of staged) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    return load(sess, tags, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const load_async = pyfunc('load_async', ['sess', 'tags', 'export_dir'], 3,
  (sess: Session, tags: string[], export_dir: string): Promise<MetaGraph> => {
    if (typeof export_dir !== 'string' || export_dir === '') {
      return Promise.reject(new ValueError(`load_async needs the SavedModel's URL; got ${JSON.stringify(export_dir)}`));
    }
    return loadWithReader(sess, tags, urlReader(export_dir), export_dir.replace(/\/+$/, ''));
  });
