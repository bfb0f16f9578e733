import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { decodeContainer, encodeContainer } from '../lib/saved_model/container';
import { probeGl } from '../lib/gpu/device';

const X = [[1, 2, 0.5, -1], [0, 1, 3, 1], [2, -1, 0, 0.25], [-0.5, 0.5, 1, 2]];
const Y = [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]];

type OptimizerName = 'GradientDescent' | 'Momentum' | 'Adam';

function makeOptimizer(kind: OptimizerName) {
  if (kind === 'GradientDescent') return tf.train.GradientDescentOptimizer(0.5);
  if (kind === 'Momentum') return tf.train.MomentumOptimizer(0.1, 0.9);
  return tf.train.AdamOptimizer(0.05);
}

/** A softmax regression with nonzero initial weights and an optimizer; built the same way each call. */
function buildModel(kind: OptimizerName) {
  const x = tf.placeholder('float32', [null, 4], 'x');
  const y_ = tf.placeholder('float32', [null, 3], 'y_');
  const W = tf.Variable(tf.constant([[0.1, -0.2, 0.3], [0.0, 0.5, -0.1], [0.2, 0.2, 0.2], [-0.3, 0.1, 0.0]]), { name: 'W' });
  const b = tf.Variable(tf.zeros([3]), { name: 'b' });
  const y = tf.add(tf.matmul(x, W), b, 'model');
  const loss = tf.reduce_mean(tf.reduce_sum(y_.mul(tf.log(tf.nn.softmax(y))), 1).neg());
  const train = makeOptimizer(kind).minimize(loss);
  return { x, y_, W, b, y, loss, train };
}

function bits(a: NDArray): number[] { return Array.from(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)); }

function valuesOf(sess: tf.Session): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const v of tf.global_variables()) {
    const value = sess.run(v);
    out.set(v.op.name, typeof value === 'number' ? [value] : bits(value as NDArray));
  }
  return out;
}

