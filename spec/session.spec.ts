import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { RuntimeError } from '../lib/session/runtime_error';

describe('Session', () => {
  beforeEach(() => tf.reset_default_graph());

  it('runs a tensor and returns an NDArray; a 0-d tensor gives a number', () => {
    const m = tf.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]]));
    const sess = new tf.Session();
    const v = sess.run(m);
    expect(v).to.be.instanceOf(NDArray);
    expect(v.shape).to.deep.equal([1, 1]);
    expect(v.toArray()).to.deep.equal([[11]]);
    expect(sess.run(tf.constant(2.5))).to.equal(2.5);
    expect(sess.run(tf.constant(true))).to.equal(true);
  });

  it('a control dependency on a fed placeholder is satisfied by the feed, as TF1 rewires its control edges', () => {
    const x = tf.placeholder(tf.float32, [2]);
    const y = tf.control_dependencies([x], () => tf.identity(tf.constant(3)));
    const sess = new tf.Session();
    expect(sess.run(y, { feed_dict: [[x, [1, 2]]] })).to.equal(3);
    // Unfed, the placeholder still runs and asks for its feed.
    expect(() => sess.run(y)).to.throw(tf.errors.InvalidArgumentError, /must feed a value for placeholder tensor 'Placeholder'/);
  });

  it('works without new, and fetches by name', () => {
    const x = tf.constant([[1, 2]], { name: 'x' });
    const sess = tf.Session();
    expect(sess.run('x:0').toArray()).to.deep.equal([[1, 2]]);
    expect(sess.run('x')).to.equal(null);
    expect(sess.run(x.op)).to.equal(null);
  });

  it('returns the structure of nested arrays and objects of fetches', () => {
    const a = tf.constant(1), b = tf.constant([2, 3]);
    const sess = new tf.Session();
    const out = sess.run({ first: a, rest: [b, { again: a }], op: b.op });
    expect(out.first).to.equal(1);
    expect(out.rest[0].toArray()).to.deep.equal([2, 3]);
    expect(out.rest[1].again).to.equal(1);
    expect(out.op).to.equal(null);
  });

  it('runs only the ops the fetches need, each once', () => {
    const x = tf.placeholder('float', [1, 1]);
    const big = tf.matmul(tf.zeros([50, 50]), tf.zeros([50, 50]));
    const y = tf.matmul(x, tf.constant([[2]]));
    const z = tf.matmul(y, y);
    void big;
    const sess = new tf.Session();
    const [yv, zv] = sess.run([y, z], { [x.name]: [[3]] });
    expect(yv.toArray()).to.deep.equal([[6]]);
    expect(zv.toArray()).to.deep.equal([[36]]);
    // Const(2), MatMul y, MatMul z: the placeholder is fed, `big` and its inputs are pruned.
    expect(sess.stats.kernelCalls).to.equal(3);
  });

  it('caches the compiled plan per (fetches, feeds) signature', () => {
    const x = tf.placeholder('float', [null, 1]);
    const y = tf.matmul(x, tf.constant([[2]]));
    const sess = new tf.Session();
    for (let i = 0; i < 5; i++) sess.run(y, [[x, [[i]]]]);
    expect(sess.stats.compiles).to.equal(1);
    sess.run(y, [[x, [[1], [2]]]]);
    expect(sess.stats.compiles).to.equal(1);
    sess.run([y, x], [[x, [[1]]]]);
    expect(sess.stats.compiles).to.equal(2);
  });

  it('accepts feeds as a Map, pairs, or an object keyed by tensor name; any tensor can be fed', () => {
    const x = tf.placeholder('float', [1, 1], 'x');
    const y = tf.matmul(x, tf.constant([[2]]), { name: 'y' });
    const z = tf.matmul(y, tf.constant([[10]]));
    const sess = new tf.Session();
    expect(sess.run(z, new Map([[x, [[1]]]])).toArray()).to.deep.equal([[20]]);
    expect(sess.run(z, [['x:0', [[2]]]]).toArray()).to.deep.equal([[40]]);
    expect(sess.run(z, { 'x:0': NDArray.from([[3]]) }).toArray()).to.deep.equal([[60]]);
    // Feeding an intermediate tensor: x is then not needed at all.
    expect(sess.run(z, { 'y:0': [[5]] }).toArray()).to.deep.equal([[50]]);
    expect(sess.run(z, [[x, Float32Array.of(4)]]).toArray()).to.deep.equal([[80]]);
  });

  it('holds separate variable values in two sessions on one graph', () => {
    const v = tf.Variable(tf.constant([1, 2]));
    const inc = v.assign_add(tf.constant([1, 1]));
    const s1 = new tf.Session(), s2 = new tf.Session();
    s1.run(tf.global_variables_initializer());
    s2.run(tf.global_variables_initializer());
    s1.run(inc); s1.run(inc);
    expect(s1.run(v).toArray()).to.deep.equal([3, 4]);
    expect(s2.run(v).toArray()).to.deep.equal([1, 2]);
  });

  it('returns copies of variable values that later runs do not change', () => {
    const v = tf.Variable(tf.constant([1, 2]));
    const inc = v.assign_add(tf.constant([1, 1]));
    const sess = new tf.Session();
    sess.run(tf.initialize_all_variables());
    const before = sess.run(v);
    sess.run(inc); sess.run(inc); sess.run(inc);
    expect(before.toArray()).to.deep.equal([1, 2]);
    expect(sess.run(v).toArray()).to.deep.equal([4, 5]);
  });

  describe('errors', () => {
    it('a feed of the wrong shape is an InvalidArgumentError naming the tensor and shapes', () => {
      const x = tf.placeholder('float', [null, 784], 'x');
      const sess = new tf.Session();
      expect(() => sess.run(x, { 'x:0': [[1, 2, 3], [4, 5, 6]] })).to.throw(tf.errors.InvalidArgumentError,
        "Cannot feed value of shape (2, 3) for Tensor 'x:0', which has shape '(?, 784)'");
    });

    it('a feed of the wrong dtype is an InvalidArgumentError', () => {
      const labels = tf.placeholder(tf.int64, [null], 'labels');
      const flags = tf.placeholder(tf.bool, [2], 'flags');
      const sess = new tf.Session();
      expect(() => sess.run(labels, { 'labels:0': [1.5, 2] })).to.throw(tf.errors.InvalidArgumentError, /non-integer value 1.5.*labels:0/);
      expect(() => sess.run(flags, { 'flags:0': NDArray.from([1, 0]) })).to.throw(tf.errors.InvalidArgumentError, /float32 value.*flags:0.*bool/);
      expect(sess.run(labels, { 'labels:0': [3, 4] }).dtype).to.equal('int64');
    });

    it('an unfed placeholder is an InvalidArgumentError naming it', () => {
      const x = tf.placeholder('float', [null, 2], 'images');
      const y = tf.matmul(x, tf.zeros([2, 2]));
      const sess = new tf.Session();
      expect(() => sess.run(y)).to.throw(tf.errors.InvalidArgumentError,
        "You must feed a value for placeholder tensor 'images' with dtype float and shape [?,2]");
    });

    it('reading an uninitialized variable is a FailedPreconditionError naming it', () => {
      const w = tf.Variable(tf.zeros([2, 2]), { name: 'weights' });
      const sess = new tf.Session();
      expect(() => sess.run(w)).to.throw(tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value weights');
    });

    it('an unknown fetch name is an error naming it', () => {
      const sess = new tf.Session();
      expect(() => sess.run('missing:0')).to.throw(/missing/);
    });

    it('a closed session refuses to run', () => {
      const c = tf.constant(1);
      const sess = new tf.Session();
      sess.close();
      expect(() => sess.run(c)).to.throw('Attempted to use a closed Session.');
    });

    it('a failed run leaves every variable as it was', () => {
      const v = tf.Variable(tf.constant([1, 2]));
      const x = tf.placeholder('float', [1, 1], 'unfed');
      const inc = v.assign_add(tf.constant([10, 10]));
      const failing = tf.control_dependencies([inc], () => tf.matmul(x, tf.constant([[1]])));
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      expect(() => sess.run([inc, failing])).to.throw(tf.errors.InvalidArgumentError, /unfed/);
      expect(sess.run(v).toArray()).to.deep.equal([1, 2]);
      sess.run(inc);
      expect(sess.run(v).toArray()).to.deep.equal([11, 12]);
    });
  });

  it('a run nested in a kernel (a custom op running the session) commits with the outer run, not before it', () => {
    const v = tf.Variable(tf.constant([1, 2]));
    const inc = v.assign_add(tf.constant([10, 10]));
    let inner = () => {};
    const runsInc = tf.register_op({
      name: 'RunsTheSessionForNestedCommit', is_stateful: true,
      inputs: [{ name: 'a', type_attr: 'T' }], outputs: [{ name: 'b', type_attr: 'T' }], attrs: { T: { type: 'type' } },
      shape: ([a]) => a,
      kernels: { cpu: ([a]: NDArray[]) => { inner(); return a; } },
    });
    const nested = runsInc([tf.constant([0])]).outputs[0];
    // Created after the custom op, so the plan runs the nested run first, then fails.
    const x = tf.placeholder('float', [1, 1], 'unfed_after_nested');
    const failing = tf.control_dependencies([nested.op], () => tf.matmul(x, tf.constant([[1]])));
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    inner = () => { sess.run(inc); };
    expect(() => sess.run([nested, failing])).to.throw(tf.errors.InvalidArgumentError, /unfed_after_nested/);
    expect(sess.run(v).toArray()).to.deep.equal([1, 2]);
    sess.run(nested);
    expect(sess.run(v).toArray()).to.deep.equal([11, 12]);
  });

  describe('run_async', () => {
    it('resolves what sess.run returns, in the same structure', async () => {
      const x = tf.placeholder('float', [null, 2]);
      const y = tf.matmul(x, tf.constant([[1], [2]]));
      const sess = new tf.Session();
      const feed = new Map([[x, [[1, 2], [3, 4]]]]);
      const expected = sess.run({ y, pair: [y, tf.constant(7)] }, feed);
      const got = await sess.run_async({ y, pair: [y, tf.constant(7)] }, feed);
      expect(got.y.toArray()).to.deep.equal(expected.y.toArray());
      expect(got.pair[0].toArray()).to.deep.equal([[5], [11]]);
      expect(got.pair[1]).to.equal(7);
    });

    it('rejects with the error class sess.run throws', async () => {
      const x = tf.placeholder('float', [1, 1], 'never_fed');
      const y = tf.matmul(x, tf.constant([[1]]));
      const sess = new tf.Session();
      const rejection = async (p: Promise<unknown>) => { try { await p; } catch (e) { return e; } return null; };
      const unfed = await rejection(sess.run_async(y));
      expect(unfed).to.be.instanceOf(tf.errors.InvalidArgumentError);
      expect((unfed as Error).message).to.match(/never_fed/);
      sess.close();
      const closed = await rejection(sess.run_async(y));
      expect(closed).to.be.instanceOf(RuntimeError);
      expect((closed as Error).message).to.equal('Attempted to use a closed Session.');
    });

    it('a failed run_async leaves every variable as it was', async () => {
      const v = tf.Variable(tf.constant([1, 2]));
      const x = tf.placeholder('float', [1, 1], 'unfed_async');
      const inc = v.assign_add(tf.constant([10, 10]));
      const failing = tf.control_dependencies([inc], () => tf.matmul(x, tf.constant([[1]])));
      const sess = new tf.Session();
      await sess.run_async(tf.global_variables_initializer());
      let error: unknown = null;
      await sess.run_async([inc, failing]).catch((e) => { error = e; });
      expect(error).to.be.instanceOf(tf.errors.InvalidArgumentError);
      expect((await sess.run_async(v)).toArray()).to.deep.equal([1, 2]);
    });

    it('runs in call order; on a backend without executeAsync it has run when it returns', async () => {
      const v = tf.Variable(tf.constant([1, 2]));
      const inc = v.assign_add(tf.constant([10, 10]));
      const sess = new tf.Session();
      sess.run(v.initializer);
      const runs = [sess.run_async(inc), sess.run_async(inc)];
      expect(sess.run(v).toArray()).to.deep.equal([21, 22]);
      expect((await runs[0]).toArray()).to.deep.equal([11, 12]);
      expect((await runs[1]).toArray()).to.deep.equal([21, 22]);
    });
  });

  it('InteractiveSession makes tensor.eval() and op.run() work', () => {
    const v = tf.Variable(tf.constant([1, 2]));
    const sess = new tf.InteractiveSession();
    try {
      tf.global_variables_initializer().run();
      v.assign_add(tf.constant([1, 1])).op.run();
      expect(v.eval().toArray()).to.deep.equal([2, 3]);
      const x = tf.placeholder('float', [1, 1]);
      expect(tf.matmul(x, tf.constant([[3]])).eval({ [x.name]: [[2]] }).toArray()).to.deep.equal([[6]]);
    } finally { sess.close(); }
    expect(() => tf.constant(1).eval()).to.throw(/No default session/);
  });

  it('the block form makes graph and session default inside and closes after', () => {
    const g = new tf.Graph();
    const s = new tf.Session({ graph: g });
    const result = s.with((sess) => {
      expect(tf.get_default_graph()).to.equal(g);
      expect(tf.get_default_session()).to.equal(sess);
      return sess.run(tf.constant(7));
    });
    expect(result).to.equal(7);
    expect(s.is_closed).to.equal(true);
    expect(tf.get_default_graph()).to.not.equal(g);
  });

  it('prints NDArrays like NumPy', () => {
    expect(NDArray.from([5, 4, 2], 'int64').toString()).to.equal('[5 4 2]');
    expect(NDArray.from([[1, 2], [3, 4]]).toString()).to.equal('[[1. 2.]\n [3. 4.]]');
    expect(NDArray.from([0.5, 0.25]).toString()).to.equal('[0.5  0.25]');
    expect(NDArray.from([[-1.5, 2], [3, 4.25]]).toString()).to.equal('[[-1.5   2.  ]\n [ 3.    4.25]]');
    expect(NDArray.from([true, false]).toString()).to.equal('[ True False]'); // NumPy pads True to False's width
  });
});

describe('Session: fetched values are the caller\'s own', () => {
  beforeEach(() => tf.reset_default_graph());

  it('changing a fetched constant or feed changes neither the graph nor the caller\'s feed', () => {
    const c = tf.constant([1, 2, 3]);
    const p = tf.placeholder('float', [2]);
    const sess = new tf.Session();
    (sess.run(c) as NDArray).data[0] = 100;
    (sess.run(tf.reshape(c, [3, 1])) as NDArray).data[1] = 100;
    expect(sess.run(c).toArray()).to.deep.equal([1, 2, 3]);
    const feed = NDArray.from([5, 6]);
    const out = sess.run(tf.identity(p), [[p, feed]]) as NDArray;
    expect(out).to.not.equal(feed);
    out.data[0] = 0;
    expect(feed.toArray()).to.deep.equal([5, 6]);
  });
});
