import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { spawn } from 'child_process';
import { fromBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { ExampleSchema } from '../lib/proto/tensorflow/core/example/example_pb';
import { loadServedModel, newestVersion } from '../tools/serve/served_model';
import { createRestServer } from '../tools/serve/rest_api';
import { tfModelsDir } from './helpers/tf_models';
import type { MetaGraph } from '../lib/saved_model/meta_graph';

/** 'x' of each serialized tf.Example, as [n, 1] floats: lets a test graph take :classify/:regress requests. */
const exampleX = tf.register_op({
  name: 'ServeSpecExampleX', inputs: [{ name: 'serialized', type: 'string' }], outputs: [{ name: 'x', type: 'float32' }],
  shape: ([s]) => ({ shape: [s.shape?.[0] ?? null, 1] }),
  kernels: {
    cpu: ([s]: NDArray[]) => {
      const out = new Float32Array(s.size);
      s.strings!.forEach((bytes, i) => {
        const kind = fromBinary(ExampleSchema, bytes).features!.feature.x.kind;
        out[i] = Number((kind.value as { value: (number | bigint)[] }).value[0]);
      });
      return new NDArray(out, [s.size, 1], 'float32');
    },
  },
});

type Served = { url: string; close: () => Promise<void>; server: ReturnType<typeof createRestServer> };

async function serve(base: string, name: string, options = { windowMs: 2, maxBatchSize: 64, maxRequestBytes: 1 << 20 }): Promise<Served> {
  const server = createRestServer(loadServedModel(name, base), options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function call(url: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

describe('tensorgraph-serve: TF Serving REST API', function () {
  this.timeout(60000);
  let dir: string;
  let base: string;
  let s: Served;
  let W: NDArray, b: NDArray;
  const logLevel = process.env.TENSORGRAPH_LOG_LEVEL;

  /** A linear 4 -> 3 model with softmax, saved as version `version` under base. */
  function saveVersion(version: string, seed: number) {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.set_random_seed(seed);
      const x = tf.placeholder(tf.float32, [null, 4], 'x');
      const Wv = tf.Variable(tf.random_normal([4, 3]));
      const bv = tf.Variable(tf.random_normal([3]));
      const logits = tf.add(tf.matmul(x, Wv), bv);
      const probs = tf.nn.softmax(logits);
      const classes = tf.argmax(logits, 1);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      [W, b] = sess.run([Wv, bv]) as NDArray[];
      const builder = new tf.saved_model.builder.SavedModelBuilder(path.join(base, version));
      builder.add_meta_graph_and_variables(sess, ['serve'], {
        signature_def_map: {
          serving_default: tf.saved_model.predict_signature_def({ x }, { probs }),
          both: tf.saved_model.predict_signature_def({ x }, { probs, classes }),
          regress_x_to_y: tf.saved_model.build_signature_def({ inputs: tf.saved_model.utils.build_tensor_info(x) },
            { outputs: tf.saved_model.utils.build_tensor_info(probs) }, 'tensorflow/serving/regress'),
        },
      });
      builder.save();
    });
  }

  function expectedProbs(rows: number[][]): number[][] {
    return rows.map((r) => {
      const z = [0, 1, 2].map((j) => r.reduce((s, v, i) => s + v * (W.data[i * 3 + j] as number), b.data[j] as number));
      const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)), t = e.reduce((p, q) => p + q);
      return e.map((v) => v / t);
    });
  }

  before(async () => {
    process.env.TENSORGRAPH_LOG_LEVEL = 'WARN';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-serve-'));
    base = path.join(dir, 'mnist');
    saveVersion('1', 1);
    saveVersion('10', 2); // newest: 10 > 9 > 1 numerically, not as text
    fs.mkdirSync(path.join(base, '9.tmp'));
    s = await serve(base, 'mnist');
  });
  after(async () => {
    await s?.close();
    if (logLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = logLevel;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the newest numeric version folder; GET /v1/models/NAME gives its status as TF Serving', async () => {
    expect(newestVersion(base).version).to.equal(10);
    const r = await call(`${s.url}/v1/models/mnist`);
    expect(r.status).to.equal(200);
    expect(r.json).to.deep.equal({ model_version_status: [{ version: '10', state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }] });
    expect((await call(`${s.url}/v1/models/mnist/versions/10`)).status).to.equal(200);
    expect(await call(`${s.url}/v1/models/mnist/versions/1`)).to.deep.equal({ status: 404, json: { error: 'Servable not found for request: Specific(mnist, 1)' } });
    expect(await call(`${s.url}/v1/models/other`)).to.deep.equal({ status: 404, json: { error: 'Servable not found for request: Latest(other)' } });
    expect(await call(`${s.url}/v2/whatever`)).to.deep.equal({ status: 404, json: { error: 'Malformed request: GET /v2/whatever' } });
  });

  it('GET /v1/models/NAME/metadata: the signature_def map as TF Serving prints it', async () => {
    const r = await call(`${s.url}/v1/models/mnist/metadata`);
    expect(r.status).to.equal(200);
    expect(r.json.model_spec).to.deep.equal({ name: 'mnist', signature_name: '', version: '10' });
    const sig = r.json.metadata.signature_def.signature_def.serving_default;
    expect(sig.method_name).to.equal('tensorflow/serving/predict');
    expect(sig.inputs.x).to.deep.equal({ dtype: 'DT_FLOAT', tensor_shape: { dim: [{ size: '-1', name: '' }, { size: '4', name: '' }], unknown_rank: false }, name: 'x:0' });
    expect(Object.keys(r.json.metadata.signature_def.signature_def).sort()).to.deep.equal(['both', 'regress_x_to_y', 'serving_default']);
  });

  it(':predict with "instances" (row format) and "inputs" (columnar), one output and several', async () => {
    const rows = [[1, 2, 3, 4], [0, -1, 0.5, 2]];
    const want = expectedProbs(rows);
    const r = await call(`${s.url}/v1/models/mnist:predict`, { instances: rows });
    expect(r.status).to.equal(200);
    r.json.predictions.forEach((p: number[], i: number) => p.forEach((v, j) => expect(v).to.be.closeTo(want[i][j], 1e-6)));
    const c = await call(`${s.url}/v1/models/mnist:predict`, { inputs: rows });
    expect(c.json.outputs).to.deep.equal(r.json.predictions);
    const named = await call(`${s.url}/v1/models/mnist/versions/10:predict`, { signature_name: 'both', instances: rows.map((x) => ({ x })) });
    expect(named.json.predictions.map((p: { classes: number }) => p.classes)).to.deep.equal(want.map((p) => p.indexOf(Math.max(...p))));
    expect(named.json.predictions[0].probs).to.deep.equal(r.json.predictions[0]);
    const cols = await call(`${s.url}/v1/models/mnist:predict`, { signature_name: 'both', inputs: { x: rows } });
    expect(cols.json.outputs.probs).to.deep.equal(r.json.predictions);
    expect(cols.json.outputs.classes).to.deep.equal(named.json.predictions.map((p: { classes: number }) => p.classes));
  });

  it('request errors: TF Serving\'s messages as {"error"} with its HTTP codes; 413 past the size bound', async () => {
    const predict = `${s.url}/v1/models/mnist:predict`;
    const bad = async (body: unknown, status: number, message: string | RegExp) => {
      const r = await call(predict, body);
      expect(r.status, JSON.stringify(body)).to.equal(status);
      if (typeof message === 'string') expect(r.json).to.deep.equal({ error: message }); else expect(r.json.error).to.match(message);
    };
    await bad('{"instances": [', 400, /^JSON Parse error: /);
    await bad('', 400, 'JSON Parse error: The document is empty');
    await bad({}, 400, "Missing 'inputs' or 'instances' key");
    await bad({ instances: [[1, 2, 3, 4]], inputs: [[1, 2, 3, 4]] }, 400, "Not formatted correctly expecting only one of 'inputs' or 'instances' keys to exist");
    await bad({ instances: [] }, 400, "No values in 'instances' array");
    await bad({ instances: [[1, 2, 3, 4], [1, 2]] }, 400, "Failed to process 'instances' list for input: x. Error: Encountered list at unexpected size: 2 at level: 1 expected size: 4");
    await bad({ instances: [[1, 2, 3]] }, 400, /Cannot feed value of shape \(1, 3\) for Tensor 'x:0', which has shape '\(\?, 4\)'/);
    await bad({ instances: [['a', 2, 3, 4]] }, 400, /is not of expected type: float32/);
    await bad({ signature_name: 'nope', instances: [[1, 2, 3, 4]] }, 400, 'Serving signature key "nope" not found.');
    await bad({ signature_name: 'both', instances: [{ x: [1, 2, 3, 4], z: 1 }] }, 400,
      'Failed to process element: 0 of \'instances\' list. JSON object: {"x":[1,2,3,4],"z":1} must only have keys: x');
    const classify = await call(`${s.url}/v1/models/mnist:classify`, { examples: [{ x: 1 }] });
    expect(classify).to.deep.equal({ status: 400, json: { error: 'Expected classification signature method_name to be tensorflow/serving/classify. Was: tensorflow/serving/predict' } });
    const regress = await call(`${s.url}/v1/models/mnist:regress`, { signature_name: 'both', examples: [{ x: 1 }] });
    expect(regress.json.error).to.equal('Expected regression signature method_name to be tensorflow/serving/regress. Was: tensorflow/serving/predict');
    const huge = await call(predict, { instances: Array.from({ length: 60000 }, () => [1.5, 2.5, 3.5, 4.5]) });
    expect(huge).to.deep.equal({ status: 413, json: { error: 'Request body too large: more than 1048576 bytes' } });
    expect((await call(`${s.url}/v1/models/mnist:predict`, undefined, 'GET')).status).to.equal(404);
  });

  it(':regress and :classify where the signature has them: JSON examples (and context) as serialized tf.Examples', async () => {
    // tensorgraph's SavedModel file cannot hold a string signature input yet: the served model is made in memory.
    const g = new tf.Graph();
    const model = g.as_default(() => {
      const ex = tf.placeholder(tf.string, [null], 'tf_example');
      const y = tf.add(tf.multiply(exampleX([ex]).outputs[0], 0.5), 2);
      const sess = new tf.Session({ graph: g });
      const signature_def = {
        regress_x_to_y: tf.saved_model.regression_signature_def(ex, y),
        classify_x_to_y: tf.saved_model.classification_signature_def(ex, null, y),
      };
      return { name: 'half', version: 1, dir: '', sess, meta: { signature_def } as unknown as MetaGraph };
    });
    const server = createRestServer(model);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/models/half`;
    try {
      expect(await call(`${url}:regress`, { signature_name: 'regress_x_to_y', examples: [{ x: 1 }, { x: 2.5 }] }))
        .to.deep.equal({ status: 200, json: { results: [2.5, 3.25] } });
      expect(await call(`${url}:classify`, { signature_name: 'classify_x_to_y', context: { x: 4 }, examples: [{}, { x: 1 }] }))
        .to.deep.equal({ status: 200, json: { results: [[['', 4]], [['', 2.5]]] } });
      expect(await call(`${s.url}/v1/models/mnist:regress`, { signature_name: 'regress_x_to_y', examples: [{ x: 1 }] })).to.deep.equal({
        status: 400, json: { error: 'Signature "regress_x_to_y" takes x:0 of type DT_FLOAT; :regress feeds serialized tf.Examples (DT_STRING): use :predict' },
      });
    } finally { await new Promise((resolve) => server.close(resolve)); }
  });

  it('batches concurrent requests into one run and gives each its own rows; a bad request in a batch fails alone', async () => {
    const slow = await serve(base, 'mnist', { windowMs: 50, maxBatchSize: 64, maxRequestBytes: 1 << 20 });
    try {
      const requests = Array.from({ length: 12 }, (_, i) => [[i, 1, 2, 3], [3, 2, 1, i]]);
      const responses = await Promise.all(requests.map((rows) => call(`${slow.url}/v1/models/mnist:predict`, { instances: rows })));
      responses.forEach((r, i) => {
        const want = expectedProbs(requests[i]);
        r.json.predictions.forEach((p: number[], k: number) => p.forEach((v, j) => expect(v).to.be.closeTo(want[k][j], 1e-6)));
      });
      expect(slow.server.batcher.stats.runs).to.be.lessThan(4); // 12 requests, 24 rows
      expect(slow.server.batcher.stats.largestBatch).to.be.at.least(6);
      const mixed = await Promise.all([
        call(`${slow.url}/v1/models/mnist:predict`, { instances: [[1, 2, 3, 4]] }),
        call(`${slow.url}/v1/models/mnist:predict`, { instances: [[1, 2, 3]] }),
        call(`${slow.url}/v1/models/mnist:predict`, { instances: [[4, 3, 2, 1]] }),
      ]);
      expect(mixed.map((r) => r.status)).to.deep.equal([200, 400, 200]);
    } finally { await slow.close(); }
  });

  it("TensorFlow's own SavedModel (half_plus_two, version folder 00000123): [1, 2, 5] -> [2.5, 3, 4.5] as in TF Serving's docs", async () => {
    const half = await serve(path.join(tfModelsDir(), 'saved_model_half_plus_two_cpu'), 'half_plus_two');
    try {
      expect((await call(`${half.url}/v1/models/half_plus_two`)).json.model_version_status[0].version).to.equal('123');
      expect(await call(`${half.url}/v1/models/half_plus_two:predict`, { instances: [[1.0], [2.0], [5.0]] }))
        .to.deep.equal({ status: 200, json: { predictions: [[2.5], [3], [4.5]] } });
    } finally { await half.close(); }
  });

  it(":classify and :regress on TensorFlow's half_plus_two: TF Serving's request JSON as serialized tf.Examples through its ParseExample, y = 0.5x + 2", async () => {
    const half = await serve(path.join(tfModelsDir(), 'saved_model_half_plus_two_cpu'), 'half_plus_two');
    const url = `${half.url}/v1/models/half_plus_two`;
    const post = async (verb: string, text: string) => { const r = await fetch(`${url}:${verb}`, { method: 'POST', body: text }); return { status: r.status, text: await r.text() }; };
    try {
      // Raw text: TF Serving writes floats with a '.0' when whole, and "1.0" (not "1") makes a float feature.
      expect(await post('classify', '{"signature_name": "classify_x_to_y", "examples": [{"x": 1.0}, {"x": 3.0}, {"x": -2.5}]}'))
        .to.deep.equal({ status: 200, text: '{"results":[[["",2.5]],[["",3.5]],[["",0.75]]]}' });
      expect(await post('regress', '{"signature_name": "regress_x_to_y", "examples": [{"x": 1.0}, {"x": 2e0}, {"x": 5.5}]}'))
        .to.deep.equal({ status: 200, text: '{"results":[2.5,3.0,4.75]}' });
      // regress_x_to_y2 is y2 = 0.5x + 3 on the same examples; the context's x is each example's.
      expect(await call(`${url}:regress`, { signature_name: 'regress_x_to_y2', context: { x: 0.5 }, examples: [{}, {}] }))
        .to.deep.equal({ status: 200, json: { results: [3.25, 3.25] } });
      // A whole number is an int64 feature, as in TF Serving: ParseExample, wanting float, says so.
      const int = await post('regress', '{"signature_name": "regress_x_to_y", "examples": [{"x": 1}]}');
      expect(int.status).to.equal(400);
      expect(JSON.parse(int.text).error).to.match(/^Name: <unknown>, Feature: x\.  Data types don't match\. Expected type: float, Actual type: int64/);
      expect(await call(`${url}:regress`, { signature_name: 'regress_x_to_y', examples: [{ x: [1.5, 'a'] }] }))
        .to.deep.equal({ status: 400, json: { error: 'Unexpected element type in feature: x expecting type: float' } });
      expect(await call(`${url}:regress`, { signature_name: 'regress_x_to_y', examples: [{ x: null }] }))
        .to.deep.equal({ status: 400, json: { error: 'Feature: x has element with unexpected JSON type: Null' } });
      expect(await call(`${url}:regress`, { signature_name: 'regress_x_to_y', examples: [] })).to.deep.equal({
        status: 400, json: { error: 'JSON Value: {"signature_name":"regress_x_to_y","examples":[]} \'examples\' value is an empty array' },
      });
      expect(await call(`${url}:classify`, { signature_name: 'regress_x_to_y', examples: [{ x: 1.5 }] })).to.deep.equal({
        status: 400, json: { error: 'Expected classification signature method_name to be tensorflow/serving/classify. Was: tensorflow/serving/regress' },
      });
      expect(await call(`${url}:regress`, { signature_name: 'nope', examples: [{ x: 1.5 }] }))
        .to.deep.equal({ status: 400, json: { error: 'No signature was found with the name: nope' } });
      // regress_x2_to_y3 takes x2:0 (DT_FLOAT), not tf.Examples.
      expect((await call(`${url}:regress`, { signature_name: 'regress_x2_to_y3', examples: [{ x2: 1.5 }] })).json.error).to.equal(
        'Signature "regress_x2_to_y3" takes x2:0 of type DT_FLOAT; :regress feeds serialized tf.Examples (DT_STRING): use :predict');
    } finally { await half.close(); }
  });

  it(":regress on TensorFlow 1.0's half_plus_three as in TF Serving's REST docs: [1.0, 2.0] -> [3.5, 4.0] (its TensorInfo calls tf_example:0 DT_FLOAT)", async () => {
    const three = await serve(path.join(tfModelsDir(), 'saved_model_half_plus_three'), 'half_plus_three');
    try {
      const r = await fetch(`${three.url}/v1/models/half_plus_three:regress`, {
        method: 'POST', body: '{"signature_name": "tensorflow/serving/regress", "examples": [{"x": 1.0}, {"x": 2.0}]}',
      });
      expect({ status: r.status, text: await r.text() }).to.deep.equal({ status: 200, text: '{"results":[3.5,4.0]}' });
    } finally { await three.close(); }
  });

  it('npx tensorgraph-serve (dist/tools/serve.js): starts on the given port and answers; usage errors exit 2', async () => {
    const bin = path.resolve(__dirname, '..', 'tools', 'serve.js');
    const child = spawn(process.execPath, [bin, '--model_base_path', base, '--port', '0', '--rest_api_host', '127.0.0.1', '--model_name', 'digits']);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => { out += d; const m = /localhost:(\d+)/.exec(out); if (m) resolve(Number(m[1])); });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const r = await call(`http://127.0.0.1:${port}/v1/models/digits`);
      expect(r.json.model_version_status[0].version).to.equal('10');
    } finally { child.kill('SIGTERM'); }
    const usage = spawn(process.execPath, [bin]);
    let err = '';
    usage.stderr.on('data', (d) => { err += d; });
    const code = await new Promise((resolve) => usage.on('exit', resolve));
    expect(code).to.equal(2);
    expect(err).to.match(/tensorgraph-serve: error: the following argument is required: --model_base_path\n$/);
  });
});

