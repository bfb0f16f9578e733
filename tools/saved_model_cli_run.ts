import * as fs from 'fs';
import * as path from 'path';
import { Graph } from '../lib/framework/graph';
import { NDArray } from '../lib/framework/ndarray';
import { AlreadyExistsError, InvalidArgumentError, NotFoundError } from '../lib/framework/errors';
import { Session } from '../lib/session/session';
import { load } from '../lib/saved_model/loader';
import { parseTagSet, signatureFor } from '../lib/saved_model/cli_show';
import type { TensorInfo } from '../lib/saved_model/meta_graph';

/* `saved_model_cli run`: loads a SavedModel, feeds a signature's inputs, prints its outputs. */

export interface RunArgs {
  dir: string;
  tag_set: string;
  signature_def: string;
  /** 'x=file.json;y=file.json[key]' */
  inputs?: string;
  /** 'x=[[1,2]];y=3' (JSON values) */
  input_exprs?: string;
  outdir?: string;
  overwrite?: boolean;
}

/** Splits 'k1=v1;k2=v2' into pairs; ';' cannot occur in JSON outside strings, which inputs never hold. */
function splitAssignments(text: string, option: string): [string, string][] {
  return text.split(';').map((s) => s.trim()).filter((s) => s !== '').map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new InvalidArgumentError(`--${option}: expected <input_key>=<value>, got '${part}'`);
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
  });
}

function parseJson(text: string, what: string): unknown {
  try { return JSON.parse(text); } catch (e) {
    throw new InvalidArgumentError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * A value from a JSON file: the file's array, `file.json[key]` for one entry of an object,
 * or the only entry of a one-entry object (as TF picks the only array of an .npz).
 */
function readInputFile(spec: string, key: string): unknown {
  const m = /^(.*)\[([^\]]+)\]$/.exec(spec);
  const file = m ? m[1] : spec;
  if (!fs.existsSync(file)) throw new NotFoundError(`--inputs: file ${file} for input '${key}' does not exist`);
  const json = parseJson(fs.readFileSync(file, 'utf8'), `--inputs: file ${file}`);
  if (m) {
    if (json === null || typeof json !== 'object' || Array.isArray(json) || !(m[2] in json)) {
      throw new NotFoundError(`--inputs: file ${file} has no entry '${m[2]}'`);
    }
    return (json as Record<string, unknown>)[m[2]];
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && !('data' in json && 'shape' in json)) {
    const entries = Object.keys(json);
    if (entries.length !== 1) {
      throw new InvalidArgumentError(`--inputs: file ${file} holds several entries (${entries.join(', ')}); pick one as ${file}[name]`);
    }
    return (json as Record<string, unknown>)[entries[0]];
  }
  return json;
}

export function collectInputs(args: RunArgs): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [k, spec] of splitAssignments(args.inputs ?? '', 'inputs')) values.set(k, readInputFile(spec, k));
  for (const [k, expr] of splitAssignments(args.input_exprs ?? '', 'input_exprs')) {
    if (values.has(k)) throw new InvalidArgumentError(`input_key ${k} is specified in both --inputs and --input_exprs options`);
    values.set(k, parseJson(expr, `--input_exprs value for '${k}'`));
  }
  return values;
}

/** Runs the signature; returns the printed lines, and writes `<key>.json` files under outdir when given. */
export function runSignature(args: RunArgs): string[] {
  const inputs = collectInputs(args);
  const sess = new Session({ graph: new Graph() });
  try {
    const meta = load(sess, parseTagSet(args.tag_set), args.dir);
    const sig = signatureFor(meta, args.signature_def);
    const feed: Record<string, unknown> = {};
    for (const [k, v] of inputs) {
      const info = sig.inputs[k];
      if (!info) {
        throw new InvalidArgumentError(`"${k}" is not a valid input key. Please choose from: ${Object.keys(sig.inputs).sort().map((x) => `"${x}"`).join(', ')}`);
      }
      feed[info.name] = asColumnIfDeclared(v, info);
    }
    const keys = Object.keys(sig.outputs).sort();
    const results: unknown[] = sess.run(keys.map((k) => sig.outputs[k].name), feed);
    const lines: string[] = [];
    keys.forEach((k, i) => {
      lines.push(`Result for output key ${k}:`, formatValue(results[i]));
      if (args.outdir) writeOutput(args.outdir, k, results[i], !!args.overwrite, lines);
    });
    return lines;
  } finally {
    sess.close();
  }
}

/**
 * A flat list for an input the signature declares (-1, 1) — a TF Serving model's one feature per
 * example, as half_plus_two's x — is read as one value per example: 'x=[1,2,5]' feeds [[1],[2],[5]].
 * (TF's own CLI would refuse the shape; this saves typing the brackets.) Anything else is fed as given.
 */
function asColumnIfDeclared(v: unknown, info: TensorInfo): unknown {
  const dims = info.tensor_shape.unknown_rank ? null : info.tensor_shape.dim.map((d) => d.size);
  const column = dims !== null && dims.length === 2 && dims[0] === -1 && dims[1] === 1;
  return column && Array.isArray(v) && v.every((e) => typeof e === 'number') ? v.map((e) => [e]) : v;
}

function formatValue(v: unknown): string {
  if (v instanceof NDArray) return v.toString();
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

function writeOutput(outdir: string, key: string, value: unknown, overwrite: boolean, lines: string[]): void {
  fs.mkdirSync(outdir, { recursive: true });
  const file = path.join(outdir, `${key}.json`);
  if (fs.existsSync(file) && !overwrite) {
    throw new AlreadyExistsError(`Output file ${file} already exists. Add "--overwrite" to overwrite the existing output files.`);
  }
  const json = value instanceof NDArray ? { dtype: value.dtype, shape: value.shape, data: value.toArray() } : value;
  fs.writeFileSync(file, JSON.stringify(json));
  lines.push(`Output ${key} is saved to ${file}`);
}
