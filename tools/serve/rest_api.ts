import * as http from 'http';
import { NDArray } from '../../lib/framework/ndarray';
import { tfDataType } from '../../lib/framework/node_def';
import { InvalidArgumentError, NotFoundError, OpError, FailedPreconditionError } from '../../lib/framework/errors';
import type { SignatureDef, TensorInfo } from '../../lib/saved_model/meta_graph';
import { signature_constants } from '../../lib/saved_model/index';
import { Batcher, BatchingOptions } from './batcher';
import { tensorFromJson, tensorJson, rowJson, float32Text } from './json_tensor';
import { parseJsonWithDecimals } from './json_with_decimals';
import { serializedExamples } from './examples_json';
import type { ServedModel } from './served_model';

export interface ServerOptions extends BatchingOptions {
  /** Request bodies larger than this many bytes are refused with 413. */
  maxRequestBytes: number;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = { windowMs: 2, maxBatchSize: 64, maxRequestBytes: 16 * 1024 * 1024 };

/** TF Serving's HTTP status for each TF error code (util/net_http's mapping of canonical codes). */
const HTTP_STATUS: Record<number, number> = {
  1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401,
};

class HttpError extends Error { constructor(readonly status: number, message: string) { super(message); } }

const ROUTE = /^\/v1\/models\/([^/:]+)(?:\/versions\/(\d+))?(\/metadata)?(?::(predict|classify|regress))?$/;

/**
 * TF Serving's REST API for one model (https://www.tensorflow.org/tfx/serving/api_rest):
 * model status, metadata, and :predict / :classify / :regress, with its JSON and its
 * error bodies, so a client written for TF Serving talks to this server unchanged.
 */
export function createRestServer(model: ServedModel, options: ServerOptions = DEFAULT_SERVER_OPTIONS): http.Server & { batcher: Batcher } {
  const batcher = new Batcher((fetches, feeds) => model.sess.run(fetches, feeds) as NDArray[], options);
  const server = http.createServer((req, res) => {
    handle(model, batcher, options, req).then(
      (body) => send(res, 200, body),
      (e) => send(res, statusOf(e), JSON.stringify({ error: (e as Error).message })),
    );
  }) as http.Server & { batcher: Batcher };
  server.batcher = batcher;
  server.on('close', () => batcher.drain());
  return server;
}

function statusOf(e: unknown): number {
  if (e instanceof HttpError) return e.status;
  if (e instanceof OpError) return HTTP_STATUS[e.error_code] ?? 500;
  return 500;
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(model: ServedModel, batcher: Batcher, options: ServerOptions, req: http.IncomingMessage): Promise<string> {
  const url = (req.url ?? '').split('?')[0];
  const m = ROUTE.exec(url);
  const method = req.method ?? 'GET';
  const verb = m?.[4];
  if (!m || (verb ? method !== 'POST' || m[3] : method !== 'GET')) {
    throw new HttpError(404, `Malformed request: ${method} ${url}`);
  }
  const [, name, version] = m;
  if (name !== model.name || (version !== undefined && Number(version) !== model.version)) {
    throw new NotFoundError(`Servable not found for request: ${version === undefined ? `Latest(${name})` : `Specific(${name}, ${version})`}`);
  }
  if (!verb && !m[3]) return versionStatus(model);
  if (!verb) return metadata(model);
  const text = await readBody(req, options.maxRequestBytes);
  // :classify and :regress need to know "1.0" from "1" (float vs int64 feature); :predict takes the dtype from the signature.
  const body = parseBody(text, verb === 'predict' ? JSON.parse : parseJsonWithDecimals);
  const sigKey = typeof body.signature_name === 'string' && body.signature_name !== '' ? body.signature_name : signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY;
  if (body.signature_name !== undefined && typeof body.signature_name !== 'string') throw new InvalidArgumentError("'signature_name' key must be a string value.");
  const sig = model.meta.signature_def[sigKey];
  if (verb === 'predict') {
    if (!sig) throw new FailedPreconditionError(`Serving signature key "${sigKey}" not found.`);
    return predict(batcher, sigKey, sig, body);
  }
  if (!sig) throw new InvalidArgumentError(`No signature was found with the name: ${sigKey}`);
  return classifyOrRegress(model, batcher, sigKey, sig, body, verb as 'classify' | 'regress');
}

function versionStatus(model: ServedModel): string {
  return JSON.stringify({
    model_version_status: [{ version: String(model.version), state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }],
  }, null, 1);
}

function tensorInfoJson(info: TensorInfo) {
  return {
    dtype: tfDataType(info.dtype),
    tensor_shape: { dim: info.tensor_shape.dim.map((d) => ({ size: String(d.size), name: '' })), unknown_rank: !!info.tensor_shape.unknown_rank },
    name: info.name,
  };
}

function metadata(model: ServedModel): string {
  const sigs: Record<string, unknown> = {};
  for (const [k, sig] of Object.entries(model.meta.signature_def)) {
    sigs[k] = {
      inputs: Object.fromEntries(Object.entries(sig.inputs).map(([n, i]) => [n, tensorInfoJson(i)])),
      outputs: Object.fromEntries(Object.entries(sig.outputs).map(([n, i]) => [n, tensorInfoJson(i)])),
      method_name: sig.method_name,
    };
  }
  return JSON.stringify({
    model_spec: { name: model.name, signature_name: '', version: String(model.version) },
    metadata: { signature_def: { signature_def: sigs } },
  }, null, 1);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => new HttpError(413, `Request body too large: more than ${limit} bytes`);
    if (declared > limit) { req.resume(); reject(tooLarge()); return; }
    const chunks: Buffer[] = [];
    let size = 0, failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > limit) { failed = true; chunks.length = 0; reject(tooLarge()); return; }
      chunks.push(c);
    });
    req.on('end', () => { if (!failed) resolve(Buffer.concat(chunks).toString('utf8')); });
    req.on('error', reject);
  });
}