describe('tensorgraph-serve JSON with decimals (parseJsonWithDecimals)', () => {
  it('reads what JSON.parse reads, numbers written as decimals as JsonDecimal; NaN and Infinity as TF Serving; errors as SyntaxError', async () => {
    const { parseJsonWithDecimals, JsonDecimal } = await import('../tools/serve/json_with_decimals');
    const doc = parseJsonWithDecimals(' {"a": [1, 1.0, -2e3, 0, true, null, "s\\u00e9\\n"], "__proto__": {"b": {}}, "c": [NaN, -Infinity]} ') as any;
    expect(doc.a).to.deep.equal([1, new JsonDecimal(1), new JsonDecimal(-2000), 0, true, null, 's\u00e9\n']);
    expect(Object.getPrototypeOf(doc)).to.equal(Object.prototype);
    expect(Object.keys(doc)).to.deep.equal(['a', '__proto__', 'c']);
    expect(doc.c[0].value).to.be.NaN;
    expect(doc.c[1]).to.deep.equal(new JsonDecimal(-Infinity));
    expect(JSON.stringify(parseJsonWithDecimals('[2.5, 3]'))).to.equal('[2.5,3]');
    expect(() => parseJsonWithDecimals('{"a": 01}')).to.throw(SyntaxError, "Missing ',' or '}' after an object member at offset 8");
    expect(() => parseJsonWithDecimals('[1,]')).to.throw(SyntaxError, 'Invalid value at offset 3');
    expect(() => parseJsonWithDecimals('{} x')).to.throw(SyntaxError, 'The document root must not be followed by other values at offset 3');
  });
});

