import * as fs from 'fs';
import * as path from 'path';
import { Graph } from '../lib/framework/graph';
import { InvalidArgumentError } from '../lib/framework/errors';
import { Session } from '../lib/session/session';
import { load } from '../lib/saved_model/loader';
import { parseTagSet, signatureFor } from '../lib/saved_model/cli_show';
import { exportOnnx } from '../lib/onnx/export_model';

/* `saved_model_cli convert --format onnx`: one signature of a SavedModel as an ONNX model. */

export interface ConvertArgs {
  dir: string;
  output: string;
  format: string;
  tag_set?: string;
  signature_def?: string;
  opset?: string;
  /** 'keep_prob:0=1;other:0=[1,2]': graph tensors outside the signature given fixed values (JSON). */
  constants?: string;
}

/**
 * Loads the SavedModel's meta graph tagged tag_set (default serve) and writes signature
 * signature_def (default serving_default) as ONNX: the signature's input and output keys
 * become the model's input and output names. Returns the lines to print.
 */
export function convertSavedModel(args: ConvertArgs): string[] {
  if (args.format !== 'onnx') throw new InvalidArgumentError(`convert: unknown --format '${args.format}' (supported: onnx)`);
  const key = args.signature_def ?? 'serving_default';
  const opset = args.opset === undefined ? undefined : Number(args.opset);
  const sess = new Session({ graph: new Graph() });
  try {
    const meta = load(sess, parseTagSet(args.tag_set ?? 'serve'), args.dir);
    const sig = signatureFor(meta, key);
    const inputs = Object.fromEntries(Object.entries(sig.inputs).map(([k, info]) => [k, info.name]));
    const outputs = Object.fromEntries(Object.entries(sig.outputs).map(([k, info]) => [k, info.name]));
    const bytes = exportOnnx(sess, { inputs, outputs, opset, constants: parseConstants(args.constants ?? '') }, args.output);
    return [`Wrote signature "${key}" of ${args.dir} as ONNX (opset ${opset ?? 13}, ${bytes.length} bytes) to ${args.output}`,
      `  inputs: ${Object.keys(inputs).sort().join(', ')}`, `  outputs: ${Object.keys(outputs).sort().join(', ')}`];
  } finally {
    sess.close();
  }
}

function parseConstants(text: string): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const part of text.split(';').filter((p) => p.trim() !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new InvalidArgumentError(`--constants: expected NAME=VALUE, got '${part}'`);
    let value: unknown;
    try { value = JSON.parse(part.slice(eq + 1)); } catch { throw new InvalidArgumentError(`--constants: the value of '${part.slice(0, eq)}' is not JSON`); }
    out[part.slice(0, eq).trim()] = value as number | number[];
  }
  return out;
}

/** Fails before loading anything when the output's folder is missing. */
export function checkOutputFolder(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new InvalidArgumentError(`--output: folder ${dir} does not exist`);
}
