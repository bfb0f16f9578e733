import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fromBinary } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { SavedModel, SavedModelSchema } from '../lib/proto/tensorflow/core/protobuf/saved_model_pb';
import { AssetFileDefSchema } from '../lib/proto/tensorflow/core/protobuf/meta_graph_pb';
import { DataType } from '../lib/proto/tensorflow/core/framework/types_pb';
import { exportGraphDef } from '../lib/saved_model/tf_export/meta_graph_def';
import { opDefProblems } from './helpers/tf_op_def_check';
import { buildDeepMnistTutorial, buildSoftmaxTutorial } from './helpers/tutorial_graphs';

const { builder, loader, signature_def_utils } = tf.saved_model;

function readModel(dir: string): SavedModel { return fromBinary(SavedModelSchema, fs.readFileSync(path.join(dir, 'saved_model.pb'))); }

/** Pseudo-random MNIST-shaped inputs (a fixed LCG), and one-hot labels. */
function batch(n: number) {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const x = Array.from({ length: n }, () => Array.from({ length: 784 }, () => next()));
  const y = Array.from({ length: n }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === i % 10 ? 1 : 0)));
  return { x, y };
}

describe("SavedModelBuilder writes TensorFlow's SavedModel (saved_model.pb + tensor bundle)", () => {
  let tmp: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-tfsm-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('simple_save: one serve meta graph with a predict signature, saver_def, variables bundle; loads back and predicts the same', () => {
    const dir = path.join(tmp, 'simple');
    const { x } = batch(3);
    const expected = new tf.Graph().as_default(() => {
      const m = buildSoftmaxTutorial();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(m.train_step, { x: batch(20).x, y_: batch(20).y });
      expect(tf.saved_model.simple_save(sess, dir, { x: m.x }, { y: m.y })).to.equal(path.join(dir, 'saved_model.pb'));
      return sess.run(m.y, { x }) as NDArray;
    });
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['saved_model.pb', 'variables']);
    expect(fs.readdirSync(path.join(dir, 'variables')).sort()).to.deep.equal(['variables.data-00000-of-00001', 'variables.index']);
    expect(tf.train.list_variables(path.join(dir, 'variables', 'variables'))).to.deep.equal([['W', [784, 10]], ['b', [10]]]);
    const model = readModel(dir);
    expect(model.savedModelSchemaVersion).to.equal(1n);
    expect(model.metaGraphs).to.have.length(1);
    const meta = model.metaGraphs[0];
    expect(meta.metaInfoDef!.tags).to.deep.equal(['serve']);
    const sig = meta.signatureDef['serving_default'];
    expect(sig.methodName).to.equal('tensorflow/serving/predict');
    const xInfo = sig.inputs['x'];
    expect([xInfo.encoding.value, xInfo.dtype, xInfo.tensorShape!.dim.map((d) => d.size)]).to.deep.equal(['x:0', DataType.DT_FLOAT, [-1n, 784n]]);
    expect(sig.outputs['y'].encoding.value).to.equal('y:0');
    expect(meta.saverDef!.restoreOpName).to.equal('save/restore_all');
    expect(meta.saverDef!.filenameTensorName).to.equal('save/Const:0');
    expect(Object.keys(meta.collectionDef).sort()).to.deep.equal(['train_op', 'trainable_variables', 'variables']);
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const loaded = loader.load(sess, ['serve'], dir);
      const got = sess.run(loaded.signature_def['serving_default'].outputs['y'].name, { 'x:0': x }) as NDArray;
      expect(Array.from(got.data)).to.deep.equal(Array.from(expected.data));
    });
  });

  it("every node of the tutorials' graphs (training ops, gradients, Adam, dropout, the save/ subgraph) is a TF op with its OpDef's required attrs, input count and allowed types", () => {
    for (const build of [buildSoftmaxTutorial, buildDeepMnistTutorial]) {
      const dir = path.join(tmp, build.name);
      new tf.Graph().as_default(() => {
        build();
        const sess = tf.Session();
        sess.run(tf.global_variables_initializer());
        const b = builder.SavedModelBuilder(dir);
        b.add_meta_graph_and_variables(sess, ['train']);
        b.add_meta_graph(['serve'], { strip_default_attrs: true });
        b.save();
      });
      for (const meta of readModel(dir).metaGraphs) {
        const ops = new Set(meta.graphDef!.node.map((n) => n.op));
        expect(opDefProblems(meta.graphDef!), `${build.name} [${meta.metaInfoDef!.tags}]`).to.deep.equal([]);
        for (const own of ['SoftmaxGrad', 'LogSoftmaxGrad', 'DropoutMask']) expect(ops.has(own)).to.equal(false);
        expect(ops.has('SaveV2') && ops.has('RestoreV2') && ops.has('VariableV2')).to.equal(true);
      }
      // One save/ subgraph for both meta graphs of the same graph.
      expect(readModel(dir).metaGraphs[1].graphDef!.node.some((n) => n.name.startsWith('save_1/'))).to.equal(false);
    }
  });

  it('the OpDef check itself catches a missing required attr, a wrong input count and a disallowed type', () => {
    new tf.Graph().as_default((g) => {
      tf.matmul(tf.placeholder('float32', [2, 2], 'a'), tf.placeholder('float32', [2, 2], 'b'), { name: 'mm' });
      const gd = exportGraphDef(g);
      const mm = gd.node.find((n) => n.name === 'mm')!;
      delete mm.attr.T;
      mm.input.push('a');
      const a = gd.node.find((n) => n.name === 'a')!;
      gd.node.push({ ...mm, name: 'bad_type', op: 'Softmax', input: ['a'], attr: { T: { ...a.attr.dtype } } } as never);
      const softmax = gd.node[gd.node.length - 1];
      (softmax.attr.T.value as { value: number }).value = DataType.DT_INT32;
      expect(opDefProblems(gd)).to.deep.equal([
        "node 'mm' (MatMul): required attr 'T' missing",
        "node 'mm' (MatMul): 3 inputs, its OpDef takes 2",
        "node 'bad_type' (Softmax): attr 'T' = DT_INT32 not among DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE",
      ]);
    });
  });

  it("tensorgraph's own ops are lowered to TF's: softmax and log-softmax gradients and the dropout mask compute the same after a reload", () => {
    const dir = path.join(tmp, 'deep');
    const { x, y } = batch(8);
    const names = ['probs', 'log_probs'];
    const reference = new tf.Graph().as_default((g) => {
      const m = buildDeepMnistTutorial();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const grads = g.get_operations().filter((op) => op.type === 'SoftmaxGrad' || op.type === 'LogSoftmaxGrad').map((op) => op.outputs[0].name);
      expect(grads).to.have.length(2);
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(sess, ['train']);
      b.save();
      const feed = { x, y_: y, keep_prob: 1 };
      return { grads, values: sess.run([...grads, ...names.map((n) => `${n}:0`)], feed) as NDArray[] };
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['train'], dir);
      // The lowered nodes keep the original names: consumers and fetches are unchanged.
      expect(reference.grads.map((t) => sess.graph.get_tensor_by_name(t).op.type).sort()).to.deep.equal(['Mul', 'Sub']);
      const got = sess.run([...reference.grads, ...names.map((n) => `${n}:0`)], { 'x:0': x, 'y_:0': y, 'keep_prob:0': 1 }) as NDArray[];
      got.forEach((g, i) => {
        expect(g.shape).to.deep.equal(reference.values[i].shape);
        Array.from(g.data).forEach((v, j) => expect(v).to.be.closeTo(reference.values[i].data[j], 1e-6));
      });
      expect(Array.from(reference.values[0].data).some((v) => v !== 0)).to.equal(true);
      // The dropout mask is floor(keep_prob + uniform[0, 1)): 0 or 1, about keep_prob of them 1.
      const maskOp = sess.graph.get_operations().find((op) => op.type === 'Floor')!;
      const mask = sess.run(maskOp.outputs[0], { 'x:0': batch(50).x, 'keep_prob:0': 0.5 }) as NDArray;
      const ones = Array.from(mask.data).filter((v) => v === 1).length;
      expect(Array.from(mask.data).every((v) => v === 0 || v === 1)).to.equal(true);
      expect(ones / mask.size).to.be.within(0.4, 0.6);
    });
  });

  it('writes main_op and legacy_init_op as collections, and assets as asset_file_def, asset_filepaths and saved_model_assets', () => {
    const dir = path.join(tmp, 'assets');
    const vocab = path.join(tmp, 'vocab.txt');
    fs.writeFileSync(vocab, 'a\nb\n');
    new tf.Graph().as_default(() => {
      const counter = tf.Variable(tf.constant(10), { name: 'counter' });
      const bump = counter.assign_add(tf.constant(1), { name: 'bump' });
      const init = tf.no_op('legacy_init');
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(sess, ['serve'], { main_op: bump.op, legacy_init_op: init, assets_collection: [vocab] });
      b.save();
    });
    expect(fs.readFileSync(path.join(dir, 'assets', 'vocab.txt'), 'utf8')).to.equal('a\nb\n');
    const meta = readModel(dir).metaGraphs[0];
    const nodeList = (key: string) => { const k = meta.collectionDef[key].kind; return k.case === 'nodeList' ? k.value.value : null; };
    expect(nodeList('saved_model_main_op')).to.deep.equal(['bump']);
    expect(nodeList('legacy_init_op')).to.deep.equal(['legacy_init']);
    expect(meta.assetFileDef.map((a) => [a.filename, a.tensorInfo!.encoding.value, a.tensorInfo!.dtype])).to.deep.equal([['vocab.txt', 'asset_path:0', DataType.DT_STRING]]);
    expect(nodeList('asset_filepaths')).to.deep.equal(['asset_path:0']);
    const anyList = meta.collectionDef['saved_model_assets'].kind;
    const unpacked = anyList.case === 'anyList' ? anyList.value.value.map((a) => anyUnpack(a, AssetFileDefSchema)!.filename) : [];
    expect(unpacked).to.deep.equal(['vocab.txt']);
    const pathConst = meta.graphDef!.node.find((n) => n.name === 'asset_path')!.attr.value.value;
    expect(pathConst.case === 'tensor' && Buffer.from(pathConst.value.stringVal[0]).toString()).to.equal(vocab);
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const loaded = loader.load(sess, ['serve'], dir);
      expect(loaded.main_op).to.equal('bump');
      expect(sess.run('counter:0')).to.equal(11);
    });
  });

  it("uses a given Saver's save/restore ops (no second subgraph), and writes no saver_def for a graph without variables", () => {
    new tf.Graph().as_default((g) => {
      const v = tf.Variable(tf.constant([1, 2]), { name: 'v' });
      const saver = tf.train.Saver({ var_list: { renamed: v } });
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const b = builder.SavedModelBuilder(path.join(tmp, 'with_saver'));
      b.add_meta_graph_and_variables(sess, ['serve'], { saver });
      b.save();
      expect(g.get_operations().filter((op) => op.type === 'RestoreV2').map((op) => op.name)).to.deep.equal(['save/RestoreV2']);
      expect(readModel(path.join(tmp, 'with_saver')).metaGraphs[0].saverDef!.restoreOpName).to.equal('save/restore_all');
    });
    new tf.Graph().as_default((g) => {
      tf.constant(3, { name: 'c' });
      const b = builder.SavedModelBuilder(path.join(tmp, 'no_vars'));
      b.add_meta_graph_and_variables(tf.Session(), ['serve']);
      b.save();
      expect(readModel(path.join(tmp, 'no_vars')).metaGraphs[0].saverDef).to.equal(undefined);
      expect(g.get_operations().map((op) => op.name)).to.deep.equal(['c']);
      tf.Session({ graph: new tf.Graph() }).with((sess) => {
        tf.saved_model.loader.load(sess, ['serve'], path.join(tmp, 'no_vars'));
        expect(sess.run('c:0')).to.equal(3);
      });
    });
  });

  it('strip_default_attrs leaves out attrs equal to their defaults and says so; a load fills them back', () => {
    const dir = path.join(tmp, 'strip');
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [null, 2], 'x');
      const W = tf.Variable(tf.constant([[1, 2], [3, 4]]), { name: 'W' });
      const y = tf.matmul(x, W, { name: 'y' });
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const b = builder.SavedModelBuilder(dir);
      b.add_meta_graph_and_variables(sess, ['serve'], {
        strip_default_attrs: true, signature_def_map: { p: signature_def_utils.predict_signature_def({ x }, { y }) },
      });
      b.save();
    });
    const meta = readModel(dir).metaGraphs[0];
    expect(meta.metaInfoDef!.strippedDefaultAttrs).to.equal(true);
    expect(Object.keys(meta.graphDef!.node.find((n) => n.name === 'y')!.attr).sort()).to.deep.equal(['T', '_output_shapes']);
    expect(Object.keys(meta.graphDef!.node.find((n) => n.name === 'W')!.attr).sort()).to.deep.equal(['_output_shapes', 'dtype', 'shape']);
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      expect(sess.graph.get_operation_by_name('y').get_attr('transpose_a')).to.equal(false);
      expect((sess.run('y:0', { 'x:0': [[1, 1]] }) as NDArray).toArray()).to.deep.equal([[4, 6]]);
    });
  });
});
