import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { fromText } from '@bufbuild/protobuf/txtpb';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Operation } from '../lib/framework/operation';
import { Tensor } from '../lib/framework/tensor';
import { GraphDefSchema } from '../lib/proto/tensorflow/core/framework/graph_pb';
import { NodeDefSchema } from '../lib/proto/tensorflow/core/framework/node_def_pb';
import { AttrValueSchema } from '../lib/proto/tensorflow/core/framework/attr_value_pb';
import { DataType } from '../lib/proto/tensorflow/core/framework/types_pb';

/** y = x * w + b with w = [[1, 2], [3, 4]], b = [10, 20], built in a fresh graph. */
function buildAffine(): { graph: tf.Graph; x: Tensor; y: Tensor } {
  const graph = tf.Graph();
  return graph.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 2], 'x');
    const w = tf.constant([[1, 2], [3, 4]], tf.float32, undefined, 'w');
    const b = tf.constant([10, 10], tf.float32, undefined, 'b'); // a splat: one float_val
    const y = tf.add(tf.matmul(x, w), b, 'y');
    return { graph, x, y };
  });
}

const FEED = NDArray.from([[1, 1], [2, 0]], 'float32');
const EXPECTED = [[14, 16], [12, 14]]; // [1,1]w = [4,6], [2,0]w = [2,4]; + 10

function run(graph: tf.Graph, fetch: Tensor, feeds: Record<string, NDArray>): number[][] {
  const sess = tf.Session({ graph });
  try { return (sess.run(fetch, feeds) as NDArray).tolist() as number[][]; } finally { sess.close(); }
}

