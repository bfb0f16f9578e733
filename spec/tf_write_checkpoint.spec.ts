import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fromBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { MetaGraphDefSchema } from '../lib/proto/tensorflow/core/protobuf/meta_graph_pb';
import { SaverDef_CheckpointFormatVersion } from '../lib/proto/tensorflow/core/protobuf/saver_pb';
import { DataType } from '../lib/proto/tensorflow/core/framework/types_pb';
import { decodeVariableDef } from '../lib/saved_model/tf_import/meta_graph_proto';
import { isTfBundle } from '../lib/saved_model/tf_bundle/bundle_reader';

function softmaxModel() {
  const x = tf.placeholder('float32', [null, 2], 'x');
  const W = tf.Variable(tf.constant([[1, 2], [3, 4]]), { name: 'W' });
  const b = tf.Variable(tf.constant([0.5, -0.5]), { name: 'b' });
  const y = tf.add(tf.matmul(x, W), b, 'y');
  return { x, W, b, y };
}

describe("tf.train.Saver writes TensorFlow's V2 checkpoints", () => {
  let tmp: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-tfckpt-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('writes <prefix>.index (a tensor bundle table), the data shard, a MetaGraphDef .meta and the checkpoint state file; max_to_keep deletes old ones', () => {
    const prefix = path.join(tmp, 'model.ckpt');
    new tf.Graph().as_default(() => {
      const m = softmaxModel();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const saver = tf.train.Saver({ max_to_keep: 2 });
      for (const step of [1, 2, 3]) saver.save(sess, prefix, { global_step: step });
      void m;
    });
    expect(fs.readdirSync(tmp).sort()).to.deep.equal(['checkpoint',
      'model.ckpt-2.data-00000-of-00001', 'model.ckpt-2.index', 'model.ckpt-2.meta',
      'model.ckpt-3.data-00000-of-00001', 'model.ckpt-3.index', 'model.ckpt-3.meta']);
    expect(isTfBundle(`${prefix}-3`)).to.equal(true);
    expect(fs.readFileSync(path.join(tmp, 'checkpoint'), 'utf8')).to.equal(
      'model_checkpoint_path: "model.ckpt-3"\nall_model_checkpoint_paths: "model.ckpt-2"\nall_model_checkpoint_paths: "model.ckpt-3"\n');
    // The bundle as TF's reader sees it: names, shapes, dtypes and the values.
    const reader = tf.train.NewCheckpointReader(`${prefix}-3`);
    expect(reader.debug_string()).to.equal('W (DT_FLOAT) [2,2]\nb (DT_FLOAT) [2]\n');
    expect((reader.get_tensor('W') as NDArray).toArray()).to.deep.equal([[1, 2], [3, 4]]);
    expect(tf.train.latest_checkpoint(tmp)).to.equal(`${prefix}-3`);
  });

  it(".meta is a tensorflow.MetaGraphDef with TF1's save/restore subgraph, saver_def and VariableDef collections", () => {
    const prefix = path.join(tmp, 'model.ckpt');
    new tf.Graph().as_default(() => {
      softmaxModel();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      tf.train.Saver().save(sess, prefix);
    });
    const meta = fromBinary(MetaGraphDefSchema, fs.readFileSync(`${prefix}.meta`));
    const s = meta.saverDef!;
    expect([s.filenameTensorName, s.saveTensorName, s.restoreOpName, s.maxToKeep, s.sharded, s.version])
      .to.deep.equal(['save/Const:0', 'save/control_dependency:0', 'save/restore_all', 5, false, SaverDef_CheckpointFormatVersion.V2]);
    const nodes = new Map(meta.graphDef!.node.map((n) => [n.name, n]));
    const brief = (name: string) => { const n = nodes.get(name)!; return [n.op, n.input]; };
    expect(brief('save/filename')).to.deep.equal(['PlaceholderWithDefault', ['save/filename/input']]);
    expect(brief('save/Const')).to.deep.equal(['PlaceholderWithDefault', ['save/filename']]);
    expect(brief('save/SaveV2')).to.deep.equal(['SaveV2', ['save/Const', 'save/SaveV2/tensor_names', 'save/SaveV2/shape_and_slices', 'W', 'b']]);
    expect(brief('save/control_dependency')).to.deep.equal(['Identity', ['save/Const', '^save/SaveV2']]);
    expect(brief('save/RestoreV2')).to.deep.equal(['RestoreV2', ['save/Const', 'save/RestoreV2/tensor_names', 'save/RestoreV2/shape_and_slices']]);
    expect(brief('save/Assign')).to.deep.equal(['Assign', ['W', 'save/RestoreV2']]);
    expect(brief('save/Assign_1')).to.deep.equal(['Assign', ['b', 'save/RestoreV2:1']]);
    expect(brief('save/restore_all')).to.deep.equal(['NoOp', ['^save/Assign', '^save/Assign_1']]);
    const dtypes = nodes.get('save/SaveV2')!.attr.dtypes.value;
    expect(dtypes.case === 'list' && dtypes.value.type).to.deep.equal([DataType.DT_FLOAT, DataType.DT_FLOAT]);
    const names = nodes.get('save/SaveV2/tensor_names')!.attr.value.value;
    expect(names.case === 'tensor' && names.value.stringVal.map((b) => Buffer.from(b).toString())).to.deep.equal(['W', 'b']);
    expect(brief('MatMul')).to.deep.equal(['MatMul', ['x', 'W/read']]);
    expect(nodes.get('W')!.op).to.equal('VariableV2');
    expect(Object.keys(nodes.get('W')!.attr).sort()).to.deep.equal(['_output_shapes', 'container', 'dtype', 'shape', 'shared_name']);
    const kind = meta.collectionDef['variables'].kind;
    expect(kind.case).to.equal('bytesList');
    const defs = kind.case === 'bytesList' ? kind.value.value.map((b) => decodeVariableDef(b, 'meta')) : [];
    expect(defs).to.deep.equal([
      { variable_name: 'W:0', initializer_name: 'W/Assign', snapshot_name: 'W/read:0', trainable: true },
      { variable_name: 'b:0', initializer_name: 'b/Assign', snapshot_name: 'b/read:0', trainable: true },
    ]);
    expect(meta.collectionDef['trainable_variables'].kind.case).to.equal('bytesList');
    expect(meta.metaInfoDef!.tags).to.deep.equal([]);
    expect(meta.signatureDef).to.deep.equal({});
  });

  it('the save/ subgraph saves and restores when run as TensorFlow runs it (feeding saver_def.filename_tensor_name)', () => {
    new tf.Graph().as_default((g) => {
      const m = softmaxModel();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const def = tf.train.Saver().saver_def!;
      const prefix = path.join(tmp, 'by_ops');
      expect(sess.run(def.saveTensorName, { [def.filenameTensorName]: prefix })).to.equal(prefix);
      expect(tf.train.NewCheckpointReader(prefix).debug_string()).to.equal('W (DT_FLOAT) [2,2]\nb (DT_FLOAT) [2]\n');
      sess.run(tf.assign(m.W, tf.zeros([2, 2])));
      sess.run(g.get_operation_by_name(def.restoreOpName), { [def.filenameTensorName]: prefix });
      expect((sess.run(m.W) as NDArray).toArray()).to.deep.equal([[1, 2], [3, 4]]);
    });
  });

  it('import_meta_graph on our .meta reuses its save/ subgraph and restores under a var_list dict\'s own keys', () => {
    const prefix = path.join(tmp, 'keys.ckpt');
    new tf.Graph().as_default(() => {
      const m = softmaxModel();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      tf.train.Saver({ var_list: { weights: m.W, bias: m.b } }).save(sess, prefix);
    });
    expect(tf.train.list_variables(prefix)).to.deep.equal([['bias', [2]], ['weights', [2, 2]]]);
    new tf.Graph().as_default((g) => {
      const saver = tf.train.import_meta_graph(`${prefix}.meta`)!;
      expect(g.get_operations().some((op) => op.name.startsWith('save_1/'))).to.equal(false);
      expect(saver.saver_def!.restoreOpName).to.equal('save/restore_all');
      const sess = tf.Session();
      saver.restore(sess, prefix);
      expect((sess.run('y:0', { 'x:0': [[1, 1]] }) as NDArray).toArray()).to.deep.equal([[4.5, 5.5]]);
    });
  });

  it("restore reads tensorgraph's older checkpoint format too (sniffed), and a file of neither format is a DataLossError naming it", () => {
    const prefix = path.join(tmp, 'old.ckpt');
    new tf.Graph().as_default(() => {
      softmaxModel();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      tf.train.Saver({ format: 'tensorgraph' }).save(sess, prefix);
    });
    expect(fs.readFileSync(`${prefix}.index`).subarray(0, 8).toString()).to.equal('TGCKPIDX');
    expect(fs.readFileSync(`${prefix}.meta`).subarray(0, 8).toString()).to.equal('TGMETAGR');
    new tf.Graph().as_default(() => {
      const m = softmaxModel();
      const sess = tf.Session();
      tf.train.Saver().restore(sess, prefix);
      expect((sess.run(m.y, { x: [[1, 1]] }) as NDArray).toArray()).to.deep.equal([[4.5, 5.5]]);
      fs.writeFileSync(`${prefix}.index`, Buffer.alloc(64, 0x41));
      expect(() => tf.train.Saver().restore(sess, prefix)).to.throw(tf.errors.DataLossError, /old\.ckpt\.index/);
    });
    expect(() => tf.train.Saver({ allow_empty: true, format: 'onnx' } as never)).to.throw(tf.errors.ValueError, /format must be 'tensorflow' or 'tensorgraph'; got "onnx"/);
  });
});
