import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fromBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { opRegistry } from '../lib/registry/op_registry';
import { attrValueFromProto, nodeDefFromProto } from '../lib/framework/graph_def_proto';
import { upgradeLegacyNodes } from '../lib/saved_model/tf_import/legacy_graphs';
import { SavedModelSchema } from '../lib/proto/tensorflow/core/protobuf/saved_model_pb';
import type { MetaGraphDef } from '../lib/proto/tensorflow/core/protobuf/meta_graph_pb';
import type { NodeDef } from '../lib/proto/tensorflow/core/framework/node_def_pb';
import { decodeVariableDef } from '../lib/saved_model/tf_import/meta_graph_proto';
import { tfModel } from './helpers/tf_models';

/*
 * Python-written SavedModels -> loader.load -> SavedModelBuilder -> decode saved_model.pb: the same
 * nodes (names, ops, inputs, attrs) and the same variable values, and our export loads and predicts
 * the same. Normalised: `_output_shapes` and `_class` (colocation) attrs are not compared; attrs our
 * export adds must be ones TF's OpDef gives a default (TF writers may leave those out); constants are
 * compared by value (TF writes splats as one float_val, tensorgraph may write tensor_content); our
 * export adds its own Saver subgraph (save_1/...: the imported graph already has TF's save/, which
 * it keeps) and one Const per asset (asset_path). Signature dtypes a TF writer got wrong (TF 1.0's
 * DT_FLOAT for half_plus_three's string tf_example:0) are passed as the tensor's.
 */

const MODEL = (name: string) => tfModel(name, '00000123');

function readMeta(dir: string): MetaGraphDef { return fromBinary(SavedModelSchema, fs.readFileSync(path.join(dir, 'saved_model.pb'))).metaGraphs[0]; }

function comparable(node: NodeDef, key: string): unknown {
  const v = attrValueFromProto(node.attr[key], `${node.name}.${key}`);
  return v.tensor ? { tensor: v.tensor.dtype, shape: v.tensor.shape, values: v.tensor.strings ? v.tensor.tolist() : Array.from(v.tensor.data) } : v;
}

function variableNames(meta: MetaGraphDef, key: string): string[] {
  const kind = meta.collectionDef[key]?.kind;
  return kind?.case === 'bytesList' ? kind.value.value.map((b) => decodeVariableDef(b, key).variable_name).sort() : [];
}

/** Loads a fixture, re-exports it with the builder; returns both MetaGraphDefs and the export dir. */
function roundTrip(name: string, out: string) {
  const src = MODEL(name);
  tf.Session({ graph: new tf.Graph() }).with((sess) => {
    const meta = tf.saved_model.loader.load(sess, ['serve'], src);
    const assetsDir = path.join(src, 'assets');
    const assets = fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir).map((f) => path.join(assetsDir, f)) : [];
    // TF 1.0 wrote half_plus_three's regress signature with DT_FLOAT for the string tf_example:0; the builder
    // checks dtypes, so such an entry is passed with its tensor's dtype (the only signature change).
    const signatures = JSON.parse(JSON.stringify(meta.signature_def)) as typeof meta.signature_def;
    for (const sig of Object.values(signatures)) {
      for (const info of [...Object.values(sig.inputs), ...Object.values(sig.outputs)]) info.dtype = sess.graph.get_tensor_by_name(info.name).dtype;
    }
    const b = tf.saved_model.builder.SavedModelBuilder(out);
    b.add_meta_graph_and_variables(sess, ['serve'], {
      signature_def_map: signatures, assets_collection: assets,
      main_op: meta.main_op ? sess.graph.get_operation_by_name(meta.main_op) : null,
    });
    b.save();
  });
  return { original: readMeta(src), ours: readMeta(out), src };
}