function parseBody(text: string, parse: (text: string) => unknown): Record<string, unknown> {
  if (text.trim() === '') throw new InvalidArgumentError('JSON Parse error: The document is empty');
  let doc: unknown;
  try { doc = parse(text); } catch (e) { throw new InvalidArgumentError(`JSON Parse error: ${(e as Error).message}`); }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InvalidArgumentError('JSON Value: is not an object');
  return doc as Record<string, unknown>;
}

/** The request's input tensors by signature input key, and whether it used the row ("instances") format. */
function requestTensors(sig: SignatureDef, body: Record<string, unknown>): { feeds: Record<string, NDArray>; row: boolean } {
  const keys = Object.keys(sig.inputs).sort();
  if (keys.length === 0) throw new InvalidArgumentError('Failed to get input map for signature');
  const hasInstances = body.instances !== undefined, hasInputs = body.inputs !== undefined;
  if (hasInstances && hasInputs) throw new InvalidArgumentError("Not formatted correctly expecting only one of 'inputs' or 'instances' keys to exist");
  if (hasInstances) return { feeds: rowInputs(sig, keys, body.instances), row: true };
  if (hasInputs) return { feeds: columnarInputs(sig, keys, body.inputs), row: false };
  throw new InvalidArgumentError("Missing 'inputs' or 'instances' key");
}

