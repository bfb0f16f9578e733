import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { decodeContainer, encodeContainer } from '../lib/saved_model/container';

/* tensorgraph's own SavedModel file (saved_model.tgsm, format: 'tensorgraph') stores each op as TensorFlow's NodeDef with typed AttrValues; TF's saved_model.pb: tf_write_saved_model.spec.ts. */

const { builder, loader } = tf.saved_model;

function readJson(file: string): any { return decodeContainer(fs.readFileSync(file), 'TGSAVEDM', file); }
function tamperJson(file: string, edit: (json: any) => void): void {
  const json = readJson(file);
  edit(json);
  fs.writeFileSync(file, encodeContainer('TGSAVEDM', json));
}
function bits(a: NDArray): number[] { return Array.from(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)); }
function nodeOf(json: any, name: string): any { return json.meta_graphs[0].graph_def.node.find((n: any) => n.name === name); }

/** A schema op with float, list(float) and defaulted attrs, to see their AttrValues in a file. */
const leakyOp = tf.register_op({
  name: 'NodeDefTestLeaky',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: {
    T: { type: 'type', allowed_values: ['float32'] },
    alpha: { type: 'float', default: 0.5 },
    clip: { type: 'list(float)', default: [] },
    scale: { type: 'int', default: 1 },
  },
  shape: ([x]) => ({ shape: x.shape }),
  kernels: {
    cpu: ([x]: NDArray[], ctx: { attrs: Record<string, any> }) => {
      const out = new Float32Array(x.size);
      for (let i = 0; i < out.length; i++) out[i] = (x.data[i] < 0 ? ctx.attrs.alpha * x.data[i] : x.data[i]) * ctx.attrs.scale;
      return new NDArray(out, x.shape, 'float32');
    },
  },
  gradient: null,
});

/** An op with an attr of each kind, to round-trip every AttrValue form. */
const everyAttrOp = tf.register_op({
  name: 'NodeDefTestEveryAttr',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: {
    T: { type: 'type' },
    ks: { type: 'list(int)' }, dims: { type: 'shape' }, none: { type: 'shape' }, neg: { type: 'float' },
    pad: { type: 'string' }, dt: { type: 'type' }, flag: { type: 'bool' }, rates: { type: 'list(float)' },
  },
  shape: ([x]) => x,
  kernels: { cpu: ([x]: NDArray[]) => x },
  gradient: null,
});

