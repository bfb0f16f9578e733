import { sameTags } from './saved_model_file';
import { readMetaGraphs } from './tf_import/saved_model_meta_graphs';
import { tfDataType } from '../framework/node_def';
import type { DType } from '../framework/dtypes';
import { MetaGraph, SignatureDef, TensorInfo } from './meta_graph';
import { NotFoundError } from '../framework/errors';

/* `saved_model_cli show`: the text layout is TF 1.x's, so scripts that read it keep working. */


export function parseTagSet(tagSet: string): string[] {
  return tagSet.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

export function metaGraphForTagSet(dir: string, tagSet: string): MetaGraph {
  const tags = parseTagSet(tagSet);
  const meta = readMetaGraphs(dir).find((m) => sameTags(m.meta_info_def.tags, tags));
  if (!meta) throw new NotFoundError(`MetaGraphDef associated with tag-set ${tagSet} could not be found in SavedModel ${dir}`);
  return meta;
}

export function signatureFor(meta: MetaGraph, key: string): SignatureDef {
  const sig = meta.signature_def[key];
  if (!sig) {
    const keys = Object.keys(meta.signature_def).sort();
    throw new NotFoundError(`Could not find signature "${key}". Please choose from: ${keys.join(', ') || '(none)'}`);
  }
  return sig;
}

export function showTagSets(dir: string): string[] {
  const lines = ['The given SavedModel contains the following tag-sets:'];
  for (const m of readMetaGraphs(dir)) lines.push([...m.meta_info_def.tags].sort().join(', '));
  return lines;
}

export function showSignatureKeys(dir: string, tagSet: string): string[] {
  const meta = metaGraphForTagSet(dir, tagSet);
  return ['The given SavedModel MetaGraphDef contains SignatureDefs with the following keys:',
    ...Object.keys(meta.signature_def).sort().map((k) => `SignatureDef key: "${k}"`)];
}

function tensorInfoLines(info: TensorInfo, indent: string): string[] {
  const shape = info.tensor_shape.unknown_rank ? 'unknown_rank' : `(${info.tensor_shape.dim.map((d) => d.size).join(', ')})`;
  return [
    // TF's DataType enum names, which TF's CLI prints.
    `${indent}    dtype: ${tfDataType(info.dtype as DType) ?? info.dtype}`,
    `${indent}    shape: ${shape}`,
    `${indent}    name: ${info.name}`,
  ];
}

export function signatureLines(sig: SignatureDef, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const lines = [`${indent}The given SavedModel SignatureDef contains the following input(s):`];
  for (const k of Object.keys(sig.inputs).sort()) lines.push(`${indent}  inputs['${k}'] tensor_info:`, ...tensorInfoLines(sig.inputs[k], indent + '  '));
  lines.push(`${indent}The given SavedModel SignatureDef contains the following output(s):`);
  for (const k of Object.keys(sig.outputs).sort()) lines.push(`${indent}  outputs['${k}'] tensor_info:`, ...tensorInfoLines(sig.outputs[k], indent + '  '));
  lines.push(`${indent}Method name is: ${sig.method_name}`);
  return lines;
}

export function showSignature(dir: string, tagSet: string, key: string): string[] {
  return signatureLines(signatureFor(metaGraphForTagSet(dir, tagSet), key), 0);
}

export function showAll(dir: string): string[] {
  const lines: string[] = [];
  const metas = [...readMetaGraphs(dir)].sort((a, b) =>
    [...a.meta_info_def.tags].sort().join(',').localeCompare([...b.meta_info_def.tags].sort().join(',')));
  for (const meta of metas) {
    lines.push('', `MetaGraphDef with tag-set: '${[...meta.meta_info_def.tags].sort().join(', ')}' contains the following SignatureDefs:`);
    for (const key of Object.keys(meta.signature_def).sort()) {
      lines.push('', `signature_def['${key}']:`, ...signatureLines(meta.signature_def[key], 1));
    }
  }
  return lines;
}