function rowInputs(sig: SignatureDef, keys: string[], instances: unknown): Record<string, NDArray> {
  if (!Array.isArray(instances)) throw new InvalidArgumentError("Excepting 'instances' to be an list/array");
  if (instances.length === 0) throw new InvalidArgumentError("No values in 'instances' array");
  const isNamed = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && !('b64' in v);
  const named = isNamed(instances[0]);
  if (!named && keys.length > 1) {
    throw new InvalidArgumentError('instances is a plain list, but expecting list of objects as multiple input tensors required as per tensorinfo_map');
  }
  const columns: Record<string, unknown[]> = Object.fromEntries(keys.map((k) => [k, []]));
  instances.forEach((item, i) => {
    if (named !== isNamed(item)) {
      throw new InvalidArgumentError(named ? `Expecting object but got list at item ${i} of input list` : `Expecting value/list but got object at item ${i} of input list`);
    }
    if (!named) { columns[keys[0]].push(item); return; }
    const itemKeys = Object.keys(item as object).sort();
    if (itemKeys.join(',') !== keys.join(',')) {
      throw new InvalidArgumentError(`Failed to process element: ${i} of 'instances' list. JSON object: ${JSON.stringify(item)} must only have keys: ${keys.join(',')}`);
    }
    for (const k of keys) columns[k].push((item as Record<string, unknown>)[k]);
  });
  const feeds: Record<string, NDArray> = {};
  for (const k of keys) {
    try { feeds[k] = tensorFromJson(columns[k], sig.inputs[k].dtype); } catch (e) {
      throw new InvalidArgumentError(`Failed to process 'instances' list for input: ${k}. Error: ${(e as Error).message}`);
    }
  }
  return feeds;
}

function columnarInputs(sig: SignatureDef, keys: string[], inputs: unknown): Record<string, NDArray> {
  const isObject = typeof inputs === 'object' && inputs !== null && !Array.isArray(inputs) && !('b64' in inputs);
  if (!isObject) {
    if (keys.length > 1) throw new InvalidArgumentError('inputs is a plain value/list, but expecting an object as multiple input tensors required as per tensorinfo_map');
    return { [keys[0]]: tensorFromJson(inputs, sig.inputs[keys[0]].dtype) };
  }
  const feeds: Record<string, NDArray> = {};
  for (const k of keys) {
    if (!(k in (inputs as object))) throw new InvalidArgumentError(`Missing named input: ${k} in 'inputs' object.`);
    feeds[k] = tensorFromJson((inputs as Record<string, unknown>)[k], sig.inputs[k].dtype);
  }
  return feeds;
}

async function predict(batcher: Batcher, key: string, sig: SignatureDef, body: Record<string, unknown>): Promise<string> {
  const { feeds, row } = requestTensors(sig, body);
  const outputs = await batcher.submit(key, sig, feeds);
  const outKeys = Object.keys(outputs).sort();
  if (!row) {
    const columns = outKeys.length === 1 ? tensorJson(outputs[outKeys[0]])
      : `{${outKeys.map((k) => `${JSON.stringify(k)}:${tensorJson(outputs[k])}`).join(',')}}`;
    return `{"outputs":${columns}}`;
  }
  const rows = outputs[outKeys[0]].shape[0];
  for (const k of outKeys) {
    if (outputs[k].shape.length === 0 || outputs[k].shape[0] !== rows) {
      throw new InvalidArgumentError(`Batch size for output tensor ${k} is not the same as the batch size of the other outputs; use the columnar ("inputs") format`);
    }
  }
  const predictions = Array.from({ length: rows }, (_, i) => (outKeys.length === 1 ? rowJson(outputs[outKeys[0]], i)
    : `{${outKeys.map((k) => `${JSON.stringify(k)}:${rowJson(outputs[k], i)}`).join(',')}}`));
  return `{"predictions":[${predictions.join(',')}]}`;
}

const METHOD = { classify: 'tensorflow/serving/classify', regress: 'tensorflow/serving/regress' } as const;

/**
 * :classify and :regress as TF Serving runs them (servables/tensorflow/classifier.cc,
 * regressor.cc): the signature's one input, key "inputs", is fed the request's examples
 * as serialized tf.Examples; "outputs" (regress) or "scores"/"classes" (classify) come back
 * as {"results": ...}.
 */
