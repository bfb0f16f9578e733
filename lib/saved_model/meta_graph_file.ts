import * as fs from 'fs';
import { Graph } from '../framework/graph';
import { DataLossError, InvalidArgumentError, NotFoundError } from '../framework/errors';
import { decodeContainer, encodeContainer } from './container';
import { writeFileAtomic } from './atomic_write';
import { encodeMetaGraph, serializeMetaGraph } from './graph_serializer';
import { olderFormatHint } from './saved_model_file';
import { parseMetaGraph } from './meta_graph_parser';
import { JsonChecker } from './validate';
import { MetaGraph, META_GRAPH_FORMAT, META_GRAPH_MAGIC, SAVED_MODEL_FORMAT_VERSION } from './meta_graph';

/** What a Saver saves: checkpoint key -> variable op name. */
export interface SaverDef { var_keys: Record<string, string>; max_to_keep: number }

/** Writes a `.meta` file: one MetaGraph (no tags) plus the saver's variable keys. */
export function exportMetaGraphFile(filename: string, graph: Graph, saver: SaverDef): MetaGraph {
  const meta = serializeMetaGraph(graph, { tags: [] });
  writeFileAtomic(filename, encodeContainer(META_GRAPH_MAGIC, {
    format: META_GRAPH_FORMAT, format_version: SAVED_MODEL_FORMAT_VERSION, meta_graph: encodeMetaGraph(meta), saver_def: saver,
  }));
  return meta;
}

export function readMetaGraphFile(file: string): { file: string; meta: MetaGraph; saver: SaverDef } {
  let bytes: Uint8Array;
  try { bytes = fs.readFileSync(file); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`${file}: meta graph file not found`);
    throw new DataLossError(`${file}: cannot read meta graph file (${(e as Error).message})`);
  }
  const c = new JsonChecker(file);
  const root = c.object(decodeContainer(bytes, META_GRAPH_MAGIC, file), 'root');
  if (root.format !== META_GRAPH_FORMAT) c.fail('format', `must be '${META_GRAPH_FORMAT}', got ${JSON.stringify(root.format)}`);
  const version = c.count(root.format_version, 'format_version');
  if (version !== SAVED_MODEL_FORMAT_VERSION) {
    throw new InvalidArgumentError(`${file}: unsupported meta graph format_version ${version} (this tensorgraph reads version ${SAVED_MODEL_FORMAT_VERSION})` +
      olderFormatHint(version));
  }
  const meta = parseMetaGraph(root.meta_graph, c, 'meta_graph');
  const s = c.object(root.saver_def, 'saver_def');
  const keys = c.object(s.var_keys, 'saver_def.var_keys');
  const var_keys: Record<string, string> = {};
  for (const [k, v] of Object.entries(keys)) var_keys[k] = c.string(v, `saver_def.var_keys.${k}`);
  return { file, meta, saver: { var_keys, max_to_keep: c.count(s.max_to_keep, 'saver_def.max_to_keep') } };
}