describe('tf.train.Saver', () => {
  let tmp: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-saver-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const kind of ['GradientDescent', 'Momentum', 'Adam'] as const) {
    it(`restoring mid-training continues exactly as if never stopped (${kind}, slots included)`, () => {
      const prefix = path.join(tmp, 'model.ckpt');
      const reference = new tf.Graph().as_default(() => {
        const m = buildModel(kind);
        const sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        for (let i = 0; i < 3; i++) sess.run(m.train, { x: X, y_: Y });
        const saved = tf.train.Saver().save(sess, prefix);
        for (let i = 0; i < 4; i++) sess.run(m.train, { x: X, y_: Y });
        return { saved, values: valuesOf(sess), names: tf.global_variables().map((v) => v.op.name) };
      });
      expect(reference.saved).to.equal(prefix);
      if (kind !== 'GradientDescent') expect(reference.names.length).to.be.greaterThan(2);
      new tf.Graph().as_default(() => {
        const m = buildModel(kind);
        const sess = tf.Session();
        // No initializer run: every variable, slots included, comes from the checkpoint.
        tf.train.Saver().restore(sess, prefix);
        for (let i = 0; i < 4; i++) sess.run(m.train, { x: X, y_: Y });
        const values = valuesOf(sess);
        expect([...values.keys()]).to.deep.equal(reference.names);
        for (const [name, v] of values) expect(v, name).to.deep.equal(reference.values.get(name));
      });
    });
  }

  it('appends the global step, keeps max_to_keep checkpoints and maintains the checkpoint state file', () => {
    new tf.Graph().as_default(() => {
      const m = buildModel('GradientDescent');
      const step = tf.Variable(tf.constant(0, { dtype: 'int32' }), { name: 'global_step', trainable: false });
      const bump = step.assign_add(tf.constant(1, { dtype: 'int32' }));
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const saver = new tf.train.Saver({ max_to_keep: 2 });
      const prefix = path.join(tmp, 'model.ckpt');
      const written: string[] = [];
      for (let i = 0; i < 4; i++) {
        sess.run([m.train, bump], { x: X, y_: Y });
        written.push(saver.save(sess, prefix, { global_step: step }));
      }
      expect(written).to.deep.equal([1, 2, 3, 4].map((s) => `${prefix}-${s}`));
      expect(saver.last_checkpoints).to.deep.equal([`${prefix}-3`, `${prefix}-4`]);
      expect(fs.readdirSync(tmp).sort()).to.deep.equal([
        'checkpoint',
        'model.ckpt-3.data-00000-of-00001', 'model.ckpt-3.index', 'model.ckpt-3.meta',
        'model.ckpt-4.data-00000-of-00001', 'model.ckpt-4.index', 'model.ckpt-4.meta',
      ]);
      expect(fs.readFileSync(path.join(tmp, 'checkpoint'), 'utf8')).to.equal(
        'model_checkpoint_path: "model.ckpt-4"\nall_model_checkpoint_paths: "model.ckpt-3"\nall_model_checkpoint_paths: "model.ckpt-4"\n');
      expect(tf.train.latest_checkpoint(tmp)).to.equal(`${prefix}-4`);
      expect(tf.train.get_checkpoint_state(tmp)!.all_model_checkpoint_paths).to.deep.equal([`${prefix}-3`, `${prefix}-4`]);
      expect(saver.save(sess, prefix, { global_step: 100, write_meta_graph: false })).to.equal(`${prefix}-100`);
      expect(fs.existsSync(`${prefix}-100.meta`)).to.equal(false);
      expect(tf.train.checkpoint_exists(`${prefix}-3`)).to.equal(false);
      // Restoring an older checkpoint brings back its step.
      saver.restore(sess, `${prefix}-4`);
      expect(sess.run(step)).to.equal(4);
    });
  });

  it('latest_checkpoint is null without a state file or when the checkpoint it names is gone', () => {
    expect(tf.train.latest_checkpoint(path.join(tmp, 'nowhere'))).to.equal(null);
    fs.writeFileSync(path.join(tmp, 'checkpoint'), 'model_checkpoint_path: "gone.ckpt"\n');
    expect(tf.train.latest_checkpoint(tmp)).to.equal(null);
    fs.writeFileSync(path.join(tmp, 'checkpoint'), 'garbage {{\n');
    expect(tf.train.get_checkpoint_state(tmp)).to.equal(null);
  });

  it('saves under the keys of a var_list object and restores a subset of variables', () => {
    const prefix = path.join(tmp, 'sub.ckpt');
    new tf.Graph().as_default(() => {
      const a = tf.Variable(tf.constant([1, 2, 3]), { name: 'a' });
      const b = tf.Variable(tf.constant([[4]]), { name: 'b' });
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      tf.train.Saver({ var_list: { weights: a, bias: b } }).save(sess, prefix);
    });
    new tf.Graph().as_default(() => {
      const renamed = tf.Variable(tf.zeros([3]), { name: 'renamed' });
      const other = tf.Variable(tf.constant(9), { name: 'other' });
      const sess = tf.Session();
      sess.run(other.initializer);
      tf.train.Saver({ var_list: { weights: renamed } }).restore(sess, prefix);
      expect((sess.run(renamed) as NDArray).toArray()).to.deep.equal([1, 2, 3]);
      expect(sess.run(other)).to.equal(9);
    });
  });

  it('restores all or nothing: a missing key or a shape mismatch changes no variable', () => {
    const prefix = path.join(tmp, 'm.ckpt');
    new tf.Graph().as_default(() => {
      const a = tf.Variable(tf.constant([1, 2, 3]), { name: 'a' });
      const sess = tf.Session();
      sess.run(a.initializer);
      tf.train.Saver().save(sess, prefix);
    });
    new tf.Graph().as_default(() => {
      const a = tf.Variable(tf.constant([7, 7, 7]), { name: 'a' });
      const extra = tf.Variable(tf.constant(5), { name: 'extra' });
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      expect(() => tf.train.Saver().restore(sess, prefix)).to.throw(tf.errors.NotFoundError, /Key extra not found in checkpoint .*m\.ckpt/);
      expect((sess.run(a) as NDArray).toArray()).to.deep.equal([7, 7, 7]);
      expect(sess.run(extra)).to.equal(5);
    });
    new tf.Graph().as_default(() => {
      const a = tf.Variable(tf.zeros([2, 2]), { name: 'a' });
      const sess = tf.Session();
      sess.run(a.initializer);
      expect(() => tf.train.Saver().restore(sess, prefix)).to.throw(tf.errors.InvalidArgumentError,
        /Assign requires shapes of both tensors to match. lhs shape= \[2,2\] rhs shape= \(3,\)/);
    });
    new tf.Graph().as_default(() => {
      const a = tf.Variable(tf.constant([1, 2, 3], { dtype: 'int32' }), { name: 'a' });
      const sess = tf.Session();
      expect(() => tf.train.Saver().restore(sess, prefix)).to.throw(tf.errors.InvalidArgumentError, /has dtype float32, but variable 'a' is int32/);
      expect(sess.variables.names()).to.deep.equal([]);
      void a;
    });
  });

  /** A saved 2x2 variable 'w' and how to check that restoring it fails. */
  function savedForTampering(format: 'tensorflow' | 'tensorgraph') {
    const prefix = path.join(tmp, 'c.ckpt');
    const g = new tf.Graph();
    const { sess, saver } = g.as_default(() => {
      tf.Variable(tf.constant([[1, 2], [3, 4]]), { name: 'w' });
      const s = tf.Session();
      s.run(tf.global_variables_initializer());
      const sv = tf.train.Saver({ format });
      sv.save(s, prefix);
      return { sess: s, saver: sv };
    });
    const data = `${prefix}.data-00000-of-00001`, index = `${prefix}.index`;
    const original = { data: fs.readFileSync(data), index: fs.readFileSync(index) };
    const restoreFails = (cls: any, pattern: RegExp) => expect(() => saver.restore(sess, prefix)).to.throw(cls, pattern);
    return { prefix, sess, saver, data, index, original, restoreFails };
  }

  it('rejects corrupt, truncated or tampered TensorFlow checkpoints, naming the file', () => {
    const { prefix, sess, saver, data, index, original, restoreFails } = savedForTampering('tensorflow');
    fs.writeFileSync(data, original.data.subarray(0, 9));
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.data-00000-of-00001: tensor 'w' at offset 0 of 16 bytes runs past the end of the file \(9 bytes\)/);
    const flipped = Buffer.from(original.data); flipped[2] ^= 0x80;
    fs.writeFileSync(data, flipped);
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.data-00000-of-00001: checksum mismatch for tensor 'w'/);
    fs.writeFileSync(data, original.data);
    const badIndex = Buffer.from(original.index); badIndex[20] ^= 0x04;
    fs.writeFileSync(index, badIndex);
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.index: corrupted table: block checksum mismatch/);
    fs.writeFileSync(index, original.index.subarray(0, 5));
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.index: /);
    fs.rmSync(index);
    restoreFails(tf.errors.NotFoundError, /The passed save_path is not a valid checkpoint: .*c\.ckpt/);
    fs.writeFileSync(index, original.index);
    saver.restore(sess, prefix);
    expect((sess.run('w:0') as NDArray).toArray()).to.deep.equal([[1, 2], [3, 4]]);
  });

  it("rejects corrupt, truncated or tampered checkpoints in tensorgraph's older format, naming the file", () => {
    const { prefix, sess, saver, data, index, original, restoreFails } = savedForTampering('tensorgraph');

    fs.writeFileSync(data, original.data.subarray(0, 9));
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.data-00000-of-00001: data file is 9 bytes but the index c\.ckpt\.index records 16 \(truncated\)/);
    const flipped = Buffer.from(original.data); flipped[2] ^= 0x80;
    fs.writeFileSync(data, flipped);
    restoreFails(tf.errors.DataLossError, /checksum mismatch for tensor 'w'/);
    fs.writeFileSync(data, original.data);
    const badIndex = Buffer.from(original.index); badIndex[40] ^= 0x04;
    fs.writeFileSync(index, badIndex);
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.index: checksum mismatch/);
    fs.writeFileSync(index, original.index.subarray(0, 5));
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.index: file is truncated/);
    fs.writeFileSync(index, encodeContainer('TGCKPIDX', { ...(decodeContainer(original.index, 'TGCKPIDX', index) as object), format_version: 3 }));
    restoreFails(tf.errors.InvalidArgumentError, /unsupported variables format_version 3/);
    fs.writeFileSync(index, Buffer.alloc(64, 0x41));
    restoreFails(tf.errors.DataLossError, /c\.ckpt\.index: not a tensorgraph checkpoint index file/);
    fs.rmSync(index);
    restoreFails(tf.errors.NotFoundError, /The passed save_path is not a valid checkpoint: .*c\.ckpt/);
    fs.writeFileSync(index, original.index);
    saver.restore(sess, prefix);
    expect((sess.run('w:0') as NDArray).toArray()).to.deep.equal([[1, 2], [3, 4]]);
  });

  it('import_meta_graph rebuilds the graph saved beside a checkpoint and returns its Saver', () => {
    const prefix = path.join(tmp, 'meta.ckpt');
    const expected = new tf.Graph().as_default(() => {
      const m = buildModel('Adam');
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(m.train, { x: X, y_: Y });
      tf.train.Saver().save(sess, prefix, { global_step: 1 });
      return bits(sess.run(m.y, { x: X }) as NDArray);
    });
    new tf.Graph().as_default((g) => {
      const saver = tf.train.import_meta_graph(`${prefix}-1.meta`)!;
      const sess = tf.Session();
      saver.restore(sess, tf.train.latest_checkpoint(tmp)!);
      expect(bits(sess.run('model:0', { 'x:0': X }) as NDArray)).to.deep.equal(expected);
      expect(g.get_collection('trainable_variables').map((v: any) => v.name)).to.deep.equal(['W:0', 'b:0']);
    });
  });

  it("writes tensorgraph's older .meta format (NodeDefs, format_version 2) on request and refuses a version-1 .meta file, naming it and both versions", () => {
    const prefix = path.join(tmp, 'v1.ckpt');
    new tf.Graph().as_default(() => {
      buildModel('GradientDescent');
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      tf.train.Saver({ format: 'tensorgraph' }).save(sess, prefix);
    });
    const meta = `${prefix}.meta`;
    const json = decodeContainer(fs.readFileSync(meta), 'TGMETAGR', meta) as any;
    expect(json.format_version).to.equal(2);
    const matmul = json.meta_graph.graph_def.node.find((n: any) => n.op === 'MatMul');
    expect(matmul.attr.T).to.deep.equal({ type: 'DT_FLOAT' });
    expect(matmul.input).to.deep.equal(['x:0', 'W/read:0']);
    fs.writeFileSync(meta, encodeContainer('TGMETAGR', { ...json, format_version: 1 }));
    new tf.Graph().as_default(() => {
      expect(() => tf.train.import_meta_graph(meta)).to.throw(tf.errors.InvalidArgumentError,
        /v1\.ckpt\.meta: unsupported meta graph format_version 1 \(this tensorgraph reads version 2\): it was written by an older tensorgraph/);
    });
  });

  it('saves the newest values from a gpu session (held on the device) and restores into one', function () {
    this.timeout(60000);
    const device = probeGl() ? 'gpu' : 'gpu-webasm';
    const prefix = path.join(tmp, 'gpu.ckpt');
    const g = new tf.Graph();
    const m = g.as_default(() => buildModel('GradientDescent'));
    const sess = tf.Session({ graph: g, config: { device } });
    const trained = g.as_default(() => {
      sess.run(tf.global_variables_initializer());
      for (let i = 0; i < 3; i++) sess.run(m.train, { x: X, y_: Y });
      // The device holds newer values than the session's host store: the case to get right.
      expect((sess.backend as any).variablesNewerOnDevice()).to.include('W');
      tf.train.Saver().save(sess, prefix);
      tf.saved_model.simple_save(sess, path.join(tmp, 'gpu_model'), { x: m.x }, { y: m.y });
      return valuesOf(sess);
    });
    const onCpu = tf.Session({ graph: g, config: { device: 'cpu' } });
    g.as_default(() => {
      tf.train.Saver().restore(onCpu, prefix);
      expect(valuesOf(onCpu)).to.deep.equal(trained);
      // Restoring into the gpu session replaces what its device holds.
      sess.run(m.train, { x: X, y_: Y });
      tf.train.Saver().restore(sess, prefix);
      expect(valuesOf(sess)).to.deep.equal(trained);
    });
    tf.Session({ graph: new tf.Graph(), config: { device: 'cpu' } }).with((loaded) => {
      tf.saved_model.loader.load(loaded, ['serve'], path.join(tmp, 'gpu_model'));
      expect(bits(loaded.run('W:0') as NDArray)).to.deep.equal(trained.get('W'));
    });
  });

  it('checks its arguments as TF does', () => {
    new tf.Graph().as_default(() => {
      expect(() => tf.train.Saver()).to.throw(tf.errors.ValueError, 'No variables to save');
      const v = tf.Variable(tf.constant(1), { name: 'v' });
      const sess = tf.Session();
      const saver = tf.train.Saver();
      expect(() => saver.save(sess, path.join(tmp, 'x.ckpt'))).to.throw(tf.errors.FailedPreconditionError, /Attempting to use uninitialized value v/);
      sess.run(v.initializer);
      expect(() => saver.save(sess, path.join(tmp, 'missing', 'x.ckpt'))).to.throw(tf.errors.ValueError, /Parent directory of .* doesn't exist, can't save/);
      expect(() => saver.restore(sess, null)).to.throw(tf.errors.ValueError, "Can't load save_path when it is None.");
      expect(() => tf.train.Saver({ var_list: [v, tf.constant(1) as any] })).to.throw(tf.errors.ValueError, /must be Variables/);
      expect(() => tf.train.Saver({ max_to_keep: -1 })).to.throw(tf.errors.ValueError, /max_to_keep/);
      const other = tf.Session({ graph: new tf.Graph() });
      expect(() => saver.save(other, path.join(tmp, 'x.ckpt'))).to.throw(tf.errors.ValueError, /different graph/);
    });
  });
});
