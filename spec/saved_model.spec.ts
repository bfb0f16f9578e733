import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { decodeContainer, encodeContainer } from '../lib/saved_model/container';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { SavedModelSchema } from '../lib/proto/tensorflow/core/protobuf/saved_model_pb';
import { TensorShapeProtoSchema } from '../lib/proto/tensorflow/core/framework/tensor_shape_pb';
import { crc32c, crc32cUpdate } from '../lib/saved_model/crc32c';

const { builder, loader, signature_def_utils, tag_constants, signature_constants } = tf.saved_model;
const X = [[1, 2, 0.5, -1], [0, 1, 3, 1], [2, -1, 0, 0.25], [-0.5, 0.5, 1, 2]];
const Y = [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]];

/** The tutorial's softmax regression (4 features, 3 classes), trained a few GradientDescent steps. */
function trainedModel(steps = 5) {
  const x = tf.placeholder('float32', [null, 4], 'x');
  const y_ = tf.placeholder('float32', [null, 3], 'y_');
  const W = tf.Variable(tf.zeros([4, 3]), { name: 'W' });
  const b = tf.Variable(tf.zeros([3]), { name: 'b' });
  const y = tf.add(tf.matmul(x, W), b, 'model');
  const loss = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(tf.nn.softmax(y))), 1).neg());
  const train = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
  const sess = tf.Session();
  sess.run(tf.global_variables_initializer());
  for (let i = 0; i < steps; i++) sess.run(train, { [x.name]: X, [y_.name]: Y });
  return { x, y_, W, b, y, loss, train, sess };
}

function tamperJson(file: string, magic: string, edit: (json: any) => void): void {
  const json = decodeContainer(fs.readFileSync(file), magic, file) as any;
  edit(json);
  fs.writeFileSync(file, encodeContainer(magic, json));
}

function bits(a: NDArray): number[] { return Array.from(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)); }

