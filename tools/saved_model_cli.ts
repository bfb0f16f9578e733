#!/usr/bin/env node
/**
 * saved_model_cli: inspect and run tensorgraph SavedModels, like TF's tool of the same name.
 *   saved_model_cli show --dir D [--tag_set serve [--signature_def K]] [--all]
 *   saved_model_cli run --dir D --tag_set serve --signature_def K [--inputs 'x=f.json'] [--input_exprs 'x=[[1,2]]']
 *   saved_model_cli convert --format onnx --dir D --output model.onnx [--tag_set serve] [--signature_def K]
 */
import * as path from 'path';
import '../lib/index';
import { showAll, showSignature, showSignatureKeys, showTagSets } from '../lib/saved_model/cli_show';
import { runSignature } from './saved_model_cli_run';
import { checkOutputFolder, convertSavedModel } from './saved_model_cli_convert';

const USAGE = `usage: saved_model_cli [-h] {show,run,convert} ...

show:  saved_model_cli show --dir DIR [--all] [--tag_set TAG_SET] [--signature_def SIGNATURE_DEF_KEY]
         without --tag_set: lists the tag-sets; with --tag_set: lists its SignatureDef keys;
         with --signature_def: prints its inputs and outputs; --all: every SignatureDef of every tag-set.
run:   saved_model_cli run --dir DIR --tag_set TAG_SET --signature_def SIGNATURE_DEF_KEY
         [--inputs 'KEY=FILE.json[;KEY=FILE.json[entry]]'] [--input_exprs 'KEY=JSON[;KEY=JSON]']
         [--outdir DIR [--overwrite]] [--require MODULE]
         prints each output; --outdir also writes <output key>.json files.
convert: saved_model_cli convert --format onnx --dir DIR --output FILE.onnx [--tag_set TAG_SET (serve)]
         [--signature_def SIGNATURE_DEF_KEY (serving_default)] [--opset N (13)] [--constants 'NAME=JSON[;NAME=JSON]']
         writes the signature as an ONNX model named by its input and output keys; --constants fixes graph
         tensors outside the signature, e.g. --constants 'keep_prob:0=1' for dropout.
--require MODULE (every command, repeatable): loads a module first, e.g. one registering custom ops.
TAG_SET is comma-separated, e.g. serve or serve,gpu.`;

const FLAGS = new Set(['all', 'overwrite', 'help']);
const OPTIONS = new Set(['dir', 'tag_set', 'signature_def', 'inputs', 'input_exprs', 'outdir', 'require', 'format', 'output', 'opset', 'constants']);

class UsageError extends Error {}

interface Parsed { command: string; opts: Record<string, string | boolean>; requires: string[] }

function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  const opts: Record<string, string | boolean> = {};
  const requires: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h') { opts.help = true; continue; }
    const m = /^--([a-z_]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) throw new UsageError(`unrecognized argument: ${arg}`);
    const name = m[1];
    if (FLAGS.has(name)) { opts[name] = true; continue; }
    if (!OPTIONS.has(name)) throw new UsageError(`unrecognized argument: --${name}`);
    const value = m[2] ?? rest[++i];
    if (value === undefined) throw new UsageError(`argument --${name}: expected one argument`);
    if (name === 'require') requires.push(value); else opts[name] = value;
  }
  return { command, opts, requires };
}

function required(opts: Record<string, string | boolean>, name: string, command: string): string {
  const v = opts[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`${command}: the following argument is required: --${name}`);
  return v;
}

/** Runs the CLI; returns the exit status (0 ok, 1 error, 2 usage). Output goes through the given writers. */
export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s)): number {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
    if (parsed.opts.help || parsed.command === undefined || parsed.command === '-h' || parsed.command === '--help') {
      out(USAGE + '\n');
      return parsed.command === undefined ? 2 : 0;
    }
    if (!['show', 'run', 'convert'].includes(parsed.command)) throw new UsageError(`invalid choice: '${parsed.command}' (choose from 'show', 'run', 'convert')`);
  } catch (e) {
    if (e instanceof UsageError) { err(`${USAGE}\nsaved_model_cli: error: ${e.message}\n`); return 2; }
    throw e;
  }
  const { command, opts, requires } = parsed;
  try {
    for (const mod of requires) require(path.resolve(mod));
    const dir = required(opts, 'dir', command);
    let lines: string[];
    if (command === 'show') {
      if (opts.all) lines = showAll(dir);
      else if (typeof opts.tag_set !== 'string') lines = showTagSets(dir);
      else if (typeof opts.signature_def !== 'string') lines = showSignatureKeys(dir, opts.tag_set);
      else lines = showSignature(dir, opts.tag_set, opts.signature_def);
    } else if (command === 'convert') {
      const output = required(opts, 'output', command);
      checkOutputFolder(output);
      lines = convertSavedModel({
        dir, output, format: required(opts, 'format', command),
        tag_set: opts.tag_set as string | undefined, signature_def: opts.signature_def as string | undefined,
        opset: opts.opset as string | undefined, constants: opts.constants as string | undefined,
      });
    } else {
      lines = runSignature({
        dir,
        tag_set: required(opts, 'tag_set', command),
        signature_def: required(opts, 'signature_def', command),
        inputs: opts.inputs as string | undefined,
        input_exprs: opts.input_exprs as string | undefined,
        outdir: opts.outdir as string | undefined,
        overwrite: !!opts.overwrite,
      });
    }
    out(lines.join('\n') + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError) { err(`${USAGE}\nsaved_model_cli: error: ${e.message}\n`); return 2; }
    const error = e as Error;
    err(`saved_model_cli: ${error.name}: ${error.message}\n`);
    return 1;
  }
}

if (require.main === module) {
  if (process.env.TENSORGRAPH_LOG_LEVEL === undefined) process.env.TENSORGRAPH_LOG_LEVEL = 'WARN';
  process.exitCode = main(process.argv.slice(2));
}
