import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fromBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { ModelProtoSchema, ModelProto } from '../lib/proto/onnx/onnx_pb';
import { prepareMnist } from '../tools/prepare_mnist';
import { swish, spirals } from '../examples/custom_op';
import { runOnnx, maxAbsDiff, argmaxRows } from './helpers/onnx_runtime';
import { main as savedModelCli } from '../tools/saved_model_cli';

/** Rows [from, to) of a [N, ...] array, copied. */
function rows(a: NDArray, from: number, to: number): NDArray {
  const size = a.size / a.shape[0];
  return new NDArray(a.data.slice(from * size, to * size), [to - from, ...a.shape.slice(1)], a.dtype);
}

function decode(bytes: Uint8Array): ModelProto { return fromBinary(ModelProtoSchema, bytes); }

/** Checks ONNX Runtime against sess.run on `xs`, whole and in batches of 1 and 7 (the batch dim is dynamic). */
async function expectSameAsSession(sess: tf.Session, model: Uint8Array, x: tf.Tensor, y: tf.Tensor, xs: NDArray, yName = 'y', xName = 'x',
  more: [tf.Tensor, number][] = []) {
  const feed = (v: NDArray) => new Map<tf.Tensor, NDArray | number>([[x, v], ...more]);
  const expected = sess.run(y, feed(xs)) as NDArray;
  const got = (await runOnnx(model, { [xName]: xs }))[yName];
  expect(got.shape).to.deep.equal(expected.shape);
  expect(maxAbsDiff(got, expected)).to.be.at.most(1e-4);
  if (expected.shape.length === 2) expect(argmaxRows(got)).to.deep.equal(argmaxRows(expected));
  for (const n of [1, 7]) {
    const part = rows(xs, 0, n);
    const one = (await runOnnx(model, { [xName]: part }))[yName];
    expect(one.shape[0]).to.equal(n);
    expect(maxAbsDiff(one, sess.run(y, feed(part)) as NDArray)).to.be.at.most(1e-4);
  }
  return { expected, got };
}

