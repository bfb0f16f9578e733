import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { probeGl, GpuBackend } from '../lib/gpu/index';
import { swish, swishOp, main, spirals } from '../examples/custom_op';
import { checkGradients, randomArray } from './helpers/gradient_check';

/** The gpu backend this machine has: headless GL when it opens, else gpu.js's webasm mode. */
const gpuDevice = probeGl() ? 'gpu' : 'gpu-webasm';

function swishRef(v: number, beta: number): number { return v / (1 + Math.exp(-beta * v)); }

describe('custom op: Swish (examples/custom_op.ts)', () => {
  beforeEach(() => tf.reset_default_graph());

  for (const device of ['cpu', gpuDevice]) {
    it(`computes x * sigmoid(beta x) on ${device}`, () => {
      const xv = randomArray([3, 5], 3, -4, 4);
      const y = swish(tf.constant(xv), { beta: 1.5 });
      const sess = new tf.Session({ config: { device } });
      const out = sess.run(y) as NDArray;
      expect(out.shape).to.deep.equal([3, 5]);
      for (let i = 0; i < xv.size; i++) expect(out.data[i]).to.be.closeTo(swishRef(xv.data[i], 1.5), 1e-5);
    });

    it(`passes the numerical gradient check on ${device}`, () => {
      checkGradients((x) => swish(x, { beta: 0.7 }), [randomArray([4, 3], 5, -3, 3)], { config: { device } });
    });
  }

  it('stays on the device on the gpu backend: no CPU fallback', () => {
    const x = tf.placeholder('float', [null, 4]);
    const [g] = tf.gradients(tf.reduce_sum(swish(x)), [x]);
    const sess = new tf.Session({ config: { device: gpuDevice } });
    sess.run(g, { [x.name]: randomArray([2, 4], 9) });
    const counters = (sess.backend as GpuBackend).counters;
    expect(counters.cpuFallbacks).to.equal(0);
    expect(counters.launches).to.be.greaterThan(0);
  });

  it('is named and defaulted like a built-in op', () => {
    const x = tf.placeholder('float', [null, 4]);
    const y = swish(x);
    expect(y.op.type).to.equal('Swish');
    expect(y.op.name).to.equal('Swish');
    expect(y.op.attrs.beta).to.equal(1);
    expect(y.shape).to.deep.equal([null, 4]);
    expect(swish(x, { name: 'act' }).name).to.equal('act:0');
  });

  it('trains a small classifier with minimize()', () => {
    const lines: string[] = [];
    const acc = main({ steps: 150, log: (l: string) => lines.push(l) });
    expect(acc).to.be.greaterThan(0.9);
    // print(acc) in Python: the float32's shortest digits (0.9825), not the double's (0.9825000166893005).
    expect(lines[lines.length - 1]).to.equal(`training accuracy ${tf.numpy_like.str(acc)}`);
    expect(lines[lines.length - 1]).to.match(/^training accuracy (0\.\d{1,8}|1\.0)$/);
    expect(spirals(10).xs.shape).to.deep.equal([10, 2]);
  });

  describe('errors', () => {
    const shape = ([x]: tf.TensorSpec[]) => x;
    const unary = { inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }], attrs: { T: { type: 'type' as const } } };

    it('rejects a duplicate op name, saying where the first came from', () => {
      expect(() => tf.register_op({ name: 'Swish', ...unary, shape })).to.throw(tf.errors.AlreadyExistsError, /Op type 'Swish' is already registered \(first registered at .*custom_op/);
    });

    it('rejects a spec without a shape function, with a bad name, bad arguments or bad attrs', () => {
      const io = { inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }], attrs: { T: { type: 'type' as const } } };
      expect(() => tf.register_op({ name: 'NoShapes', ...io } as unknown as tf.OpSpec)).to.throw(tf.errors.ValueError, "register_op('NoShapes'): 'shape' (the shape function) must be a function");
      expect(() => tf.register_op({ name: 'lower case', ...io, shape })).to.throw(tf.errors.ValueError, /must be a CamelCase identifier/);
      expect(() => tf.register_op({ name: 'BadInputs', ...io, inputs: 'two' as never, shape })).to.throw(tf.errors.ValueError, /'inputs' must be a list/);
      expect(() => tf.register_op({ name: 'NoTypeAttr', ...io, attrs: {}, shape })).to.throw(tf.errors.ValueError, /input 'x'.*names attr 'T', which must be declared with type 'type'/);
      expect(() => tf.register_op({ name: 'TwoTypes', ...io, inputs: [{ name: 'x', type: 'float32', type_attr: 'T' }], shape })).to.throw(tf.errors.ValueError, /exactly one of type, type_attr or type_list_attr/);
      expect(() => tf.register_op({ name: 'BadAttr', ...io, attrs: { T: { type: 'type' }, k: { type: 'complex' as never } }, shape })).to.throw(tf.errors.ValueError, /attr 'k' needs a type/);
      expect(() => tf.register_op({ name: 'OldDType', ...io, attrs: { T: { type: 'dtype' as never } }, shape })).to.throw(tf.errors.ValueError, /of type 'type', as in TensorFlow's OpDef/);
      expect(() => tf.register_op({ name: 'BadKernel', ...io, shape, kernels: { cpu: 3 as never } })).to.throw(tf.errors.ValueError, /kernels.cpu must be a kernel function/);
    });

    it('checks input count, dtypes and attrs when the op is built, naming the op', () => {
      const x = tf.placeholder('float', [2]);
      expect(() => swishOp([x, x])).to.throw(tf.errors.ValueError, "Op 'Swish' (op: 'Swish') takes inputs (x), got 2 inputs");
      expect(() => swishOp([tf.placeholder('int32', [2])])).to.throw(TypeError, "Value passed to parameter 'x' of 'Swish' (op: 'Swish') has DataType int32 not in list of allowed values: float32");
      expect(() => swishOp([x], { beta: 'big' })).to.throw(tf.errors.ValueError, "Attr 'beta' of 'Swish' (op: 'Swish') must be of type float; got \"big\"");
      expect(() => swishOp([x], { gamma: 1 })).to.throw(tf.errors.ValueError, /Op 'Swish' \(op: 'Swish'\) has no attr named 'gamma'. Its attrs are: T, beta/);
      expect(() => swishOp([x], { Beta: 1 })).to.throw(tf.errors.ValueError, /has no attr named 'Beta'; did you mean 'beta'\?/);
      expect(() => swishOp([x], { T: 'int32' })).to.throw(TypeError, "Input 'x' of 'Swish' (op: 'Swish') has type float32 that does not match type int32 of attr 'T'.");
      const y = swishOp([x], { T: 'float32' }).outputs[0];
      expect(y.op.attrs).to.deep.equal({ T: 'float32', beta: 1 });
      expect(y.op.node_def.attr).to.deep.equal({ T: { type: 'DT_FLOAT' }, beta: { f: 1 } });
    });
  });

  describe('SavedModel', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-custom-'));
    const exportDir = path.join(tmp, 'model');
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('saves and loads a graph that uses it in a process that registered it', () => {
      const xv = randomArray([2, 3], 4);
      const g = new tf.Graph();
      const expected = g.as_default(() => {
        const x = tf.placeholder('float', [null, 3], 'x');
        const W = tf.Variable(randomArray([3, 3], 8), { name: 'W' });
        const y = swish(tf.matmul(x, W), { beta: 2, name: 'y' });
        const sess = new tf.Session({ graph: g });
        sess.run(tf.global_variables_initializer());
        // TensorFlow has no kernel for a custom op: its format refuses it, tensorgraph's own format keeps it.
        expect(() => new tf.saved_model.builder.SavedModelBuilder(path.join(tmp, 'tf')).add_meta_graph_and_variables(sess, ['serve']))
          .to.throw(tf.errors.UnimplementedError, /op type 'Swish' is not a TensorFlow op/);
        const builder = new tf.saved_model.builder.SavedModelBuilder(exportDir, { format: 'tensorgraph' });
        builder.add_meta_graph_and_variables(sess, ['serve'], {
          signature_def_map: { predict: tf.saved_model.signature_def_utils.predict_signature_def({ x }, { y }) },
        });
        builder.save();
        return sess.run(y, { 'x:0': xv }) as NDArray;
      });
      new tf.Session({ graph: new tf.Graph() }).with((sess) => {
        tf.saved_model.loader.load(sess, ['serve'], exportDir);
        const y = tf.get_default_graph().get_tensor_by_name('y:0');
        expect(y.op.type).to.equal('Swish');
        expect(y.op.attrs.beta).to.equal(2);
        const out = sess.run(y, { 'x:0': xv }) as NDArray;
        expect(Array.from(out.data)).to.deep.equal(Array.from(expected.data));
      });
    });

    it('fails clearly in a process that did not register it', () => {
      const lib = require.resolve('../lib/index');
      const args = lib.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [];
      const script = `const tf = require(${JSON.stringify(lib)});
        try { tf.saved_model.loader.load(new tf.Session({ graph: new tf.Graph() }), ['serve'], ${JSON.stringify(exportDir)}); console.log('loaded'); }
        catch (e) { console.log(e.name + ': ' + e.message); }`;
      const out = execFileSync(process.execPath, [...args, '-e', script], {
        encoding: 'utf8', env: { ...process.env, TENSORGRAPH_LOG_LEVEL: 'WARN' }, cwd: path.join(__dirname, '..'),
      });
      expect(out).to.match(/NotFoundError: .*'Swish'/);
    });
  });
});

describe('register_op is all or nothing', () => {
  it('a registration refused by one registry leaves no trace in the others', () => {
    const shape = ([x]: tf.TensorSpec[]) => x;
    const cpu = ([x]: NDArray[]) => x;
    const unary = { inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }], attrs: { T: { type: 'type' as const } } };
    tf.RegisterGradient('HalfRegistered', (_op, [dy]) => [dy]);
    expect(() => tf.register_op({ name: 'HalfRegistered', ...unary, shape, kernels: { cpu }, gradient: (_op, [dy]) => [dy] }))
      .to.throw(tf.errors.AlreadyExistsError, /Gradient for op type 'HalfRegistered' is already registered/);
    const op = tf.register_op({ name: 'HalfRegistered', ...unary, shape, kernels: { cpu } });
    const g = new tf.Graph();
    g.as_default(() => {
      const y = op([tf.constant([1, 2])]).outputs[0];
      expect(new tf.Session({ graph: g }).run(y).toArray()).to.deep.equal([1, 2]);
    });
  });
});