describe('tensorgraph-serve batching (Batcher)', () => {
  it('retries a failed batch request by request, so only the request that fails gets the error', async () => {
    const { Batcher } = await import('../tools/serve/batcher');
    const sig = {
      inputs: { x: { name: 'x:0', dtype: 'float32' as const, tensor_shape: { dim: [{ size: -1 }, { size: 2 }] } } },
      outputs: { y: { name: 'y:0', dtype: 'float32' as const, tensor_shape: { dim: [{ size: -1 }, { size: 2 }] } } },
      method_name: 'tensorflow/serving/predict',
    };
    const runs: number[] = [];
    const batcher = new Batcher((_fetches, feeds) => {
      const x = feeds['x:0'];
      runs.push(x.shape[0]);
      if (Array.from(x.data).includes(666)) throw new tf.errors.InvalidArgumentError('666 is not allowed');
      return [new NDArray(Float32Array.from(x.data, (v) => v * 2), x.shape, 'float32')];
    }, { windowMs: 20, maxBatchSize: 64 });
    const rows = (...v: number[]) => new NDArray(Float32Array.from(v), [v.length / 2, 2], 'float32');
    const results = await Promise.allSettled([
      batcher.submit('k', sig, { x: rows(1, 2) }), batcher.submit('k', sig, { x: rows(666, 0) }), batcher.submit('k', sig, { x: rows(3, 4, 5, 6) }),
    ]);
    expect(runs).to.deep.equal([4, 1, 1, 2]); // the batch of 4 rows, then each request alone
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(Array.from((results[2] as PromiseFulfilledResult<Record<string, NDArray>>).value.y.data)).to.deep.equal([6, 8, 10, 12]);
    expect((results[1] as PromiseRejectedResult).reason.message).to.equal('666 is not allowed');
  });
});