describe('Round trip: Python-written SavedModels -> load -> SavedModelBuilder -> the same graph and values', function () {
  this.timeout(60000);
  let tmp: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-roundtrip-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  for (const name of ['saved_model_half_plus_two_cpu', 'saved_model_half_plus_three', 'saved_model_counter']) {
    it(`${name}: same nodes, attrs, signatures, variables and values`, () => {
      const out = path.join(tmp, name);
      const { original, ours, src } = roundTrip(name, out);
      const mine = new Map(ours.graphDef!.node.map((n) => [n.name, n]));
      // Our export is a current GraphDef version, so a pre-1.1 graph's empty Placeholder shape (its way of saying
      // "unknown") comes back as unknown_rank: compare against the original read with the same legacy rule.
      const legacyShapes = new Map(upgradeLegacyNodes(original.graphDef!.node.map((n) => nodeDefFromProto(n, name)),
        original.graphDef!.versions?.producer ?? 0).map((n) => [n.name, n.attr.shape]));
      for (const node of original.graphDef!.node) {
        const copy = mine.get(node.name);
        expect(copy, node.name).to.not.equal(undefined);
        expect([copy!.op, copy!.input], node.name).to.deep.equal([node.op, node.input]);
        const skip = new Set(['_output_shapes', '_class']);
        for (const key of Object.keys(node.attr).filter((k) => !skip.has(k))) {
          const want = key === 'shape' && node.op === 'Placeholder' ? legacyShapes.get(node.name) : comparable(node, key);
          expect(comparable(copy!, key), `${node.name}.${key}`).to.deep.equal(want);
        }
        const schema = opRegistry().get(node.op).attrs;
        for (const key of Object.keys(copy!.attr).filter((k) => !skip.has(k) && !(k in node.attr))) {
          expect(schema[key]?.default, `${node.name}.${key} added without an OpDef default`).to.not.equal(undefined);
        }
      }
      const originalNames = new Set(original.graphDef!.node.map((n) => n.name));
      const added = ours.graphDef!.node.map((n) => n.name).filter((n) => !originalNames.has(n));
      expect(added.every((n) => n.startsWith('save_1/') || n === 'asset_path'), added.join(', ')).to.equal(true);
      expect(added.filter((n) => n === 'save_1/restore_all')).to.have.length(1);
      expect(ours.saverDef!.restoreOpName).to.equal('save_1/restore_all');
      // Signatures, with TF's method names, and the variable collections.
      expect(Object.keys(ours.signatureDef).sort()).to.deep.equal(Object.keys(original.signatureDef).sort());
      for (const [key, sig] of Object.entries(original.signatureDef)) {
        expect(ours.signatureDef[key].methodName).to.equal(sig.methodName);
        for (const side of ['inputs', 'outputs'] as const) {
          expect(Object.fromEntries(Object.entries(ours.signatureDef[key][side]).map(([k, i]) => [k, i.encoding.value])))
            .to.deep.equal(Object.fromEntries(Object.entries(sig[side]).map(([k, i]) => [k, i.encoding.value])));
        }
      }
      for (const key of ['variables', 'trainable_variables']) expect(variableNames(ours, key)).to.deep.equal(variableNames(original, key));
      // Variable values: the same names, shapes and bits.
      const theirs = tf.train.NewCheckpointReader(path.join(src, 'variables', 'variables'));
      const mineReader = tf.train.NewCheckpointReader(path.join(out, 'variables', 'variables'));
      expect(mineReader.get_variable_to_shape_map()).to.deep.equal(theirs.get_variable_to_shape_map());
      for (const v of Object.keys(theirs.get_variable_to_shape_map())) {
        expect(Array.from((mineReader.get_tensor(v) as NDArray).data), v).to.deep.equal(Array.from((theirs.get_tensor(v) as NDArray).data));
      }
    });
  }

  it('our export of half_plus_two loads again and predicts the same: [1, 2, 5] -> [2.5, 3, 4.5], regress_x2_to_y3 [1, 2] -> [3.5, 4]', () => {
    const out = path.join(tmp, 'h2');
    roundTrip('saved_model_half_plus_two_cpu', out);
    expect(fs.readFileSync(path.join(out, 'assets', 'foo.txt'), 'utf8')).to.equal(fs.readFileSync(path.join(MODEL('saved_model_half_plus_two_cpu'), 'assets', 'foo.txt'), 'utf8'));
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const meta = tf.saved_model.loader.load(sess, ['serve'], out);
      const sig = meta.signature_def['serving_default'];
      expect(Array.from((sess.run(sig.outputs['y'].name, { [sig.inputs['x'].name]: [[1], [2], [5]] }) as NDArray).data)).to.deep.equal([2.5, 3, 4.5]);
      const y3 = meta.signature_def['regress_x2_to_y3'];
      expect(Array.from((sess.run(y3.outputs['outputs'].name, { [y3.inputs['inputs'].name]: [[1], [2]] }) as NDArray).data)).to.deep.equal([3.5, 4]);
    });
  });

  it("our export of the counter keeps its state: incr_counter, incr_counter_by and reset_counter work after a reload", () => {
    const out = path.join(tmp, 'counter');
    roundTrip('saved_model_counter', out);
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      const meta = tf.saved_model.loader.load(sess, ['serve'], out);
      const run = (key: string, feed: Record<string, unknown> = {}) => {
        const sig = meta.signature_def[key];
        const feeds = Object.fromEntries(Object.entries(feed).map(([k, v]) => [sig.inputs[k].name, v]));
        return sess.run(Object.values(sig.outputs)[0].name, feeds);
      };
      expect(run('get_counter')).to.equal(0);
      expect(run('incr_counter')).to.equal(1);
      expect(run('incr_counter_by', { delta: 5 })).to.equal(6);
      expect(run('reset_counter')).to.equal(0);
    });
  });
});