describe('tf.import_graph_def / graph.as_graph_def (TensorFlow GraphDef)', () => {
  it('as_graph_def gives a tensorflow.GraphDef; its bytes import into a fresh graph under import/ with the same results', () => {
    const { graph, y } = buildAffine();
    const gd = graph.as_graph_def();
    expect(gd.$typeName).to.equal('tensorflow.GraphDef');
    expect(gd.node.map((n) => n.op)).to.deep.equal(['Placeholder', 'Const', 'Const', 'MatMul', 'Add']);
    const add = gd.node.find((n) => n.name === 'y')!;
    expect(add.input).to.deep.equal(['MatMul', 'b']); // output 0 written as the bare op name, as TF does
    expect(run(graph, y, { 'x:0': FEED })).to.deep.equal(EXPECTED);

    const bytes = toBinary(GraphDefSchema, gd);
    const fresh = tf.Graph();
    const [yImported, xOp] = fresh.as_default(() => tf.import_graph_def(bytes, { return_elements: ['y:0', 'x'] }))!;
    expect(yImported).to.be.instanceOf(Tensor);
    expect((yImported as Tensor).name).to.equal('import/y:0');
    expect(xOp).to.be.instanceOf(Operation);
    expect((xOp as Operation).name).to.equal('import/x');
    expect(fresh.get_operation_by_name('import/w').get_attr('value').tolist()).to.deep.equal([[1, 2], [3, 4]]);
    expect(run(fresh, yImported as Tensor, { 'import/x:0': FEED })).to.deep.equal(EXPECTED);
  });

  it('a second import gets a unique scope (import_1); name="" imports without a prefix; name= sets it', () => {
    const gd = buildAffine().graph.as_graph_def();
    const g = tf.Graph();
    g.as_default(() => {
      tf.import_graph_def(gd);
      tf.import_graph_def(gd);
      tf.import_graph_def(gd, { name: '' });
      tf.import_graph_def(gd, { name: 'model' });
    });
    const names = g.get_operations().map((o) => o.name).filter((n) => n.endsWith('y'));
    expect(names).to.deep.equal(['import/y', 'import_1/y', 'y', 'model/y']);
  });

  it('input_map replaces a tensor of the graph_def by one of this graph (the placeholder is still created, unused)', () => {
    const gd = buildAffine().graph.as_graph_def();
    const g = tf.Graph();
    const y = g.as_default(() => {
      const z = tf.constant([[0, 1]], tf.float32);
      return tf.import_graph_def(gd, { 'x:0': z }, ['y:0'], 'net')![0] as Tensor;
    });
    expect(y.op.inputs[0].op.inputs[0].op.type).to.equal('Const'); // MatMul reads the mapped constant
    expect(run(g, y, {})).to.deep.equal([[13, 14]]);
  });

  it('input_map keys and return_elements that are not in the graph_def are ValueErrors', () => {
    const gd = buildAffine().graph.as_graph_def();
    tf.Graph().as_default(() => {
      const z = tf.constant([[0, 1]], tf.float32);
      expect(() => tf.import_graph_def(gd, { 'nope:0': z })).to.throw(tf.errors.ValueError, 'Attempted to map inputs that were not found in graph_def: [nope:0]');
      expect(() => tf.import_graph_def(gd, { return_elements: ['q:0'] })).to.throw(tf.errors.ValueError, "Requested return_element 'q:0' not found in graph_def.");
    });
  });

  it("an op type tensorgraph lacks is a NotFoundError naming the op type and the node, and adds nothing", () => {
    const gd = buildAffine().graph.as_graph_def();
    gd.node.push(create(NodeDefSchema, { name: 'weird', op: 'NoSuchOpAnywhere', input: ['y'] }));
    const g = tf.Graph();
    expect(() => g.as_default(() => tf.import_graph_def(gd))).to.throw(tf.errors.NotFoundError,
      "Op type not registered 'NoSuchOpAnywhere' in binary running on tensorgraph. Make sure the Op and Kernel are registered in the binary running in this process. (node weird)");
    expect(g.get_operations()).to.have.length(0);
  });

  it('attrs a NodeDef leaves out get the schema defaults (old graphs); nodes may come before their inputs', () => {
    // A GraphDef as written by hand / old TF: MatMul without transpose_a/b, listed before its inputs.
    const text = `
      node { name: "m" op: "MatMul" input: "a" input: "a:0" attr { key: "T" value { type: DT_FLOAT } } }
      node { name: "a" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } }
                                                  float_val: 1 float_val: 2 } } } }
    `;
    const gd = fromText(GraphDefSchema, text);
    const g = tf.Graph();
    const [m] = g.as_default(() => tf.import_graph_def(gd, { return_elements: ['m:0'] }))!;
    expect((m as Tensor).op.get_attr('transpose_a')).to.equal(false);
    expect((m as Tensor).op.get_attr('transpose_b')).to.equal(false);
    // float_val [1, 2] for 4 elements: TF repeats the last value -> [[1, 2], [2, 2]].
    expect(run(g, m as Tensor, {})).to.deep.equal([[5, 6], [6, 8]]);
  });

  it('a malformed tensor in the GraphDef is a DataLossError; bytes that are not a GraphDef too', () => {
    const gd = buildAffine().graph.as_graph_def();
    const w = gd.node.find((n) => n.name === 'w')!;
    const value = w.attr.value.value;
    if (value.case !== 'tensor') throw new Error('expected a tensor attr');
    value.value.tensorContent = value.value.tensorContent.slice(0, 5);
    expect(() => tf.Graph().as_default(() => tf.import_graph_def(gd))).to.throw(tf.errors.DataLossError, 'tensor_content has 5 bytes');
    expect(() => tf.Graph().as_default(() => tf.import_graph_def(new Uint8Array([0xff, 0xff, 0xff])))).to.throw(tf.errors.DataLossError, 'not a tensorflow.GraphDef');
  });

  it('int64, bool and int32 tensors round-trip through TensorProto (tensor_content and splat forms)', () => {
    const g = tf.Graph();
    g.as_default(() => {
      tf.constant([1, -2, 2 ** 40], tf.int64, undefined, 'i64');
      tf.constant([true, false], tf.bool, undefined, 'b');
      tf.constant([7, 7, 7], tf.int32, undefined, 'splat');
    });
    const gd = g.as_graph_def();
    const splat = gd.node.find((n) => n.name === 'splat')!.attr.value.value;
    expect(splat.case === 'tensor' && splat.value.intVal).to.deep.equal([7]);
    const fresh = tf.Graph();
    fresh.as_default(() => tf.import_graph_def(fromBinary(GraphDefSchema, toBinary(GraphDefSchema, gd)), { name: '' }));
    expect(fresh.get_operation_by_name('i64').get_attr('value').tolist()).to.deep.equal([1, -2, 2 ** 40]);
    expect(fresh.get_operation_by_name('b').get_attr('value').tolist()).to.deep.equal([true, false]);
    expect(fresh.get_operation_by_name('splat').get_attr('value').tolist()).to.deep.equal([7, 7, 7]);
  });

  it('tf.train.write_graph writes text format by default and binary with as_text=false', () => {
    const { graph } = buildAffine();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write_graph-'));
    const textFile = tf.train.write_graph(graph, dir, 'graph.pbtxt');
    expect(textFile).to.equal(path.join(dir, 'graph.pbtxt'));
    const text = fs.readFileSync(textFile, 'utf8');
    expect(text).to.include('name: "y"');
    expect(text).to.include('op: "MatMul"');
    expect(text).to.include('type: DT_FLOAT');
    expect(fromText(GraphDefSchema, text).node).to.have.length(5);
    const binFile = tf.train.write_graph(graph.as_graph_def(), path.join(dir, 'sub'), 'graph.pb', { as_text: false });
    const decoded = fromBinary(GraphDefSchema, fs.readFileSync(binFile));
    expect(decoded.node.map((n) => n.name)).to.deep.equal(['x', 'w', 'b', 'MatMul', 'y']);
    const attr = decoded.node[0].attr.dtype;
    expect(attr).to.deep.include({ value: { case: 'type', value: DataType.DT_FLOAT } });
    expect(create(AttrValueSchema).value.case).to.equal(undefined);
  });
});
