import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import type { StaticShape } from '../lib/registry/op_registry';
import { makeOp, makeOp1 } from '../lib/ops/op_builder';
import { decodeContainer, encodeContainer } from '../lib/saved_model/container';

/*
 * Shape inference lives in the op definitions: ops added straight through
 * Graph.create_op (as graph import and gradient functions add them) get from their
 * Const operands the same static shapes the public functions give.
 */

const int32 = (v: unknown) => tf.constant(v, { dtype: 'int32' });
const zeros = (shape: number[]) => tf.constant(NDArray.zeros(shape));
const CONV = { strides: [1, 2, 2, 1], padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1] };
const POOL = { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID', data_format: 'NHWC' };

/** Ops built with makeOp1 (no public function involved), with the static shape each must infer. */
function directOps(): { t: tf.Tensor; shape: StaticShape; feed?: Map<tf.Tensor, NDArray> }[] {
  const x = zeros([2, 3, 4]);
  const batchless = tf.placeholder('float32', [null, 4, 4, 4], 'dy');
  const images = tf.placeholder('float32', [null, 8, 8, 3], 'images');
  const feed = new Map<tf.Tensor, NDArray>([[batchless, NDArray.zeros([2, 4, 4, 4])], [images, NDArray.zeros([2, 8, 8, 3])]]);
  const seeds = { seed: 1, seed2: 2 };
  return [
    { t: makeOp1('Reshape', [x, int32([4, -1])], {}, 'reshape'), shape: [4, 6] },
    { t: makeOp1('Transpose', [x, int32([2, 0, 1])], {}, 'transpose'), shape: [4, 2, 3] },
    { t: makeOp1('ConcatV2', [zeros([2, 3]), zeros([2, 5]), int32(1)], { N: 2 }, 'concat'), shape: [2, 8] },
    { t: makeOp1('Slice', [zeros([4, 5, 6]), int32([1, 0, 2]), int32([2, -1, 3])], {}, 'slice'), shape: [2, 5, 3] },
    { t: makeOp1('Tile', [zeros([2, 3]), int32([3, 2])], {}, 'tile'), shape: [6, 6] },
    { t: makeOp1('ExpandDims', [zeros([2, 3]), int32(-1)], {}, 'expand_dims'), shape: [2, 3, 1] },
    { t: makeOp1('Fill', [int32([2, 5]), tf.constant(1.5)], {}, 'fill'), shape: [2, 5] },
    { t: makeOp1('RandomStandardNormal', [int32([3, 4])], { dtype: 'float32', ...seeds }, 'normal'), shape: [3, 4] },
    { t: makeOp1('TruncatedNormal', [int32([2, 2, 3])], { dtype: 'float32', ...seeds }, 'truncated'), shape: [2, 2, 3] },
    { t: makeOp1('RandomUniform', [int32([5])], { dtype: 'float32', ...seeds }, 'uniform'), shape: [5] },
    { t: makeOp1('RandomUniformInt', [int32([2, 3]), int32(0), int32(10)], seeds, 'uniform_int'), shape: [2, 3] },
    {
      t: makeOp1('Conv2DBackpropInput', [int32([2, 8, 8, 3]), zeros([3, 3, 3, 4]), batchless], CONV, 'backprop_input'),
      shape: [2, 8, 8, 3], feed,
    },
    {
      t: makeOp1('Conv2DBackpropFilter', [images, int32([3, 3, 3, 4]), batchless], CONV, 'backprop_filter'),
      shape: [3, 3, 3, 4], feed,
    },
    { t: makeOp1('AvgPoolGrad', [int32([1, 4, 4, 2]), zeros([1, 2, 2, 2])], POOL, 'avg_pool_grad'), shape: [1, 4, 4, 2] },
    { t: makeOp1('Sum', [x, int32([1])], { keep_dims: true }, 'sum_kept'), shape: [2, 1, 4] },
    { t: makeOp1('Sum', [x, int32([0, 2])], { keep_dims: false }, 'sum'), shape: [3] },
  ];
}

function runShape(sess: tf.Session, t: tf.Tensor, feed?: Map<tf.Tensor, NDArray>): number[] {
  return (sess.run(t, feed ?? new Map()) as NDArray).shape;
}

describe('shape inference from Const operands', () => {
  beforeEach(() => tf.reset_default_graph());

  it('ops added through create_op directly get full static shapes, which the kernels then produce', () => {
    const cases = directOps();
    const sess = new tf.Session();
    for (const { t, shape, feed } of cases) {
      expect(t.shape, `${t.op.type} '${t.op.name}'`).to.deep.equal(shape);
      // Where a placeholder has an unknown batch, the operand's value supplied it.
      expect(runShape(sess, t, feed), `${t.op.type} '${t.op.name}' at run time`).to.deep.equal(shape);
    }
    expect(cases.find((c) => c.t.op.name === 'uniform_int')!.t.dtype).to.equal('int32');
    sess.close();
  });

  it('the same ops built by the public functions get the same shapes', () => {
    const x = zeros([2, 3, 4]);
    expect(tf.reshape(x, [4, -1]).shape).to.deep.equal([4, 6]);
    expect(tf.transpose(x, [2, 0, 1]).shape).to.deep.equal([4, 2, 3]);
    expect(tf.concat([zeros([2, 3]), zeros([2, 5])], 1).shape).to.deep.equal([2, 8]);
    expect(tf.slice(zeros([4, 5, 6]), [1, 0, 2], [2, -1, 3]).shape).to.deep.equal([2, 5, 3]);
    expect(tf.tile(zeros([2, 3]), [3, 2]).shape).to.deep.equal([6, 6]);
    expect(tf.expand_dims(zeros([2, 3]), -1).shape).to.deep.equal([2, 3, 1]);
    expect(tf.fill([2, 5], 1.5).shape).to.deep.equal([2, 5]);
    expect(tf.random_normal([3, 4]).shape).to.deep.equal([3, 4]);
    expect(tf.random_uniform([2, 3], 0, 10, 'int32').shape).to.deep.equal([2, 3]);
    const dy = tf.placeholder('float32', [null, 4, 4, 4]);
    expect(tf.nn.conv2d_backprop_input([2, 8, 8, 3], zeros([3, 3, 3, 4]), dy, [1, 2, 2, 1], 'SAME').shape).to.deep.equal([2, 8, 8, 3]);
    expect(tf.reduce_sum(x, 1, true).shape).to.deep.equal([2, 1, 4]);
  });

  it('bad Const operands fail while the op is built, naming it, and leave no op behind', () => {
    const x = zeros([2, 3, 4]);
    const before = tf.get_default_graph().get_operations().length;
    expect(() => makeOp1('Transpose', [x, int32([0, 0, 1])], {}, 'bad_perm')).to.throw(tf.errors.ValueError, /perm entry 0 is repeated.*'bad_perm'/);
    expect(() => makeOp1('Reshape', [x, int32([5, -1])], {}, 'bad_reshape')).to.throw(tf.errors.ValueError, /bad_reshape/);
    expect(() => makeOp1('Slice', [x, int32([0, 0, 3]), int32([1, 1, 2])], {}, 'bad_slice')).to.throw(tf.errors.ValueError, /Slice 'bad_slice'.*out of bounds/);
    expect(() => makeOp1('Conv2DBackpropInput', [int32([2, 12, 12, 3]), zeros([3, 3, 3, 4]), zeros([2, 4, 4, 4])], { ...CONV, padding: 'VALID' }, 'bad_sizes'))
      .to.throw(tf.errors.ValueError, /Conv2DBackpropInput 'bad_sizes'/);
    // Only the operands' Consts were added.
    const added = tf.get_default_graph().get_operations().slice(before);
    expect(added.map((op) => op.type).filter((t) => t !== 'Const')).to.deep.equal([]);
  });
});

describe('shape operands computed in the graph (public functions)', () => {
  beforeEach(() => tf.reset_default_graph());

  it('see a Const behind Identity ops', () => {
    const x = zeros([6]);
    expect(tf.reshape(x, tf.identity(int32([3, -1]))).shape).to.deep.equal([3, 2]);
    expect(tf.transpose(zeros([2, 3, 4]), tf.identity(tf.identity(int32([1, 0, 2])))).shape).to.deep.equal([3, 2, 4]);
    expect(tf.reduce_sum(zeros([2, 3]), tf.identity(int32(0))).shape).to.deep.equal([3]);
  });

  it('read a shape vector packed from scalars: known entries stay known', () => {
    const n = tf.placeholder('int32', []);
    const known = tf.stack([int32(2), int32(5)]);
    const partial = tf.stack([n, int32(5)]);
    expect(tf.fill(known, 0.5).shape).to.deep.equal([2, 5]);
    const f = tf.fill(partial, 0.5);
    expect(f.shape).to.deep.equal([null, 5]);
    expect(tf.reshape(zeros([10]), tf.stack([int32(-1), int32(5)])).shape).to.deep.equal([2, 5]);
    expect(tf.random_uniform(partial).shape).to.deep.equal([null, 5]);
    const out = new tf.Session().run(f, new Map([[n, NDArray.scalar(3, 'int32')]])) as NDArray;
    expect(out.shape).to.deep.equal([3, 5]);
  });

  it('read Shape(x) as the static shape of x, unknown dimensions included', () => {
    const p = tf.placeholder('float32', [null, 3]);
    const s = tf.shape(p);
    expect(tf.random_normal(s).shape).to.deep.equal([null, 3]);
    expect(tf.fill(s, 1).shape).to.deep.equal([null, 3]);
    expect(tf.reshape(tf.placeholder('float32', null), s).shape).to.deep.equal([null, 3]);
    expect(tf.zeros_like(p, 'int32').shape).to.deep.equal([null, 3]);
    expect(tf.broadcast_to(tf.constant([1, 2, 3]), s).shape).to.deep.equal([null, 3]);
    const out = new tf.Session().run(tf.fill(s, 1), new Map([[p, NDArray.zeros([2, 3])]])) as NDArray;
    expect(out.toArray()).to.deep.equal([[1, 1, 1], [1, 1, 1]]);
  });

  it('give convolution and pooling gradients the shapes of what they differentiate, with an unknown batch', () => {
    const x = tf.placeholder('float32', [null, 6, 6, 2]);
    const w = zeros([3, 3, 2, 4]);
    const y = tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME');
    const pooled = tf.nn.avg_pool(y, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID');
    const [dx, dw] = tf.gradients(tf.reduce_sum(pooled), [x, w]) as tf.Tensor[];
    expect(dx.shape).to.deep.equal([null, 6, 6, 2]);
    expect(dw.shape).to.deep.equal([3, 3, 2, 4]);
    const [dy] = tf.gradients(tf.reduce_sum(pooled), [y]) as tf.Tensor[];
    expect(dy.shape).to.deep.equal([null, 6, 6, 4]);
    const sess = new tf.Session();
    expect(runShape(sess, dx, new Map([[x, NDArray.zeros([3, 6, 6, 2])]]))).to.deep.equal([3, 6, 6, 2]);
  });

  it('a shape error found through an Identity leaves no half-built op', () => {
    const x = zeros([2, 3, 4]);
    const perm = tf.identity(int32([0, 0, 1]));
    const before = tf.get_default_graph().get_operations().length;
    expect(() => tf.transpose(x, perm, 'bad')).to.throw(tf.errors.ValueError, /perm entry 0 is repeated.*'bad'/);
    expect(tf.get_default_graph().get_operations().slice(before).map((op) => op.type)).to.deep.equal([]);
  });
});

describe('a SavedModel round trip of ops built directly', () => {
  // The builder reports each save at INFO level: keep the test output to warnings.
  const level = process.env.TENSORGRAPH_LOG_LEVEL;
  let tmp = '';
  beforeEach(() => {
    process.env.TENSORGRAPH_LOG_LEVEL = 'WARN';
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-shape-inference-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (level === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL;
    else process.env.TENSORGRAPH_LOG_LEVEL = level;
  });

  it('reloads with full static shapes inferred from the Consts, even with the saved shapes erased', () => {
    const dir = path.join(tmp, 'model');
    const saved = new tf.Graph().as_default(() => {
      const cases = directOps();
      const sess = new tf.Session();
      const b = tf.saved_model.builder.SavedModelBuilder(dir, { format: 'tensorgraph' });
      b.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.SERVING]);
      b.save();
      const values = cases.map(({ t, feed }) => sess.run(t, feed ?? new Map()) as NDArray);
      return { cases: cases.map(({ t, shape }) => ({ name: t.name, shape })), values };
    });
    // The loader merges what the file says into the shapes it infers: erase that, so only inference speaks.
    const file = path.join(dir, 'saved_model.tgsm');
    const json = decodeContainer(fs.readFileSync(file), 'TGSAVEDM', file) as any;
    let erased = 0;
    for (const node of json.meta_graphs[0].graph_def.node) {
      if (node.op === 'Placeholder') continue;
      const shapes = node.attr._output_shapes.list.shape;
      shapes.forEach((_: unknown, i: number) => { shapes[i] = { unknown_rank: true }; erased++; });
    }
    expect(erased).to.be.greaterThan(saved.cases.length);
    fs.writeFileSync(file, encodeContainer('TGSAVEDM', json));

    tf.Session({ graph: new tf.Graph() }).with((sess) => {
      tf.saved_model.loader.load(sess, ['serve'], dir);
      const g = sess.graph;
      const feed = new Map<tf.Tensor, NDArray>([
        [g.get_tensor_by_name('dy:0'), NDArray.zeros([2, 4, 4, 4])], [g.get_tensor_by_name('images:0'), NDArray.zeros([2, 8, 8, 3])],
      ]);
      saved.cases.forEach(({ name, shape }, i) => {
        const t = g.get_tensor_by_name(name);
        expect(t.shape, name).to.deep.equal(shape);
        // Seeded random ops repeat their numbers in the new process-like session, so every value matches.
        expect((sess.run(t, feed) as NDArray).toArray(), name).to.deep.equal(saved.values[i].toArray());
      });
    });
  });
});

describe('ops built by gradient functions', () => {
  beforeEach(() => tf.reset_default_graph());

  it('keep the shapes of the tensors they differentiate', () => {
    const x = tf.placeholder('float32', [null, 3, 4]);
    const rowSums = tf.tile(tf.expand_dims(tf.reduce_sum(x, 2), 1), [1, 4, 1]);
    const loss = tf.reduce_sum(tf.concat([tf.transpose(x, [0, 2, 1]), rowSums], 1));
    const [dx] = tf.gradients(loss, [x]) as tf.Tensor[];
    expect(dx.shape).to.deep.equal([null, 3, 4]);
    const xv = NDArray.from([[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]]);
    // d/dx of sum(transpose x) is 1; of the row sums tiled 4 times, 4.
    const got = new tf.Session().run(dx, new Map([[x, xv]])) as NDArray;
    expect(got.toArray()).to.deep.equal([[[5, 5, 5, 5], [5, 5, 5, 5], [5, 5, 5, 5]]]);
  });

  it('built with makeOp from Const shapes, as the gradient functions build them, know their shapes', () => {
    const dy = tf.placeholder('float32', [null, 2, 2, 3]);
    const [grad] = makeOp('AvgPoolGrad', [int32([4, 4, 4, 3]), dy], POOL).outputs;
    expect(grad.shape).to.deep.equal([4, 4, 4, 3]);
    expect(() => makeOp('AvgPoolGrad', [int32([4, 7, 7, 3]), dy], POOL)).to.throw(tf.errors.ValueError, /AvgPoolGrad/);
  });
});