describe('tf.saved_model', () => {
  let tmp: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-saved-model-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** Trains and saves the notebook's way; returns what the original session computes. */
  function saveTrained(dir: string, format: 'tensorflow' | 'tensorgraph' = 'tensorflow') {
    return new tf.Graph().as_default(() => {
      const m = trainedModel();
      const b = builder.SavedModelBuilder(dir, { format });
      const sig = signature_def_utils.predict_signature_def({ x: m.x }, { y: m.y });
      b.add_meta_graph_and_variables(m.sess, [tag_constants.SERVING], { signature_def_map: { model: sig } });
      b.add_meta_graph([tag_constants.SERVING], { strip_default_attrs: true });
      b.save();
      const out = m.sess.run(m.y, { x: X }) as NDArray;
      const classes = m.sess.run(tf.argmax(tf.nn.softmax(m.y), 1), { x: X }) as NDArray;
      return { out, classes, sig, W: m.sess.run(m.W) as NDArray, b: m.sess.run(m.b) as NDArray };
    });
  }

  for (const [format, file] of [['tensorflow', 'saved_model.pb'], ['tensorgraph', 'saved_model.tgsm']] as const) {
  it(`loads a trained model into a fresh graph and session: same outputs, bit for bit (${format} format)`, () => {
    const dir = path.join(tmp, 'mnist', '1');
    const saved = saveTrained(dir, format);
    expect(fs.readdirSync(dir).sort()).to.deep.equal([file, 'variables']);
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, [tag_constants.SERVING], dir);
      const graph = tf.get_default_graph();
      const x = graph.get_tensor_by_name('x:0');
      const y = graph.get_tensor_by_name('model:0');
      const out = sess.run(y, { [x.name]: X }) as NDArray;
      expect(out.shape).to.deep.equal([4, 3]);
      expect(bits(out)).to.deep.equal(bits(saved.out));
      expect(bits(sess.run(graph.get_tensor_by_name('W:0')))).to.deep.equal(bits(saved.W));
      expect(bits(sess.run('b/read:0'))).to.deep.equal(bits(saved.b));
      // The weights are trained ones, not the zeros of the initializer.
      expect(Array.from(saved.W.data).some((v) => v !== 0)).to.equal(true);
    });
  });
  }

  it('returns the meta graph with its signatures as built, and the graph can be extended and run', () => {
    const dir = path.join(tmp, 'm');
    const saved = saveTrained(dir);
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const meta = loader.load(sess, ['serve'], dir);
      expect(meta.meta_info_def.tags).to.deep.equal(['serve']);
      expect(Object.keys(meta.signature_def)).to.deep.equal(['model']);
      expect(meta.signature_def.model).to.deep.equal(saved.sig);
      expect(meta.signature_def.model.inputs.x).to.deep.equal({ name: 'x:0', dtype: 'float32', tensor_shape: { dim: [{ size: -1 }, { size: 4 }] } });
      expect(meta.signature_def.model.method_name).to.equal(signature_constants.PREDICT_METHOD_NAME);
      const graph = tf.get_default_graph();
      const result = tf.argmax(tf.nn.softmax(graph.get_tensor_by_name('model:0')), 1);
      expect(result.op.name).to.equal('ArgMax');
      const classes = sess.run(result, { 'x:0': X }) as NDArray;
      expect(Array.from(classes.data)).to.deep.equal(Array.from(saved.classes.data));
    });
  });

  // TF's format stores the softmax gradient as TF's composition of ops (SoftmaxGrad is tensorgraph's own
  // fused op), which rounds differently in the last bits; tensorgraph's own format keeps the op.
  for (const [format, file] of [['tensorflow', 'saved_model.pb'], ['tensorgraph', 'saved_model.tgsm']] as const) {
  it(`rebuilds the variable collections and the training ops, so training continues ${format === 'tensorgraph' ? 'exactly' : 'to float32 rounding'} (${format} format)`, () => {
    const dir = path.join(tmp, 'train');
    const reference = new tf.Graph().as_default(() => {
      const m = trainedModel(3);
      const b = builder.SavedModelBuilder(dir, { format });
      b.add_meta_graph_and_variables(m.sess, [tag_constants.TRAINING]);
      for (let i = 0; i < 4; i++) m.sess.run(m.train, { x: X, y_: Y });
      return { W: m.sess.run(m.W) as NDArray, trainName: m.train.name, saved: b.save() };
    });
    expect(reference.saved).to.equal(path.join(dir, file));
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['train'], dir);
      expect(tf.global_variables().map((v) => v.op.name)).to.deep.equal(['W', 'b']);
      expect(tf.trainable_variables().map((v) => v.name)).to.deep.equal(['W:0', 'b:0']);
      expect(tf.global_variables()[0]).to.equal(tf.trainable_variables()[0]);
      const train = tf.get_default_graph().get_operation_by_name(reference.trainName);
      for (let i = 0; i < 4; i++) sess.run(train, { 'x:0': X, 'y_:0': Y });
      const W = sess.run('W:0') as NDArray;
      if (format === 'tensorgraph') expect(bits(W)).to.deep.equal(bits(reference.W));
      else Array.from(W.data).forEach((w, i) => expect(w).to.be.closeTo(reference.W.data[i], 1e-6));
      // The global variables initializer still resets them, as in the saved graph.
      sess.run(tf.global_variables_initializer());
      expect(Array.from((sess.run('W:0') as NDArray).data).every((v) => v === 0)).to.equal(true);
    });
  });
  }

  it('keeps several meta graphs sharing the variables, chosen by tag set', () => {
    const dir = path.join(tmp, 'two');
    new tf.Graph().as_default(() => {
      const m = trainedModel(1);
      const b = new builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(m.sess, ['serve'], {
        signature_def_map: { serving_default: signature_def_utils.predict_signature_def({ x: m.x }, { y: m.y }) },
      });
      const probs = tf.nn.softmax(m.y, undefined, 'probs');
      b.add_meta_graph(['serve', 'gpu'], { signature_def_map: { probs: signature_def_utils.predict_signature_def({ x: m.x }, { p: probs }) } });
      b.save();
    });
    for (const [tags, key] of [[['serve'], 'serving_default'], [['gpu', 'serve'], 'probs']] as const) {
      tf.Session({ graph: new tf.Graph() }).with((sess) => {
        const meta = loader.load(sess, [...tags], dir);
        expect(Object.keys(meta.signature_def)).to.deep.equal([key]);
        const out = sess.run(meta.signature_def[key].outputs[key === 'probs' ? 'p' : 'y'].name, { 'x:0': X }) as NDArray;
        expect(out.shape).to.deep.equal([4, 3]);
      });
    }
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      expect(() => loader.load(sess, ['train'], dir)).to.throw(tf.errors.RuntimeError,
        /MetaGraphDef associated with tags 'train' could not be found in SavedModel.*available tag-sets: \['serve'\], \['serve', 'gpu'\]/);
      expect(sess.graph.get_operations()).to.have.length(0);
    });
  });

  it('refuses an export directory that exists and is not empty, and accepts an empty one', () => {
    const dir = path.join(tmp, 'taken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'other.txt'), 'x');
    expect(() => builder.SavedModelBuilder(dir)).to.throw(tf.errors.AlreadyExistsError, /Export directory already exists, and isn't empty/);
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    new tf.Graph().as_default(() => {
      const m = trainedModel(0);
      const b = builder.SavedModelBuilder(empty);
      b.add_meta_graph_and_variables(m.sess, ['serve']);
      // Someone else writes there between the builder's creation and save(): still refused.
      const raced = builder.SavedModelBuilder(path.join(tmp, 'raced'));
      raced.add_meta_graph_and_variables(m.sess, ['serve']);
      fs.mkdirSync(path.join(tmp, 'raced'));
      fs.writeFileSync(path.join(tmp, 'raced', 'x'), '1');
      expect(() => raced.save()).to.throw(tf.errors.AlreadyExistsError);
      b.save();
      expect(() => b.save()).to.throw(tf.errors.FailedPreconditionError, /already saved/);
      expect(() => b.add_meta_graph_and_variables(m.sess, ['x'])).to.throw(tf.errors.FailedPreconditionError, /add_meta_graph\(\)/);
    });
    expect(fs.readdirSync(empty).sort()).to.deep.equal(['saved_model.pb', 'variables']);
    expect(fs.readdirSync(tmp).filter((f) => f.includes('tempstate'))).to.deep.equal([]);
  });

  it('writes atomically: a save that fails part-way leaves no export directory and no staging files', () => {
    const dir = path.join(tmp, 'atomic');
    const asset = path.join(tmp, 'vocab.txt');
    fs.writeFileSync(asset, 'a\nb\n');
    new tf.Graph().as_default(() => {
      const m = trainedModel(0);
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(m.sess, ['serve'], { assets_collection: [asset] });
      fs.rmSync(asset);
      expect(() => b.save()).to.throw(/vocab\.txt/);
    });
    expect(fs.existsSync(dir)).to.equal(false);
    expect(fs.readdirSync(tmp)).to.deep.equal([]);
  });

  it('copies assets into assets/ and lists them in the meta graph', () => {
    const dir = path.join(tmp, 'assets');
    const asset = path.join(tmp, 'vocab.txt');
    fs.writeFileSync(asset, 'a\nb\n');
    new tf.Graph().as_default(() => {
      const m = trainedModel(0);
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(m.sess, ['serve'], { assets_collection: [asset] });
      b.save();
    });
    expect(fs.readFileSync(path.join(dir, 'assets', 'vocab.txt'), 'utf8')).to.equal('a\nb\n');
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      expect(loader.load(sess, ['serve'], dir).asset_file_def).to.deep.equal([{ filename: 'vocab.txt' }]);
    });
  });

  it('round-trips constants of every dtype exactly, including NaN, infinities and -0', () => {
    const dir = path.join(tmp, 'consts');
    const values = {
      f: NDArray.from([[NaN, Infinity], [-Infinity, -0], [1e-45, 3.4028234663852886e38]], 'float32'),
      i: NDArray.from([-2147483648, 2147483647, 0], 'int32'),
      l: NDArray.from([-(2 ** 53) + 1, 2 ** 53 - 1, 7], 'int64'),
      t: NDArray.from([true, false, true], 'bool'),
      u: NDArray.from([0, 255, 128], 'uint8'),
      // Uniform tensors are stored as one value (TF's splat): -0 and big int64 values must survive it.
      fz: NDArray.from([[-0, -0], [-0, -0]], 'float32'),
      fl: NDArray.from([2 ** 53 - 1, 2 ** 53 - 1], 'int64'),
      fb: NDArray.from([true, true, true], 'bool'),
      tenth: NDArray.from([0.1, 0.1, 0.1], 'float32'),
    };
    new tf.Graph().as_default(() => {
      for (const [name, v] of Object.entries(values)) tf.constant(v, { name });
      tf.Variable(tf.constant(values.l), { name: 'var_l' });
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(sess, ['serve']);
      b.save();
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      for (const [name, v] of Object.entries(values)) {
        const got = sess.run(`${name}:0`) as NDArray;
        expect(got.dtype).to.equal(v.dtype);
        expect(bits(got), name).to.deep.equal(bits(v));
      }
      expect(bits(sess.run('var_l:0'))).to.deep.equal(bits(values.l));
    });
  });

  it("refuses to export a custom op in TensorFlow's format (TF has no kernel for it), naming op and node", () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [null, 2], 'x');
      scaleOp([x], { factor: 2.5 }, 'scaled');
      const b = builder.SavedModelBuilder(path.join(tmp, 'custom_tf'));
      expect(() => b.add_meta_graph_and_variables(tf.Session(), ['serve'])).to.throw(tf.errors.UnimplementedError,
        /Cannot export node 'scaled': op type 'SavedModelTestScale' is not a TensorFlow op/);
    });
  });

  it("stores custom ops by type in tensorgraph's own format and loads them while the op is registered", () => {
    const dir = path.join(tmp, 'custom');
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [null, 2], 'x');
      const y = scaleOp([x], { factor: 2.5 }, 'scaled').outputs[0];
      const sess = tf.Session();
      const b = builder.SavedModelBuilder(dir, { format: 'tensorgraph' });
      b.add_meta_graph_and_variables(sess, ['serve'], { signature_def_map: { s: signature_def_utils.predict_signature_def({ x }, { y }) } });
      b.save();
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      const op = sess.graph.get_operation_by_name('scaled');
      expect(op.type).to.equal('SavedModelTestScale');
      expect(op.get_attr('factor')).to.equal(2.5);
      expect((sess.run('scaled:0', { 'x:0': [[1, 2]] }) as NDArray).toArray()).to.deep.equal([[2.5, 5]]);
    });
  });

  it('rejects a graph whose op type is not registered in this process, naming the type, and changes nothing', () => {
    const dir = path.join(tmp, 'unknown');
    saveTrained(dir, 'tensorgraph');
    tamperJson(path.join(dir, 'saved_model.tgsm'), 'TGSAVEDM', (json) => {
      json.meta_graphs[0].graph_def.node.find((n: any) => n.name === 'model').op = 'NoSuchCustomOp';
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      expect(() => loader.load(sess, ['serve'], dir)).to.throw(tf.errors.NotFoundError,
        /saved_model\.tgsm: Op type not registered 'NoSuchCustomOp' in this process \(used by node 'model'\)/);
      expect(sess.graph.get_operations()).to.have.length(0);
      expect(sess.variables.names()).to.deep.equal([]);
    });
  });

  describe('rejects corrupt, truncated or tampered files with an error naming the file', () => {
    let dir: string;
    // tensorgraph's own format; TF's bundle and protobuf readers have their own tests (tf_bundle*.spec.ts).
    beforeEach(() => { dir = path.join(tmp, 'model'); saveTrained(dir, 'tensorgraph'); });
    const dataFile = () => path.join(dir, 'variables', 'variables.data-00000-of-00001');
    const indexFile = () => path.join(dir, 'variables', 'variables.index');
    const modelFile = () => path.join(dir, 'saved_model.tgsm');
    function expectLoadError(cls: any, pattern: RegExp) {
      tf.Session({ graph: new tf.Graph() }).with((sess) => {
        let caught: any = null;
        try { loader.load(sess, ['serve'], dir); } catch (e) { caught = e; }
        expect(caught).to.be.instanceOf(cls);
        expect(caught.message).to.match(pattern);
        // Nothing was half-loaded.
        expect(sess.graph.get_operations()).to.have.length(0);
        expect(sess.variables.names()).to.deep.equal([]);
      });
    }

    it('a truncated data file', () => {
      const bytes = fs.readFileSync(dataFile());
      fs.writeFileSync(dataFile(), bytes.subarray(0, bytes.length - 5));
      expectLoadError(tf.errors.DataLossError, /variables\.data-00000-of-00001: data file is 55 bytes but the index variables\.index records 60 \(truncated\)/);
    });

    it('a flipped byte in the data file (checksum)', () => {
      const bytes = fs.readFileSync(dataFile());
      bytes[5] ^= 0x10;
      fs.writeFileSync(dataFile(), bytes);
      expectLoadError(tf.errors.DataLossError, /variables\.data-00000-of-00001: checksum mismatch for tensor 'W'/);
    });

    it('a flipped byte in the SavedModel file (checksum)', () => {
      const bytes = fs.readFileSync(modelFile());
      bytes[bytes.length >> 1] ^= 0x01;
      fs.writeFileSync(modelFile(), bytes);
      expectLoadError(tf.errors.DataLossError, /saved_model\.tgsm: checksum mismatch .*corrupt or was modified/);
    });

    it('a truncated SavedModel or index file', () => {
      const bytes = fs.readFileSync(modelFile());
      fs.writeFileSync(modelFile(), bytes.subarray(0, bytes.length - 100));
      expectLoadError(tf.errors.DataLossError, /saved_model\.tgsm: file is \d+ bytes but its header declares \d+ \(truncated\)/);
      fs.writeFileSync(modelFile(), bytes);
      fs.writeFileSync(indexFile(), fs.readFileSync(indexFile()).subarray(0, 10));
      expectLoadError(tf.errors.DataLossError, /variables\.index: file is truncated \(10 bytes/);
    });

    it('a length in the header that lies (no allocation from it)', () => {
      const bytes = fs.readFileSync(modelFile());
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, 0xfffffff0, true);
      fs.writeFileSync(modelFile(), bytes);
      expectLoadError(tf.errors.DataLossError, /saved_model\.tgsm: file is \d+ bytes but its header declares 4294967308 \(truncated\)/);
    });

    it('an unknown format version', () => {
      tamperJson(modelFile(), 'TGSAVEDM', (json) => { json.format_version = 99; });
      expectLoadError(tf.errors.InvalidArgumentError, /saved_model\.tgsm: unsupported SavedModel format_version 99 \(this tensorgraph reads version 2\)$/);
    });

    it('an unknown variables format version', () => {
      tamperJson(indexFile(), 'TGCKPIDX', (json) => { json.format_version = 2; });
      expectLoadError(tf.errors.InvalidArgumentError, /variables\.index: unsupported variables format_version 2/);
    });

    it('an unknown container version', () => {
      const bytes = fs.readFileSync(indexFile());
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      view.setUint32(8, 7, true);
      // Re-sign the header so the checksum passes and the version check is what fails.
      const payload = bytes.subarray(28);
      const both = new Uint8Array(24 + payload.length);
      both.set(bytes.subarray(0, 24)); both.set(payload, 24);
      view.setUint32(24, crc32c(both), true);
      fs.writeFileSync(indexFile(), bytes);
      expectLoadError(tf.errors.InvalidArgumentError, /variables\.index: unsupported container version 7/);
    });

    it('missing files', () => {
      fs.rmSync(dataFile());
      expectLoadError(tf.errors.NotFoundError, /variables\.data-00000-of-00001: checkpoint data file not found/);
      fs.rmSync(indexFile());
      expectLoadError(tf.errors.NotFoundError, /variables\.index: checkpoint index file not found/);
      fs.rmSync(modelFile());
      expectLoadError(tf.errors.NotFoundError, /SavedModel file does not exist at: .*saved_model\.tgsm/);
    });

    it('a shape in the index that does not match the stored length', () => {
      tamperJson(indexFile(), 'TGCKPIDX', (json) => { json.tensors.find((t: any) => t.name === 'W').shape = [5, 3]; });
      expectLoadError(tf.errors.InvalidArgumentError, /variables\.index: tensor 'W' has shape \(5, 3\) and dtype float32, which needs 60 bytes, but the index records 48/);
    });

    it('a shape in the index that does not match the variable', () => {
      tamperJson(indexFile(), 'TGCKPIDX', (json) => { json.tensors.find((t: any) => t.name === 'W').shape = [3, 4]; });
      expectLoadError(tf.errors.InvalidArgumentError, /Assign requires shapes of both tensors to match. lhs shape= \[4,3\] rhs shape= \(3, 4\)/);
    });

    it('an offset beyond the data file', () => {
      tamperJson(indexFile(), 'TGCKPIDX', (json) => { json.tensors[0].offset = 1e6; });
      expectLoadError(tf.errors.DataLossError, /variables\.index: tensor '\w+' spans bytes 1000000\.\.\d+ beyond the data file's 60 bytes/);
    });

    it('a variable missing from the index', () => {
      tamperJson(indexFile(), 'TGCKPIDX', (json) => { json.tensors = json.tensors.filter((t: any) => t.name !== 'b'); });
      expectLoadError(tf.errors.NotFoundError, /Key b not found in checkpoint .*variables/);
    });

    it('malformed graph fields, named by their path', () => {
      tamperJson(modelFile(), 'TGSAVEDM', (json) => { json.meta_graphs[0].graph_def.node[3].input = 'W:0'; });
      expectLoadError(tf.errors.DataLossError, /saved_model\.tgsm: meta_graphs\[0\]\.graph_def\.node\[3\]\.input must be an array, got string "W:0"/);
    });

    it('an input that refers to an op defined later', () => {
      tamperJson(modelFile(), 'TGSAVEDM', (json) => {
        const nodes = json.meta_graphs[0].graph_def.node;
        nodes.find((n: any) => n.name === 'MatMul').input[1] = 'model:0';
      });
      expectLoadError(tf.errors.DataLossError, /input 1 of node 'MatMul' refers to 'model:0', which is not an op defined before it/);
    });

    it('a Const value whose data does not fit its shape', () => {
      tamperJson(modelFile(), 'TGSAVEDM', (json) => {
        const c = json.meta_graphs[0].graph_def.node.find((n: any) => n.op === 'Const' && n.attr.value.tensor.tensor_content !== undefined);
        c.attr.value.tensor.tensor_shape = { dim: [{ size: 1000 }, { size: 1000 }] };
      });
      expectLoadError(tf.errors.DataLossError, /node\[\d+\]\.attr\.value\.tensor\.tensor_content holds \d+ bytes but shape \(1000, 1000\) of \w+ needs \d+000000/);
    });

    it('a filled Const whose shape is absurdly large (nothing allocated)', () => {
      tamperJson(modelFile(), 'TGSAVEDM', (json) => {
        const c = json.meta_graphs[0].graph_def.node.find((n: any) => n.op === 'Const' && n.attr.value.tensor.float_val !== undefined);
        c.attr.value.tensor.tensor_shape = { dim: [{ size: 100000 }, { size: 100000 }] };
      });
      expectLoadError(tf.errors.DataLossError, /attr\.value\.tensor\.tensor_shape \(100000, 100000\) has more than 268435456 elements/);
    });

    it('a recorded output shape that the op no longer infers', () => {
      tamperJson(modelFile(), 'TGSAVEDM', (json) => {
        json.meta_graphs[0].graph_def.node.find((n: any) => n.name === 'model').attr._output_shapes.list.shape[0] = { dim: [{ size: -1 }, { size: 7 }] };
      });
      tf.Session({ graph: new tf.Graph() }).with((sess) => {
        expect(() => loader.load(sess, ['serve'], dir)).to.throw(tf.errors.InvalidArgumentError,
          /output 0 of node 'model' \(op Add\) has shape \[\?,3\] here but was saved with shape \[\?,7\]/);
        expect(sess.variables.names()).to.deep.equal([]);
      });
    });
  });

  it('refuses to load into a graph that already has an op of the same name', () => {
    const dir = path.join(tmp, 'dup');
    saveTrained(dir);
    const g = new tf.Graph();
    g.as_default(() => tf.constant(1, { name: 'W' }));
    const sess = tf.Session({ graph: g });
    expect(() => loader.load(sess, ['serve'], dir)).to.throw(tf.errors.ValueError, /already has an op named 'W'/);
    expect(g.get_operations()).to.have.length(1);
  });

  it('compresses a large graph with DEFLATE and still loads it', () => {
    const dir = path.join(tmp, 'big');
    saveTrained(dir, 'tensorgraph');
    const bytes = fs.readFileSync(path.join(dir, 'saved_model.tgsm'));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(12, true)).to.equal(1);
    expect(view.getUint32(16, true)).to.be.below(view.getUint32(20, true) * 0.5);
  });

  it('runs main_op after restoring the variables', () => {
    const dir = path.join(tmp, 'mainop');
    new tf.Graph().as_default(() => {
      const counter = tf.Variable(tf.constant(10), { name: 'counter' });
      const bump = counter.assign_add(tf.constant(1), { name: 'bump' });
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(sess, ['serve'], { main_op: bump.op });
      b.save();
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const meta = loader.load(sess, ['serve'], dir);
      expect(meta.main_op).to.equal('bump');
      expect(sess.run('counter:0')).to.equal(11);
    });
  });

  it('simple_save writes a serving_default predict signature', () => {
    const dir = path.join(tmp, 'simple');
    new tf.Graph().as_default(() => {
      const m = trainedModel(1);
      tf.saved_model.simple_save(m.sess, dir, { x: m.x }, { y: m.y });
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const meta = loader.load(sess, [tag_constants.SERVING], dir);
      const sig = meta.signature_def[signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY];
      expect(sig.inputs.x.name).to.equal('x:0');
      expect(sig.outputs.y.name).to.equal('model:0');
      expect(tf.saved_model.loader.maybe_saved_model_directory(dir)).to.equal(true);
      expect(tf.saved_model.loader.maybe_saved_model_directory(tmp)).to.equal(false);
    });
  });

  it('checks signatures and tags when they are added', () => {
    new tf.Graph().as_default(() => {
      const m = trainedModel(0);
      expect(() => signature_def_utils.predict_signature_def({}, { y: m.y })).to.throw(tf.errors.ValueError, 'Prediction inputs cannot be None or empty.');
      expect(() => signature_def_utils.predict_signature_def({ x: m.x }, {})).to.throw(tf.errors.ValueError, 'Prediction outputs cannot be None or empty.');
      const other = new tf.Graph().as_default(() => tf.placeholder('float32', [2], 'elsewhere'));
      const b = builder.SavedModelBuilder(path.join(tmp, 'sig'));
      expect(() => b.add_meta_graph_and_variables(m.sess, ['serve'], {
        signature_def_map: { bad: signature_def_utils.predict_signature_def({ x: other }, { y: m.y }) },
      })).to.throw(tf.errors.ValueError, /signature_def_map\['bad'\]\.inputs\['x'\] names tensor 'elsewhere:0', which is not in the graph being saved/);
      expect(() => b.add_meta_graph_and_variables(m.sess, 'serve' as any)).to.throw(tf.errors.ValueError, /tags must be an array/);
      expect(() => b.add_meta_graph(['serve'])).to.throw(tf.errors.FailedPreconditionError, /add_meta_graph_and_variables\(\)/);
    });
  });

  it('checksums with CRC-32C as documented (the standard check value, any alignment, incrementally)', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).to.equal(0xe3069283);
    const bytes = new Uint8Array(1001).map((_, i) => (i * 31 + 7) & 0xff);
    const whole = crc32c(bytes.subarray(1));
    expect(crc32c(new Uint8Array(bytes.subarray(1)))).to.equal(whole);
    expect(crc32cUpdate(crc32cUpdate(0, bytes.subarray(1, 500)), bytes.subarray(500))).to.equal(whole);
    expect(crc32c(new Uint8Array(0))).to.equal(0);
  });

  it('offers TF 1.15\'s top-level aliases, and tf.train only the public Saver names', () => {
    expect(tf.saved_model.Builder).to.equal(builder.SavedModelBuilder);
    expect(tf.saved_model.load).to.equal(loader.load);
    expect(tf.saved_model.contains_saved_model).to.equal(loader.maybe_saved_model_directory);
    expect(tf.saved_model.predict_signature_def).to.equal(signature_def_utils.predict_signature_def);
    expect(tf.saved_model.build_tensor_info).to.equal(tf.saved_model.utils.build_tensor_info);
    expect(tag_constants.SERVING).to.equal('serve');
    expect(tag_constants.TRAINING).to.equal('train');
    expect(signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY).to.equal('serving_default');
    expect(Object.keys(tf.train)).to.include.members(['Saver', 'latest_checkpoint', 'get_checkpoint_state', 'import_meta_graph', 'checkpoint_exists']);
    expect(Object.keys(tf.train)).to.not.include('SaverImpl');
  });

  it('builds TensorInfos and classify/regress signatures as TF does', () => {
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', null, 'x');
      const scores = tf.placeholder('float32', [null, 3], 'scores');
      const classes = tf.placeholder('int32', [null, 3], 'classes');
      expect(tf.saved_model.utils.build_tensor_info(x)).to.deep.equal({ name: 'x:0', dtype: 'float32', tensor_shape: { dim: [], unknown_rank: true } });
      const cls = signature_def_utils.classification_signature_def(x, classes, scores);
      expect(Object.keys(cls.outputs).sort()).to.deep.equal(['classes', 'scores']);
      expect(cls.method_name).to.equal('tensorflow/serving/classify');
      expect(signature_def_utils.is_valid_signature(cls)).to.equal(true);
      const reg = signature_def_utils.regression_signature_def(x, scores);
      expect(reg.inputs.inputs.name).to.equal('x:0');
      expect(signature_def_utils.is_valid_signature(reg)).to.equal(true);
      expect(signature_def_utils.is_valid_signature(signature_def_utils.build_signature_def({}, {}, 'nope'))).to.equal(false);
      expect(() => signature_def_utils.regression_signature_def(x, classes)).to.throw(tf.errors.ValueError, /Regression predictions must be a float32 Tensor/);
      expect(tf.saved_model.utils.get_tensor_from_tensor_info(cls.outputs.scores)).to.equal(scores);
    });
  });
});

