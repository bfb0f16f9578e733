#!/usr/bin/env node
/**
 * tensorgraph-serve: TensorFlow Serving's REST API for one SavedModel, on one machine.
 *   tensorgraph-serve --model_base_path D [--port 8501] [--model_name NAME] [--rest_api_host 127.0.0.1]
 *                     [--batch_window_ms 2] [--max_batch_size 64] [--max_request_bytes 16777216]
 * D holds numeric version folders (D/1, D/2, ...) as TF Serving expects; the largest is served.
 */
import * as path from 'path';
import '../lib/index';
import { loadServedModel } from './serve/served_model';
import { createRestServer, DEFAULT_SERVER_OPTIONS } from './serve/rest_api';

const USAGE = `usage: tensorgraph-serve --model_base_path DIR [--port 8501] [--model_name NAME (default: the folder's name)]
         [--rest_api_host HOST (0.0.0.0)] [--batch_window_ms MS (${DEFAULT_SERVER_OPTIONS.windowMs})]
         [--max_batch_size N (${DEFAULT_SERVER_OPTIONS.maxBatchSize})] [--max_request_bytes N (${DEFAULT_SERVER_OPTIONS.maxRequestBytes})] [--require MODULE]
Serves the newest numeric version folder of DIR (tensorgraph's or TensorFlow's SavedModel, tag serve) with
TF Serving's REST API: GET /v1/models/NAME, GET /v1/models/NAME/metadata, POST /v1/models/NAME:predict
(:classify, :regress where the signature has them).`;

const OPTIONS = ['model_base_path', 'port', 'model_name', 'rest_api_host', 'batch_window_ms', 'max_batch_size', 'max_request_bytes', 'require'];

export function parseServeArgs(argv: string[]): Record<string, string> {
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z_]+)(?:=([\s\S]*))?$/.exec(argv[i]);
    if (!m || !OPTIONS.includes(m[1])) throw new Error(`unrecognized argument: ${argv[i]}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`argument --${m[1]}: expected one argument`);
    opts[m[1]] = value;
  }
  if (!opts.model_base_path) throw new Error('the following argument is required: --model_base_path');
  return opts;
}

function intOption(opts: Record<string, string>, name: string, fallback: number): number {
  if (opts[name] === undefined) return fallback;
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`argument --${name}: expected a non-negative integer, got '${opts[name]}'`);
  return v;
}

if (require.main === module) {
  if (process.env.TENSORGRAPH_LOG_LEVEL === undefined) process.env.TENSORGRAPH_LOG_LEVEL = 'WARN';
  let opts: Record<string, string>;
  try {
    opts = parseServeArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${USAGE}\ntensorgraph-serve: error: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (opts.require) require(path.resolve(opts.require));
  const base = path.resolve(opts.model_base_path);
  const name = opts.model_name ?? path.basename(base);
  const model = loadServedModel(name, base);
  const server = createRestServer(model, {
    windowMs: intOption(opts, 'batch_window_ms', DEFAULT_SERVER_OPTIONS.windowMs),
    maxBatchSize: intOption(opts, 'max_batch_size', DEFAULT_SERVER_OPTIONS.maxBatchSize),
    maxRequestBytes: intOption(opts, 'max_request_bytes', DEFAULT_SERVER_OPTIONS.maxRequestBytes),
  });
  const port = intOption(opts, 'port', 8501);
  server.listen(port, opts.rest_api_host ?? '0.0.0.0', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    // TF Serving's start-up line, which scripts wait for.
    console.log(`Exporting HTTP/REST API at:localhost:${actual} ...`);
    console.log(`Serving model '${name}' version ${model.version} from ${model.dir}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