describe('SavedModel nodes as TensorFlow NodeDefs', () => {
  let tmp: string;
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-node-def-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const X = NDArray.from([[1, -2, 3], [-4, 5, -6]], 'float32');

  /** x @ W + b through a leaky op, saved; returns the directory, the model file and the output. */
  function save(options: { strip?: boolean; alpha?: number } = {}) {
    const dir = path.join(tmp, 'model');
    fs.rmSync(dir, { recursive: true, force: true });
    const out = new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [null, 3], 'x');
      const W = tf.Variable(tf.constant(NDArray.from([[1, 0.5], [-1, 2], [0.25, -3]], 'float32')), { name: 'W' });
      const b = tf.Variable(tf.zeros([2]), { name: 'b' });
      const attrs = options.alpha === undefined ? {} : { alpha: options.alpha };
      const y = leakyOp([tf.add(tf.matmul(x, W), b)], attrs, 'y').outputs[0];
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const bld = builder.SavedModelBuilder(dir, { format: 'tensorgraph' });
      bld.add_meta_graph_and_variables(sess, ['serve'], { strip_default_attrs: !!options.strip });
      bld.save();
      return sess.run(y, { 'x:0': X }) as NDArray;
    });
    return { dir, file: path.join(dir, 'saved_model.tgsm'), out };
  }

  function loadAndRun(dir: string): { out: NDArray; graph: tf.Graph } {
    return tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      return { out: sess.run('y:0', { 'x:0': X }) as NDArray, graph: sess.graph };
    });
  }

  it('writes each op as its NodeDef: inputs as op:index and ^control, typed AttrValues', () => {
    const { file } = save();
    const json = readJson(file);
    expect(json.format_version).to.equal(2);
    const matmul = nodeOf(json, 'MatMul');
    expect(Object.keys(matmul).sort()).to.deep.equal(['attr', 'device', 'input', 'name', 'op']);
    expect(matmul.op).to.equal('MatMul');
    expect(matmul.input).to.deep.equal(['x:0', 'W/read:0']);
    expect(matmul.device).to.equal('');
    expect(matmul.attr.T).to.deep.equal({ type: 'DT_FLOAT' });
    expect(matmul.attr.transpose_a).to.deep.equal({ b: false });
    expect(matmul.attr.transpose_b).to.deep.equal({ b: false });
    expect(matmul.attr._output_shapes).to.deep.equal({ list: { shape: [{ dim: [{ size: -1 }, { size: 2 }] }] } });
    expect(nodeOf(json, 'y').attr.alpha).to.deep.equal({ f: 0.5 });
    expect(nodeOf(json, 'y').attr.clip).to.deep.equal({ list: {} });
    expect(nodeOf(json, 'x').attr.shape).to.deep.equal({ shape: { dim: [{ size: -1 }, { size: 3 }] } });
    expect(nodeOf(json, 'init').input).to.deep.equal(['^W/Assign', '^b/Assign']);
    const w = nodeOf(json, 'Const').attr.value.tensor;
    expect(w.dtype).to.equal('DT_FLOAT');
    expect(w.tensor_shape).to.deep.equal({ dim: [{ size: 3 }, { size: 2 }] });
    expect(Buffer.from(w.tensor_content, 'base64')).to.have.length(24);
  });

  it('writes a constant whose elements are all equal as one value with its full shape, and reloads it bit for bit', () => {
    const dir = path.join(tmp, 'splat');
    const values = {
      tenth: new NDArray(new Float32Array(300 * 200).fill(0.1), [300, 200], 'float32'),
      negzero: new NDArray(new Float32Array(4).fill(-0), [2, 2], 'float32'),
      nan: new NDArray(new Float32Array(3).fill(NaN), [3], 'float32'),
      big: NDArray.from([2 ** 53 - 1, 2 ** 53 - 1], 'int64'),
      yes: NDArray.from([true, true, true], 'bool'),
      bytes: NDArray.from([200, 200], 'uint8'),
      seven: NDArray.from([[7]], 'int32'),
    };
    new tf.Graph().as_default(() => {
      for (const [name, v] of Object.entries(values)) tf.constant(v, { name });
      const bld = builder.SavedModelBuilder(dir, { format: 'tensorgraph' });
      bld.add_meta_graph_and_variables(tf.Session(), ['serve']);
      bld.save();
    });
    const file = path.join(dir, 'saved_model.tgsm');
    expect(fs.statSync(file).size).to.be.below(4096);
    const json = readJson(file);
    const tensor = (name: string) => nodeOf(json, name).attr.value.tensor;
    expect(tensor('tenth')).to.deep.equal({ dtype: 'DT_FLOAT', tensor_shape: { dim: [{ size: 300 }, { size: 200 }] }, float_val: [Math.fround(0.1)] });
    expect(tensor('negzero').float_val).to.deep.equal(['-0']);
    expect(tensor('nan').float_val).to.deep.equal(['NaN']);
    expect(tensor('big')).to.deep.equal({ dtype: 'DT_INT64', tensor_shape: { dim: [{ size: 2 }] }, int64_val: [2 ** 53 - 1] });
    expect(tensor('yes').bool_val).to.deep.equal([true]);
    expect(tensor('bytes')).to.deep.equal({ dtype: 'DT_UINT8', tensor_shape: { dim: [{ size: 2 }] }, int_val: [200] });
    expect(tensor('seven')).to.deep.equal({ dtype: 'DT_INT32', tensor_shape: { dim: [{ size: 1 }, { size: 1 }] }, int_val: [7] });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      for (const [name, v] of Object.entries(values)) {
        const got = sess.run(`${name}:0`) as NDArray;
        expect(got.dtype, name).to.equal(v.dtype);
        expect(got.shape, name).to.deep.equal(v.shape);
        expect(bits(got), name).to.deep.equal(bits(v));
      }
    });
  });

  it('round-trips NaN, -0 and infinities in float attrs, written as proto3 JSON strings', () => {
    for (const [alpha, written] of [[NaN, 'NaN'], [-0, '-0'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']] as const) {
      fs.rmSync(path.join(tmp, 'model'), { recursive: true, force: true });
      const { dir, file, out } = save({ alpha });
      expect(nodeOf(readJson(file), 'y').attr.alpha).to.deep.equal({ f: written });
      const loaded = loadAndRun(dir);
      expect(Object.is(loaded.graph.get_operation_by_name('y').get_attr('alpha'), alpha), String(alpha)).to.equal(true);
      expect(bits(loaded.out)).to.deep.equal(bits(out));
    }
  });

  it('strip_default_attrs leaves out attrs equal to their defaults; the model loads with them filled back and runs the same', () => {
    const full = save();
    const kept = readJson(full.file);
    fs.rmSync(full.dir, { recursive: true });
    const stripped = save({ strip: true });
    const json = readJson(stripped.file);
    expect(json.meta_graphs[0].meta_info_def.stripped_default_attrs).to.equal(true);
    expect(Object.keys(nodeOf(kept, 'MatMul').attr).sort()).to.deep.equal(['T', '_output_shapes', 'transpose_a', 'transpose_b']);
    expect(Object.keys(nodeOf(json, 'MatMul').attr).sort()).to.deep.equal(['T', '_output_shapes']);
    expect(Object.keys(nodeOf(json, 'y').attr).sort()).to.deep.equal(['T', '_output_shapes']);
    const loaded = loadAndRun(stripped.dir);
    expect(loaded.graph.get_operation_by_name('MatMul').attrs).to.deep.equal({ T: 'float32', transpose_a: false, transpose_b: false });
    expect(loaded.graph.get_operation_by_name('y').attrs).to.deep.equal({ T: 'float32', alpha: 0.5, clip: [], scale: 1 });
    expect(bits(loaded.out)).to.deep.equal(bits(stripped.out));
    expect(bits(loaded.out)).to.deep.equal(bits(full.out));
  });

  it('keeps an attr whose value differs from its default when stripping', () => {
    const { file, dir, out } = save({ strip: true, alpha: 0.25 });
    expect(nodeOf(readJson(file), 'y').attr.alpha).to.deep.equal({ f: 0.25 });
    expect(bits(loadAndRun(dir).out)).to.deep.equal(bits(out));
  });

  describe('refuses malformed AttrValues with a DataLossError naming the file and the path', () => {
    function expectRefused(edit: (json: any) => void, pattern: RegExp, cls: any = tf.errors.DataLossError) {
      const { dir, file } = save();
      tamperJson(file, edit);
      tf.Session({ graph: new tf.Graph() }).with((sess) => {
        let caught: any = null;
        try { loader.load(sess, ['serve'], dir); } catch (e) { caught = e; }
        expect(caught).to.be.instanceOf(cls);
        expect(caught.message, caught.message).to.match(/saved_model\.tgsm: /);
        expect(caught.message, caught.message).to.match(pattern);
        expect(sess.graph.get_operations()).to.have.length(0);
      });
    }
    const at = (name: string) => (json: any) => nodeOf(json, name);

    it('an AttrValue with no field, two fields or an unknown one', () => {
      expectRefused((j) => { at('MatMul')(j).attr.transpose_a = {}; },
        /meta_graphs\[0\]\.graph_def\.node\[\d+\]\.attr\.transpose_a must be an AttrValue with exactly one of i, f, b, s, type, shape, tensor, func, list; got none/);
      expectRefused((j) => { at('MatMul')(j).attr.transpose_a = { b: false, i: 0 }; }, /node\[\d+\]\.attr\.transpose_a must be an AttrValue with exactly one of .*; got b, i/);
      expectRefused((j) => { at('MatMul')(j).attr.transpose_a = { bool: false }; }, /attr\.transpose_a must be an AttrValue .*; got bool/);
    });

    it('a field of the wrong JSON kind, or a DataType tensorgraph lacks', () => {
      expectRefused((j) => { at('MatMul')(j).attr.transpose_a = { b: 'no' }; }, /node\[\d+\]\.attr\.transpose_a\.b must be a boolean, got string "no"/);
      expectRefused((j) => { at('MatMul')(j).attr.T = { type: 'DT_COMPLEX64' }; }, /node\[\d+\]\.attr\.T\.type is not a DataType tensorgraph supports \(DT_FLOAT, DT_INT32, DT_INT64, DT_BOOL, DT_UINT8, DT_DOUBLE, DT_HALF, DT_INT16, DT_INT8, DT_UINT16\), got "DT_COMPLEX64"/);
      expectRefused((j) => { at('y')(j).attr.alpha = { f: 'nan' }; }, /attr\.alpha\.f must be a number or one of "NaN", "Infinity", "-Infinity", "-0", got "nan"/);
      expectRefused((j) => { at('y')(j).attr.scale = { i: 1.5 }; }, /attr\.scale\.i must be an integer \(at most 2\^53 in magnitude\), got number 1\.5/);
      expectRefused((j) => { at('y')(j).attr.scale = { i: '1e3' }; }, /attr\.scale\.i must be an integer .*got string "1e3"/);
      expectRefused((j) => { at('x')(j).attr.shape = { shape: { dim: [{ size: -2 }] } }; }, /attr\.shape\.shape\.dim\[0\]\.size must be an integer >= -1, got number -2/);
      expectRefused((j) => { at('y')(j).attr.clip = { list: { f: [1], i: [2] } }; }, /attr\.clip\.list must hold one kind of value, got f, i/);
    });

    it('an AttrValue field that does not fit the op schema, or an attr the schema lacks', () => {
      expectRefused((j) => { at('MatMul')(j).attr.T = { i: 1 }; },
        /node 'MatMul' \(op MatMul\), attr 'T': expected AttrValue field 'type' for type type, got i/);
      expectRefused((j) => { at('MatMul')(j).attr.transpose = { b: true }; }, /node 'MatMul' \(op MatMul\): attr 'transpose' is not in the op's definition/);
      expectRefused((j) => { at('MatMul')(j).attr.T = { type: 'DT_INT32' }; }, /cannot recreate node 'MatMul' \(op MatMul\): Input 'a' of 'MatMul' \(op: 'MatMul'\) has type float32 that does not match type int32 of attr 'T'/, tf.errors.InvalidArgumentError);
    });

    it('a list AttrValue of the wrong kind, or _output_shapes that is not a list of shapes', () => {
      expectRefused((j) => { at('y')(j).attr.clip = { list: { i: [1] } }; },
        /node 'y' \(op NodeDefTestLeaky\), attr 'clip': expected a list of 'f' values for type list\(float\), got a list of 'i'/);
      expectRefused((j) => { at('MatMul')(j).attr._output_shapes = { list: { i: [2] } }; },
        /node 'MatMul' \(op MatMul\), attr '_output_shapes': expected a list of 'shape' values for type list\(shape\), got a list of 'i'/);
    });

    it('without _output_shapes, an input whose output index is out of range', () => {
      expectRefused((j) => { delete at('MatMul')(j).attr._output_shapes; at('Add')(j).input[0] = 'MatMul:1'; },
        /cannot recreate node 'Add' \(op Add\): .*MatMul:1/, tf.errors.InvalidArgumentError);
    });

    it('a TensorProto that is malformed', () => {
      const w = (j: any) => nodeOf(j, 'Const').attr.value.tensor;
      const zeros = (j: any) => nodeOf(j, 'zeros').attr.value.tensor;
      expectRefused((j) => { w(j).tensor_content = 'not base64!'; }, /node\[\d+\]\.attr\.value\.tensor\.tensor_content is not valid base64/);
      expectRefused((j) => { w(j).dtype = 'float32'; }, /attr\.value\.tensor\.dtype is not a DataType tensorgraph supports .*got "float32"/);
      expectRefused((j) => { w(j).float_val = [1]; }, /attr\.value\.tensor must hold exactly one of tensor_content or float_val, got tensor_content, float_val/);
      expectRefused((j) => { w(j).tensor_shape = { dim: [{ size: 3 }, { size: '2' }] }; }, /attr\.value\.tensor\.tensor_shape\.dim\[1\]\.size must be an integer/);
      expectRefused((j) => { zeros(j).float_val = [0, 0, 0]; }, /attr\.value\.tensor\.float_val holds 3 values; shape \(2,\) needs 1 \(all equal\) or 2/);
      expectRefused((j) => { zeros(j).int_val = zeros(j).float_val; delete zeros(j).float_val; }, /attr\.value\.tensor\.int_val does not hold DT_FLOAT values \(they go in float_val\)/);
      expectRefused((j) => { zeros(j).float_val = [0.1]; }, /attr\.value\.tensor\.float_val\[0\] 0\.1 is not a float32 value/);
      expectRefused((j) => { zeros(j).dtype = 'DT_UINT8'; zeros(j).int_val = [256]; delete zeros(j).float_val; }, /attr\.value\.tensor\.int_val\[0\] must be a uint8 value, got 256/);
      expectRefused((j) => { zeros(j).values = [0]; }, /attr\.value\.tensor\.values is not a TensorProto field tensorgraph reads/);
    });

    it('inputs that are not op:index or ^op, or a data input after a control input', () => {
      expectRefused((j) => { at('init')(j).input = ['^W/Assign', 'x:0']; }, /node\[\d+\]\.input\[1\] is a data input after a control input/);
      expectRefused((j) => { at('MatMul')(j).input[0] = 'x:zero'; }, /node\[\d+\]\.input\[0\] must be a tensor name 'op:index' or a control input '\^op', got "x:zero"/);
      expectRefused((j) => { at('init')(j).input = ['^nothing']; }, /a control input of node 'init' refers to op 'nothing', which is not defined before it/);
      expectRefused((j) => { at('MatMul')(j).control_input = []; }, /node\[\d+\]\.control_input is not a NodeDef field \(fields: name, op, input, device, attr\)/);
    });
  });

  it('round-trips an attr of every kind through its AttrValue form', () => {
    const dir = path.join(tmp, 'every');
    const attrs = { ks: [1, 2, 2, 1], dims: [null, 3], none: null, neg: -0, pad: 'SAME', dt: 'int32', flag: true, rates: [0.5, 2.5] };
    new tf.Graph().as_default(() => {
      everyAttrOp([tf.placeholder('float32', [null, 3], 'x')], attrs, 'every');
      const bld = builder.SavedModelBuilder(dir, { format: 'tensorgraph' });
      bld.add_meta_graph_and_variables(tf.Session(), ['serve'], { strip_default_attrs: true });
      bld.save();
    });
    const stored = nodeOf(readJson(path.join(dir, 'saved_model.tgsm')), 'every').attr;
    expect(stored.ks).to.deep.equal({ list: { i: [1, 2, 2, 1] } });
    expect(stored.dims).to.deep.equal({ shape: { dim: [{ size: -1 }, { size: 3 }] } });
    expect(stored.none).to.deep.equal({ shape: { unknown_rank: true } });
    expect(stored.neg).to.deep.equal({ f: '-0' });
    expect(stored.dt).to.deep.equal({ type: 'DT_INT32' });
    expect(stored.rates).to.deep.equal({ list: { f: [0.5, 2.5] } });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      const op = sess.graph.get_operation_by_name('every');
      expect(op.attrs).to.deep.equal({ T: 'float32', ...attrs });
      expect(Object.is(op.attrs.neg, -0)).to.equal(true);
    });
  });

  it('reads an input named by its op alone as output 0, as TensorFlow does', () => {
    const { dir, file, out } = save();
    tamperJson(file, (j) => { nodeOf(j, 'MatMul').input = ['x', 'W/read']; });
    expect(bits(loadAndRun(dir).out)).to.deep.equal(bits(out));
  });

  it('reads the forms proto3 JSON writers use: 64-bit integers as strings, zero fields left out', () => {
    const { dir, file, out } = save({ alpha: 0.25 });
    tamperJson(file, (j) => {
      nodeOf(j, 'y').attr.scale = { i: '1' };
      nodeOf(j, 'x').attr.shape.shape.dim[0] = { size: '-1' };
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], dir);
      expect(sess.graph.get_operation_by_name('y').get_attr('scale')).to.equal(1);
      expect(sess.graph.get_tensor_by_name('x:0').shape).to.deep.equal([null, 3]);
      expect(bits(sess.run('y:0', { 'x:0': X }) as NDArray)).to.deep.equal(bits(out));
    });
    const empty = path.join(tmp, 'empty');
    new tf.Graph().as_default(() => {
      tf.constant(new NDArray(new Float32Array(0), [0, 3], 'float32'), { name: 'empty' });
      const bld = builder.SavedModelBuilder(empty, { format: 'tensorgraph' });
      bld.add_meta_graph_and_variables(tf.Session(), ['serve']);
      bld.save();
    });
    const emptyFile = path.join(empty, 'saved_model.tgsm');
    expect(nodeOf(readJson(emptyFile), 'empty').attr.value.tensor.tensor_content).to.equal('');
    tamperJson(emptyFile, (j) => {
      nodeOf(j, 'empty').attr.value.tensor.tensor_shape.dim[0] = {};
      nodeOf(j, 'empty').attr._output_shapes.list.shape[0].dim[0] = {};
      // proto3 JSON leaves out empty bytes: an empty tensor has no value field at all.
      delete nodeOf(j, 'empty').attr.value.tensor.tensor_content;
    });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      loader.load(sess, ['serve'], empty);
      expect(sess.graph.get_tensor_by_name('empty:0').shape).to.deep.equal([0, 3]);
      expect((sess.run('empty:0') as NDArray).shape).to.deep.equal([0, 3]);
    });
  });

  it('refuses a file of the previous format version, naming the file and both versions', () => {
    const { dir, file } = save();
    tamperJson(file, (j) => { j.format_version = 1; });
    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      expect(() => loader.load(sess, ['serve'], dir)).to.throw(tf.errors.InvalidArgumentError,
        /saved_model\.tgsm: unsupported SavedModel format_version 1 \(this tensorgraph reads version 2\): it was written by an older tensorgraph, before nodes were stored as TensorFlow NodeDefs; re-export it/);
    });
  });
});
