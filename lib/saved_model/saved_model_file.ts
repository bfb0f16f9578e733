import * as fs from 'fs';
import * as path from 'path';
import { NotFoundError, DataLossError, InvalidArgumentError, RuntimeError } from '../framework/errors';
import { decodeContainer, encodeContainer } from './container';
import { JsonChecker } from './validate';
import { parseMetaGraph } from './meta_graph_parser';
import { encodeMetaGraph } from './graph_serializer';
import {
  MetaGraph, SAVED_MODEL_FILENAME, SAVED_MODEL_FORMAT, SAVED_MODEL_FORMAT_VERSION, SAVED_MODEL_MAGIC, TENSORGRAPH_VERSION,
  VARIABLES_DIRECTORY, VARIABLES_FILENAME,
} from './meta_graph';

export interface SavedModelContents { file: string; meta_graphs: MetaGraph[] }

export function savedModelPath(exportDir: string): string { return path.join(exportDir, SAVED_MODEL_FILENAME); }
export function variablesPrefix(exportDir: string): string { return path.join(exportDir, VARIABLES_DIRECTORY, VARIABLES_FILENAME); }

export function encodeSavedModel(metaGraphs: MetaGraph[]): Uint8Array {
  return encodeContainer(SAVED_MODEL_MAGIC, {
    format: SAVED_MODEL_FORMAT,
    format_version: SAVED_MODEL_FORMAT_VERSION,
    producer: `tensorgraph ${TENSORGRAPH_VERSION}`,
    meta_graphs: metaGraphs.map(encodeMetaGraph),
  });
}

/** Reads and fully checks export_dir/saved_model.tgsm. */
export function readSavedModel(exportDir: string): SavedModelContents {
  const file = savedModelPath(exportDir);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Neither tensorgraph's file nor TensorFlow's saved_model.pb (loader.ts tries that first): name both, as TF names its two.
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new NotFoundError(`SavedModel file does not exist at: ${exportDir}/{saved_model.tgsm|saved_model.pb}`);
    throw new DataLossError(`${file}: cannot read SavedModel file (${(e as Error).message})`);
  }
  const json = decodeContainer(bytes, SAVED_MODEL_MAGIC, file);
  const c = new JsonChecker(file);
  const root = c.object(json, 'root');
  if (root.format !== SAVED_MODEL_FORMAT) c.fail('format', `must be '${SAVED_MODEL_FORMAT}', got ${JSON.stringify(root.format)}`);
  const version = c.count(root.format_version, 'format_version');
  if (version !== SAVED_MODEL_FORMAT_VERSION) {
    throw new InvalidArgumentError(`${file}: unsupported SavedModel format_version ${version} (this tensorgraph reads version ${SAVED_MODEL_FORMAT_VERSION})` +
      olderFormatHint(version));
  }
  const metaGraphs = c.array(root.meta_graphs, 'meta_graphs').map((m, i) => parseMetaGraph(m, c, `meta_graphs[${i}]`));
  return { file, meta_graphs: metaGraphs };
}

/** Tag sets match as sets, as TF's loader compares them. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a), sb = new Set(b);
  return sa.size === sb.size && [...sa].every((t) => sb.has(t));
}

export function formatTagSet(tags: readonly string[]): string { return `[${tags.map((t) => `'${t}'`).join(', ')}]`; }

/** The first meta graph whose tag set equals `tags`; otherwise TF1's loader error (a RuntimeError) listing the tag sets present. */
export function findMetaGraph(contents: SavedModelContents, tags: readonly string[], exportDir: string): MetaGraph {
  const found = contents.meta_graphs.find((m) => sameTags(m.meta_info_def.tags, tags));
  if (!found) {
    const available = contents.meta_graphs.map((m) => formatTagSet(m.meta_info_def.tags)).join(', ') || 'none';
    throw new RuntimeError(`MetaGraphDef associated with tags ${formatTagSet(tags)} could not be found in SavedModel ${exportDir}. ` +
      `Available tag sets: ${available}. To inspect them, use the SavedModel CLI: \`saved_model_cli show --dir ${exportDir}\``);
  }
  return found;
}

/**
 * Version 1 stored attrs in tensorgraph's own JSON; its files are not read (the graph
 * they describe can be rebuilt and saved again by the program that made it).
 */
export function olderFormatHint(version: number): string {
  return version < SAVED_MODEL_FORMAT_VERSION
    ? `: it was written by an older tensorgraph, before nodes were stored as TensorFlow NodeDefs; re-export it with this version`
    : '';
}