describe('tf.onnx.export, checked in ONNX Runtime', function () {
  this.timeout(120000);
  let dir: string;
  let testImages: NDArray;
  let mnist: ReturnType<typeof tf.examples.tutorials.mnist.input_data.read_data_sets>;
  const logLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => {
    process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; // no INFO lines from saving and loading
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-onnx-'));
    prepareMnist(path.join(dir, 'MNIST_data'), { log: () => {} });
    mnist = tf.examples.tutorials.mnist.input_data.read_data_sets(path.join(dir, 'MNIST_data'), { one_hot: true, seed: 1, verbose: false });
    testImages = mnist.test.images;
  });
  after(() => {
    if (logLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = logLevel;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the softmax regression: same probabilities (<= 1e-4) and argmax on all bundled test digits; batch 1 and 7', async () => {
    const g = new tf.Graph();
    await g.as_default(async () => {
      tf.set_random_seed(1);
      const x = tf.placeholder(tf.float32, [null, 784], 'x');
      const W = tf.Variable(tf.zeros([784, 10]));
      const b = tf.Variable(tf.zeros([10]));
      const y = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
      const y_ = tf.placeholder(tf.float32, [null, 10]);
      const loss = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y)), [1])));
      const train = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      for (let i = 0; i < 50; i++) {
        const [xs, ys] = mnist.train.next_batch(100);
        sess.run(train, new Map([[x, xs], [y_, ys]]));
      }
      const model = tf.onnx.export(sess, { inputs: { x }, outputs: { y } });
      const types = decode(model).graph!.node.map((n) => n.opType);
      expect(types).to.deep.equal(['MatMul', 'Add', 'Softmax', 'Identity']); // no training op reached
      const { expected } = await expectSameAsSession(sess, model, x, y, testImages);
      expect(expected.shape).to.deep.equal([testImages.shape[0], 10]);
      expect(testImages.shape[0]).to.be.greaterThan(1000);
    });
  });

  it('the Deep MNIST CNN: dropout folded, weights OIHW, 2 transposes only; same outputs and argmax; batch 1 and 7', async () => {
    const g = new tf.Graph();
    await g.as_default(async () => {
      tf.set_random_seed(3);
      const x = tf.placeholder('float', [null, 784], 'x');
      const y_ = tf.placeholder('float', [null, 10]);
      const weight_variable = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1 }));
      const bias_variable = (shape: number[]) => tf.Variable(tf.constant(0.1, { shape }));
      const conv2d = (input: tf.Tensor, W: tf.Variable) => tf.nn.conv2d(input, W, [1, 1, 1, 1], 'SAME');
      const max_pool_2x2 = (input: tf.Tensor) => tf.nn.max_pool(input, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
      const W_conv1 = weight_variable([5, 5, 1, 32]), b_conv1 = bias_variable([32]);
      const x_image = tf.reshape(x, [-1, 28, 28, 1]);
      const h_pool1 = max_pool_2x2(tf.nn.relu(tf.add(conv2d(x_image, W_conv1), b_conv1)));
      const W_conv2 = weight_variable([5, 5, 32, 64]), b_conv2 = bias_variable([64]);
      const h_pool2 = max_pool_2x2(tf.nn.relu(tf.add(conv2d(h_pool1, W_conv2), b_conv2)));
      const W_fc1 = weight_variable([7 * 7 * 64, 1024]), b_fc1 = bias_variable([1024]);
      const h_fc1 = tf.nn.relu(tf.add(tf.matmul(tf.reshape(h_pool2, [-1, 7 * 7 * 64]), W_fc1), b_fc1));
      const keep_prob = tf.placeholder('float', undefined, 'keep_prob');
      const h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob);
      const W_fc2 = weight_variable([1024, 10]), b_fc2 = bias_variable([10]);
      const y_conv = tf.nn.softmax(tf.add(tf.matmul(h_fc1_drop, W_fc2), b_fc2));
      const cross_entropy = tf.negative(tf.reduce_sum(tf.multiply(y_, tf.log(y_conv))));
      const train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      for (let i = 0; i < 10; i++) {
        const [xs, ys] = mnist.train.next_batch(50);
        sess.run(train_step, new Map<tf.Tensor, NDArray | number>([[x, xs], [y_, ys], [keep_prob, 0.5]]));
      }

      expect(() => tf.onnx.export(sess, { inputs: { x }, outputs: { y: y_conv } })).to.throw(tf.errors.InvalidArgumentError,
        "onnx.export: the outputs need keep_prob:0: list it in inputs, or give its value in constants (e.g. {'keep_prob:0': 1} for dropout's keep_prob)");
      const file = path.join(dir, 'cnn.onnx');
      const model = tf.onnx.export(sess, { inputs: { x }, outputs: { y: y_conv }, constants: { 'keep_prob:0': 1 } }, file);
      expect(fs.readFileSync(file)).to.deep.equal(Buffer.from(model));
      const graph = decode(model).graph!;
      const types = graph.node.map((n) => n.opType);
      // NHWC -> NCHW once after the input reshape, back once before the flattening reshape: none between conv, relu and pool.
      expect(types.filter((t) => t === 'Transpose')).to.have.length(2);
      expect(types).to.include.members(['Conv', 'MaxPool', 'Relu', 'MatMul', 'Softmax']);
      expect(types).to.not.include.members(['Div', 'Mul', 'RandomUniform']); // dropout with keep_prob 1 is gone
      const conv1 = graph.node.find((n) => n.opType === 'Conv')!;
      const w1 = graph.initializer.find((t) => t.name === conv1.input[1])!;
      expect(w1.dims.map(Number)).to.deep.equal([32, 1, 5, 5]);
      // OIHW[o][0][h][w] = HWIO[h][w][0][o]
      const hwio = sess.run(W_conv1) as NDArray, oihw = new Float32Array(w1.rawData.slice().buffer);
      expect(oihw[((7 * 1 + 0) * 5 + 2) * 5 + 3]).to.equal(hwio.data[((2 * 5 + 3) * 1 + 0) * 32 + 7]);
      const pads = conv1.attribute.find((a) => a.name === 'pads')!;
      expect(pads.ints.map(Number)).to.deep.equal([2, 2, 2, 2]);
      await expectSameAsSession(sess, model, x, y_conv, testImages, 'y', 'x', [[keep_prob, 1]]);
    });
  });

  for (const kind of ['static_rnn', 'dynamic_rnn'] as const) {
    it(`an LSTM (BasicLSTMCell over tf.nn.${kind}) reading MNIST digits row by row: exported unrolled; same outputs and argmax; batch 1 and 7`, async () => {
      const g = new tf.Graph();
      await g.as_default(async () => {
        tf.set_random_seed(4);
        const x = tf.placeholder(tf.float32, [null, 784], 'x');
        const y_ = tf.placeholder(tf.float32, [null, 10]);
        const rowsOfImage = tf.reshape(x, [-1, 28, 28]); // 28 steps of 28 pixels
        const cell = tf.nn.rnn_cell.BasicLSTMCell(32, { forget_bias: 1.0 });
        let last: tf.Tensor;
        if (kind === 'static_rnn') {
          const [outputs] = tf.nn.static_rnn(cell, tf.unstack(rowsOfImage, 28, 1), { dtype: tf.float32 });
          last = outputs[outputs.length - 1];
        } else {
          const [outputs] = tf.nn.dynamic_rnn(cell, rowsOfImage, { dtype: tf.float32 });
          last = tf.strided_slice(outputs, [0, -1, 0], [0, 0, 0], [1, 1, 1], 5, 5, 0, 0, 2); // outputs[:, -1, :]
        }
        const W = tf.Variable(tf.truncated_normal([32, 10], { stddev: 0.1 })), b = tf.Variable(tf.zeros([10]));
        const logits = tf.add(tf.matmul(last, W), b);
        const y = tf.nn.softmax(logits);
        const loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ labels: y_, logits }));
        const train = tf.train.AdamOptimizer(1e-2).minimize(loss);
        const sess = new tf.Session({ graph: g });
        sess.run(tf.global_variables_initializer());
        for (let i = 0; i < 5; i++) {
          const [xs, ys] = mnist.train.next_batch(32);
          sess.run(train, new Map([[x, xs], [y_, ys]]));
        }
        const model = tf.onnx.export(sess, { inputs: { x }, outputs: { y } });
        const types = decode(model).graph!.node.map((n) => n.opType);
        expect(types.filter((t) => t === 'MatMul')).to.have.length(28 + 1); // one per step, then the classifier
        expect(types).to.not.include.members(['Loop', 'Scan']);
        await expectSameAsSession(sess, model, x, y, testImages);
      });
    });
  }

  it("the custom-op example's Swish network: exported through the mapping in its OpSpec; same outputs", async () => {
    const g = new tf.Graph();
    await g.as_default(async () => {
      tf.set_random_seed(1);
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const dense = (input: tf.Tensor, n_in: number, n_out: number, act: boolean) => {
        const W = tf.Variable(tf.truncated_normal([n_in, n_out], { stddev: Math.sqrt(2 / n_in) }));
        const z = tf.add(tf.matmul(input, W), tf.Variable(tf.zeros([n_out])));
        return act ? swish(z, { beta: 1.5 }) : z;
      };
      const logits = dense(swish(dense(x, 2, 32, false)), 32, 2, false);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      const model = tf.onnx.export(sess, { inputs: [x], outputs: { logits } });
      const types = decode(model).graph!.node.map((n) => n.opType);
      expect(types.filter((t) => t === 'Sigmoid')).to.have.length(1);
      expect(decode(model).graph!.input[0].name).to.equal('x:0'); // a list names the inputs by tensor name
      const { xs } = spirals(200);
      await expectSameAsSession(sess, model, x, logits, xs, 'logits', 'x:0');
    });
  });

  it('an op with no ONNX mapping: UnimplementedError naming the op type and the node', () => {
    const noOnnx = tf.register_op({
      name: 'OnnxSpecNoMapping', inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }],
      attrs: { T: { type: 'type' } }, shape: ([s]) => s, kernels: { cpu: ([a]: NDArray[]) => a },
    });
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3], 'x');
      const y = tf.nn.relu(noOnnx([x], {}, 'mine').outputs[0]);
      const sess = new tf.Session({ graph: g });
      expect(() => tf.onnx.export(sess, { inputs: { x }, outputs: { y } })).to.throw(tf.errors.UnimplementedError,
        "onnx.export: no ONNX mapping for op type 'OnnxSpecNoMapping' (node 'mine'). A custom op exports when its tf.register_op spec gives one ('onnx', docs/custom-ops.md)");
    });
  });

  it("register_op refuses an 'onnx' that is not a function", () => {
    expect(() => tf.register_op({
      name: 'OnnxSpecBadMapping', inputs: [], outputs: [{ name: 'y', type: 'float32' }], shape: () => ({ shape: [] }),
      onnx: 'Relu' as unknown as tf.onnx.OnnxOpMapping,
    })).to.throw(tf.errors.ValueError, "register_op('OnnxSpecBadMapping'): 'onnx' must be a function (ctx) => outputs");
  });

  it('writes a ModelProto ONNX reads: IR 7, opset 13 by default, typed inputs/outputs with the batch as dim_param', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 4], 'x');
      const y = tf.argmax(tf.nn.relu(x), 1, { output_type: tf.int32 });
      const sess = new tf.Session({ graph: g });
      const m = decode(tf.onnx.export(sess, { inputs: { images: x }, outputs: { classes: y }, opset: 15 }));
      expect(Number(m.irVersion)).to.equal(7);
      expect(m.opsetImport.map((o) => [o.domain, Number(o.version)])).to.deep.equal([['', 15]]);
      const input = m.graph!.input[0], output = m.graph!.output[0];
      expect(input.name).to.equal('images');
      const t = input.type!.value.value as { elemType: number; shape: { dim: { value: { case: string; value: unknown } }[] } };
      expect(t.elemType).to.equal(1);
      expect(t.shape.dim.map((d) => d.value)).to.deep.equal([{ case: 'dimParam', value: 'batch' }, { case: 'dimValue', value: 4n }]);
      expect(output.name).to.equal('classes');
      expect((output.type!.value.value as { elemType: number }).elemType).to.equal(6); // int32, cast from ONNX's int64 ArgMax
      expect(m.graph!.node.map((n) => n.opType)).to.deep.equal(['Relu', 'ArgMax', 'Cast', 'Identity']);
      expect(() => tf.onnx.export(sess, { inputs: { x }, outputs: { y }, opset: 11 })).to.throw(tf.errors.ValueError, 'onnx.export: opset must be an integer >= 13, got 11');
      expect(() => tf.onnx.export(sess, { inputs: { x }, outputs: {} })).to.throw(tf.errors.ValueError, 'onnx.export needs at least one output');
    });
  });

  it('tf.onnx.export binds its arguments as Python: (sess, {inputs, outputs, ...}, path), positional maps, keywords; unknown keys are TypeErrors', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3], 'x');
      const y = tf.nn.relu(tf.multiply(x, 2));
      const sess = new tf.Session({ graph: g });
      const file = path.join(dir, 'forms.onnx');
      const reference = tf.onnx.export(sess, { inputs: { x }, outputs: { y }, opset: 14 }, file);
      expect(fs.readFileSync(file)).to.deep.equal(Buffer.from(reference));
      expect(decode(reference).graph!.input.map((i) => i.name)).to.deep.equal(['x']);
      const forms = [
        tf.onnx.export(sess, { x }, { y }, { opset: 14 }),
        tf.onnx.export(sess, { x }, { y }, 14),
        tf.onnx.export(sess, { x }, { y }, 14, null, null),
        tf.onnx.export({ sess, inputs: { x }, outputs: { y }, opset: 14 }),
        tf.onnx.export(sess, { inputs: { x }, outputs: { y }, opset: 14 }),
        tf.onnx.export(sess, { x }, { y }, { opset: 14, path: path.join(dir, 'forms2.onnx') }),
      ];
      for (const bytes of forms) expect(Buffer.from(bytes)).to.deep.equal(Buffer.from(reference));
      expect(fs.readFileSync(path.join(dir, 'forms2.onnx'))).to.deep.equal(Buffer.from(reference));
      const untyped = tf.onnx.export as unknown as (...args: unknown[]) => Uint8Array;
      const accepts = 'it accepts sess, inputs, outputs, opset, constants, batch_dim, path';
      expect(() => untyped(sess, { inputs: { x }, outputs: { y }, opest: 14 }, file)).to.throw(TypeError,
        `export() got an unexpected keyword argument 'opest'; ${accepts}`);
      expect(() => untyped(sess, { x }, { y }, { constant: {} })).to.throw(TypeError, `export() got an unexpected keyword argument 'constant'; ${accepts}`);
      expect(() => untyped(sess, { inputs: { x }, outputs: { y }, path: file }, file)).to.throw(TypeError, "export() got multiple values for argument 'path'");
      expect(() => untyped(sess, { x })).to.throw(TypeError, "export() missing 1 required positional argument: 'outputs'");
      expect(() => untyped(sess, { x }, { y }, 14, null, 'batch', file, 1)).to.throw(TypeError, 'export() takes at most 7 positional arguments');
      expect(() => untyped(sess, { x }, { y }, { path: 7 })).to.throw(TypeError, "export() argument 'path' must be a string, got number");
    });
  });

  it('saved_model_cli convert --format onnx: a SavedModel signature as ONNX named by its keys; --constants; errors', async () => {
    const g = new tf.Graph();
    const exportDir = path.join(dir, 'saved');
    let expected: NDArray | undefined;
    const xs = rows(testImages, 0, 20);
    g.as_default(() => {
      tf.set_random_seed(2);
      const x = tf.placeholder(tf.float32, [null, 784], 'x');
      const keep = tf.placeholder(tf.float32, [], 'keep');
      const h = tf.nn.dropout(tf.nn.relu(tf.matmul(x, tf.Variable(tf.random_normal([784, 16], { stddev: 0.1 })))), keep);
      const scores = tf.nn.softmax(tf.matmul(h, tf.Variable(tf.random_normal([16, 10], { stddev: 0.1 }))));
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      expected = sess.run(scores, new Map<tf.Tensor, NDArray | number>([[x, xs], [keep, 1]])) as NDArray;
      tf.saved_model.simple_save(sess, exportDir, { images: x }, { scores });
    });
    const out: string[] = [], err: string[] = [];
    const file = path.join(dir, 'converted.onnx');
    const cli = (...args: string[]) => savedModelCli(args, (s) => out.push(s), (s) => err.push(s));
    expect(cli('convert', '--format', 'onnx', '--dir', exportDir, '--output', file)).to.equal(1);
    expect(err.pop()).to.equal("saved_model_cli: InvalidArgumentError: onnx.export: the outputs need keep:0: list it in inputs, " +
      "or give its value in constants (e.g. {'keep:0': 1} for dropout's keep_prob)\n");
    expect(cli('convert', '--format', 'onnx', '--dir', exportDir, '--output', file, '--constants', 'keep:0=1')).to.equal(0);
    expect(out.pop()).to.match(/^Wrote signature "serving_default" of .* as ONNX \(opset 13, \d+ bytes\) to .*converted.onnx\n  inputs: images\n  outputs: scores\n$/);
    const got = (await runOnnx(fs.readFileSync(file), { images: xs })).scores;
    expect(maxAbsDiff(got, expected!)).to.be.at.most(1e-5);
    expect(cli('convert', '--format', 'tflite', '--dir', exportDir, '--output', file)).to.equal(1);
    expect(err.pop()).to.equal("saved_model_cli: InvalidArgumentError: convert: unknown --format 'tflite' (supported: onnx)\n");
    expect(cli('convert', '--format', 'onnx', '--dir', exportDir, '--output', file, '--signature_def', 'nope')).to.equal(1);
    expect(err.pop()).to.equal('saved_model_cli: NotFoundError: Could not find signature "nope". Please choose from: serving_default\n');
    expect(cli('convert', '--format', 'onnx', '--dir', exportDir)).to.equal(2);
    expect(err.pop()).to.match(/saved_model_cli: error: convert: the following argument is required: --output\n$/);
  });
});