async function classifyOrRegress(model: ServedModel, batcher: Batcher, key: string, sig: SignatureDef, body: Record<string, unknown>,
  verb: 'classify' | 'regress'): Promise<string> {
  const kind = verb === 'classify' ? 'classification' : 'regression';
  if (sig.method_name !== METHOD[verb]) throw new InvalidArgumentError(`Expected ${kind} signature method_name to be ${METHOD[verb]}. Was: ${sig.method_name}`);
  if (Object.keys(sig.inputs).length !== 1) throw new InvalidArgumentError('Expected one input Tensor.');
  const outKeys = Object.keys(sig.outputs);
  if (verb === 'regress' ? outKeys.length !== 1 : outKeys.length !== 1 && outKeys.length !== 2) {
    throw new InvalidArgumentError(verb === 'regress' ? 'Expected one output Tensor.' : `Expected one or two output Tensors, found ${outKeys.length}`);
  }
  if (!sig.inputs.inputs) throw new FailedPreconditionError(`No ${kind} inputs found in SignatureDef "${key}"`);
  if (verb === 'regress' && !sig.outputs.outputs) throw new FailedPreconditionError(`No regression outputs found in SignatureDef "${key}"`);
  if (verb === 'classify' && !sig.outputs.classes && !sig.outputs.scores) {
    throw new FailedPreconditionError(`Expected classification signature outputs to contain at least one of "classes" or "scores". Signature was: "${key}"`);
  }
  // The graph's tensor, not the TensorInfo, says what it takes: TF 1.0's half_plus_three lists its string tf_example:0 as DT_FLOAT.
  const input = model.sess.graph.get_tensor_by_name(sig.inputs.inputs.name);
  if (input.dtype !== 'string') {
    throw new InvalidArgumentError(`Signature "${key}" takes ${input.name} of type ${tfDataType(input.dtype)}; ` +
      `:${verb} feeds serialized tf.Examples (DT_STRING): use :predict`);
  }
  const examples = serializedExamples(body, verb);
  const outputs = await batcher.submit(key, sig, { inputs: NDArray.fromStrings(examples, [examples.length]) });
  return verb === 'regress' ? regressionJson(outputs.outputs, examples.length) : classificationJson(outputs.classes, outputs.scores, examples.length);
}

function regressionJson(values: NDArray, n: number): string {
  const s = values.shape;
  if (!(s.length === 1 || (s.length === 2 && s[1] === 1))) {
    throw new InvalidArgumentError(`Expected output Tensor shape to be either [batch_size] or [batch_size, 1] but got [${s.join(',')}]`);
  }
  if (s[0] !== n) throw new InvalidArgumentError(`Input batch size did not match output batch size: ${n} vs. ${s[0]}`);
  if (values.dtype !== 'float32') throw new InvalidArgumentError(`Expected output Tensor of DT_FLOAT.  Got: ${tfDataType(values.dtype)}`);
  return `{"results":[${Array.from(values.data as Float32Array, float32Text).join(',')}]}`;
}

function classificationJson(classes: NDArray | undefined, scores: NDArray | undefined, n: number): string {
  for (const [what, t, dtype] of [['classes', classes, 'string'], ['scores', scores, 'float32']] as const) {
    if (!t) continue;
    if (t.shape.length !== 2) throw new InvalidArgumentError(`Expected Tensor shape: [batch_size num_classes] but got [${t.shape.join(',')}]`);
    if (t.dtype !== dtype) throw new InvalidArgumentError(`Expected ${what} Tensor of ${tfDataType(dtype)}. Got: ${tfDataType(t.dtype)}`);
    if (t.shape[0] !== n) throw new InvalidArgumentError(`Expected ${what} output batch size of ${n}. Got: ${t.shape[0]}`);
  }
  if (classes && scores && classes.shape[1] !== scores.shape[1]) {
    throw new InvalidArgumentError(`Tensors class and score should match in dim_size(1). Got ${classes.shape[1]} vs. ${scores.shape[1]}`);
  }
  const numClasses = (classes ?? scores)!.shape[1];
  const results = Array.from({ length: n }, (_, i) => {
    const pairs = Array.from({ length: numClasses }, (_, c) => {
      const label = classes ? new TextDecoder().decode(classes.strings![i * numClasses + c]) : '';
      // A class without a score is scored 0, as ClassificationResult's default.
      return `[${JSON.stringify(label)},${float32Text(scores ? scores.data[i * numClasses + c] as number : 0)}]`;
    });
    return `[${pairs.join(',')}]`;
  });
  return `{"results":[${results.join(',')}]}`;
}