const scaleOp = tf.register_op({
  name: 'SavedModelTestScale',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: { type: 'type', allowed_values: ['float32'] }, factor: { type: 'float' } },
  shape: ([x]) => x,
  kernels: {
    cpu: (([x], ctx) => {
      const out = new Float32Array(x.size);
      for (let i = 0; i < out.length; i++) out[i] = x.data[i] * ctx.attrs.factor;
      return new NDArray(out, x.shape, 'float32');
    }) as tf.CpuKernel,
  },
  gradient: null,
});

describe('loader: a model that fails to load leaves the graph untouched', () => {
  it('a node whose inferred shape contradicts the saved one is refused before any op is added', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-partial-')) + '/model';
    try {
      const g = new tf.Graph();
      g.as_default(() => {
        const x = tf.placeholder('float32', [null, 3], 'x');
        const v = tf.Variable(tf.ones([3]), { name: 'v' });
        const y = tf.identity(tf.multiply(x, v), 'y');
        const sess = new tf.Session({ graph: g });
        sess.run(tf.global_variables_initializer());
        tf.saved_model.simple_save(sess, dir, { x }, { y });
      });
      const file = path.join(dir, 'saved_model.pb');
      const model = fromBinary(SavedModelSchema, fs.readFileSync(file));
      const shapes = model.metaGraphs[0].graphDef!.node.find((n) => n.name === 'y')!.attr._output_shapes.value;
      if (shapes.case !== 'list') throw new Error('no _output_shapes');
      shapes.value.shape[0] = create(TensorShapeProtoSchema, { dim: [{ size: -1n }, { size: 4n }] });
      fs.writeFileSync(file, toBinary(SavedModelSchema, model));
      const target = new tf.Graph();
      const sess = new tf.Session({ graph: target });
      expect(() => tf.saved_model.loader.load(sess, ['serve'], dir)).to.throw(/'y'/);
      expect(target.get_operations()).to.deep.equal([]);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
