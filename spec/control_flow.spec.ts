import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

function inGraph<T>(fn: () => T): T { return new tf.Graph().as_default(fn); }
const vals = (x: unknown) => Array.from((x as NDArray).data);

describe('tf.cond', () => {
  it('runs the taken branch and returns its value', () => inGraph(() => {
    const x = tf.placeholder('float32', [], 'x');
    const y = tf.cond(tf.less(x, 0), () => tf.multiply(x, x), () => tf.multiply(x, 3));
    const sess = new tf.Session();
    expect(sess.run(y, new Map([[x, -2]]))).to.equal(4);
    expect(sess.run(y, new Map([[x, 5]]))).to.equal(15);
    expect(y.op.type).to.equal('If');
  }));

  it('does not run the untaken branch: its side effect does not happen', () => inGraph(() => {
    const v = tf.Variable(0, { name: 'counter' });
    const p = tf.placeholder('bool', [], 'p');
    const y = tf.cond(p, () => v.assign_add(10), () => tf.constant(-1));
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(sess.run(y, new Map([[p, false]]))).to.equal(-1);
    expect(sess.run(y, new Map([[p, false]]))).to.equal(-1);
    expect(sess.run(v)).to.equal(0);
    expect(sess.run(y, new Map([[p, true]]))).to.equal(10);
    expect(sess.run(v)).to.equal(10);
  }));

  it('does not run the untaken branch: a failing op there does not fail the run', () => inGraph(() => {
    const p = tf.placeholder('bool', [], 'p');
    // Made inside the branch: only running the branch asks for its feed.
    const y = tf.cond(p, () => tf.constant(1.5), () => tf.add(tf.placeholder('float32', [], 'never_fed'), 1));
    const sess = new tf.Session();
    expect(sess.run(y, new Map([[p, true]]))).to.equal(1.5);
    expect(() => sess.run(y, new Map([[p, false]]))).to.throw(tf.errors.InvalidArgumentError, /never_fed/);
  }));

  it('does not run a tf.Assert in the untaken branch', () => inGraph(() => {
    const x = tf.placeholder('float32', [], 'x');
    const y = tf.cond(tf.greater_equal(x, 0), () => tf.sqrt(x), () => {
      const check = tf.Assert(tf.greater_equal(x, 0), ['x must not be negative:', x]);
      return tf.control_dependencies([check], () => tf.identity(x));
    });
    const sess = new tf.Session();
    expect(sess.run(y, new Map([[x, 4]]))).to.equal(2);
    // The Assert fails only when its branch is taken.
    const bad = tf.cond(tf.less(x, 0), () => tf.control_dependencies([tf.Assert(tf.greater_equal(x, 0), ['negative:', x])], () => tf.identity(x)),
      () => tf.identity(x));
    expect(sess.run(bad, new Map([[x, 3]]))).to.equal(3);
    expect(() => sess.run(bad, new Map([[x, -3]]))).to.throw(tf.errors.InvalidArgumentError, 'assertion failed: [negative:] [-3]');
  }));

  it('nests, and returns lists and nested structures as the branches do', () => inGraph(() => {
    const x = tf.placeholder('float32', [], 'x');
    const out = tf.cond(tf.greater(x, 0),
      () => [tf.cond(tf.greater(x, 10), () => tf.constant(2), () => tf.constant(1)), [tf.multiply(x, 2)]],
      () => [tf.constant(0), [tf.multiply(x, -1)]]) as [tf.Tensor, [tf.Tensor]];
    const sess = new tf.Session();
    const run = (v: number) => sess.run([out[0], out[1][0]], new Map([[x, v]]));
    expect(run(20)).to.deep.equal([2, 40]);
    expect(run(3)).to.deep.equal([1, 6]);
    expect(run(-4)).to.deep.equal([0, 4]);
    const single = tf.cond(tf.greater(x, 0), () => [x], () => [x]);
    expect(single).to.be.instanceOf(tf.Tensor);
    expect(tf.cond(tf.greater(x, 0), () => [x], () => [x], { strict: true })).to.be.an('array').with.length(1);
  }));

  it('gives the shape both branches agree on', () => inGraph(() => {
    const p = tf.placeholder('bool', []);
    const y = tf.cond(p, () => tf.zeros([2, 3]), () => tf.ones([2, 4])) as tf.Tensor;
    expect([...y.shape!]).to.deep.equal([2, null]);
  }));

  it('lifts variables made inside a branch out of it: initialized, shared, and trained through the cond', () => inGraph(() => {
    const x = tf.placeholder('float32', [1, 2], 'x');
    const p = tf.placeholder('bool', [], 'p');
    const y = tf.cond(p, () => tf.layers.dense(x, 1, { use_bias: false, kernel_initializer: tf.ones_initializer() }), () => tf.zeros([1, 1])) as tf.Tensor;
    const [kernel] = tf.trainable_variables();
    // get_variable names follow variable scopes, not the cond's name scope (as TF1).
    expect(kernel.name).to.equal('dense/kernel:0');
    const loss = tf.reduce_sum(y);
    const [grad] = tf.gradients(loss, [kernel._asTensor()]);
    expect(grad).to.not.equal(null);
    const train = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const feed = (taken: boolean) => new Map<tf.Tensor, unknown>([[x, new NDArray(Float32Array.of(1, 2), [1, 2], 'float32')], [p, taken]]);
    expect(vals(sess.run(grad!, feed(true) as never))).to.deep.equal([1, 2]);
    expect(vals(sess.run(grad!, feed(false) as never))).to.deep.equal([0, 0]);
    sess.run(train, feed(true) as never);
    expect(vals(sess.run(kernel))).to.deep.equal([0.5, 0]);
  }));

  it('raises TF1 errors for a bad predicate or branches', () => inGraph(() => {
    const a = tf.constant(1.0);
    expect(() => tf.cond(true as any, () => a, () => a)).to.throw(TypeError, 'pred must not be a Python bool');
    expect(() => tf.cond(tf.constant(1.0), () => a, () => a)).to.throw(TypeError, /has type float32 that does not match expected type of bool/);
    expect(() => tf.cond(tf.constant([true, false]), () => a, () => a)).to.throw(tf.errors.ValueError, /Shape must be rank 0 but is rank 1/);
    expect(() => tf.cond(tf.constant(true), 3 as any, () => a)).to.throw(TypeError, 'true_fn must be callable.');
    expect(() => tf.cond(tf.constant(true), () => [a, a], () => a)).to.throw(tf.errors.ValueError, /don't have the same nested structure/);
    expect(() => tf.cond(tf.constant(true), () => a, () => tf.constant(1, 'int32'))).to.throw(tf.errors.ValueError, /must have the same type: float32, int32/);
  }));

  it('checks the predicate is a scalar at run time when its shape is unknown', () => inGraph(() => {
    const p = tf.placeholder('bool', null);
    const y = tf.cond(p, () => tf.constant(1), () => tf.constant(2));
    expect(() => new tf.Session().run(y, new Map([[p, new NDArray(Uint8Array.of(1, 0), [2], 'bool')]])))
      .to.throw(tf.errors.InvalidArgumentError, /must be a scalar, but it has shape \[2\]/);
  }));

  it('has gradients through both branches (numerical check)', () => {
    for (const sign of [1, -1]) {
      checkGradients((x, w) => tf.cond(tf.greater(tf.reduce_sum(x), 0),
        () => tf.multiply(tf.tanh(x), w), () => tf.square(tf.multiply(x, w))) as tf.Tensor,
      [randomArray([3], 4, sign > 0 ? 0.1 : -1, sign > 0 ? 1 : -0.1), randomArray([3], 5)]);
    }
  });

  it('has gradients through nested conds (numerical check)', () => {
    checkGradients((x) => tf.cond(tf.greater(tf.reduce_sum(x), -10),
      () => tf.cond(tf.greater(tf.reduce_sum(x), 0), () => tf.exp(x), () => tf.multiply(x, x)),
      () => x) as tf.Tensor, [randomArray([4], 9)]);
  });
});

describe('tf.case', () => {
  it('runs the first pair whose predicate holds, else the default', () => inGraph(() => {
    const x = tf.placeholder('int32', [], 'x');
    const y = tf.case([[tf.less(x, 0), () => tf.constant(-1)], [tf.equal(x, 0), () => tf.constant(0)]],
      { default: () => tf.constant(1) }) as tf.Tensor;
    const sess = new tf.Session();
    expect([-5, 0, 7].map((v) => sess.run(y, new Map([[x, v]])))).to.deep.equal([-1, 0, 1]);
  }));

  it('without a default falls back on the last pair, and runs only one fn', () => inGraph(() => {
    const v = tf.Variable(0, { name: 'v' });
    const x = tf.placeholder('int32', [], 'x');
    const y = tf.case([[tf.less(x, 0), () => v.assign_add(100)], [tf.equal(x, 0), () => tf.constant(0)]]) as tf.Tensor;
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(sess.run(y, new Map([[x, 5]]))).to.equal(0);
    expect(sess.run(v)).to.equal(0);
    expect(sess.run(y, new Map([[x, -5]]))).to.equal(100);
  }));

  it('with exclusive, fails the run when more than one predicate holds', () => inGraph(() => {
    const x = tf.placeholder('int32', [], 'x');
    const y = tf.case([[tf.less(x, 5), () => tf.constant(1, 'int32')], [tf.less(x, 10), () => tf.constant(2, 'int32')]],
      { default: () => tf.constant(3, 'int32'), exclusive: true }) as tf.Tensor;
    const sess = new tf.Session();
    expect(sess.run(y, new Map([[x, 7]]))).to.equal(2);
    expect(sess.run(y, new Map([[x, 12]]))).to.equal(3);
    expect(() => sess.run(y, new Map([[x, 1]]))).to.throw(tf.errors.InvalidArgumentError,
      /assertion failed: \[Input error: exclusive=True: more than 1 conditions \(Less:0, Less_1:0\) evaluated as True:\] \[true true\]/);
  }));

  it('raises TypeError for a fn that is not callable', () => inGraph(() => {
    expect(() => tf.case([[tf.constant(true), 1 as any]])).to.throw(TypeError, /must be callable/);
  }));
});

describe('tf.while_loop', () => {
  it('runs 0, 1 and many iterations', () => inGraph(() => {
    const n = tf.placeholder('int32', [], 'n');
    const [i, s] = tf.while_loop((i: tf.Tensor) => tf.less(i, n), (i: tf.Tensor, s: tf.Tensor) => [tf.add(i, 1), tf.add(s, i)],
      [tf.constant(0, 'int32'), tf.constant(0, 'int32')]) as tf.Tensor[];
    const sess = new tf.Session();
    expect(sess.run([i, s], new Map([[n, 0]]))).to.deep.equal([0, 0]);
    expect(sess.run([i, s], new Map([[n, 1]]))).to.deep.equal([1, 0]);
    expect(sess.run([i, s], new Map([[n, 100]]))).to.deep.equal([100, 4950]);
  }));

  it('takes nested loop vars and returns their structure', () => inGraph(() => {
    const out = tf.while_loop((i: tf.Tensor) => tf.less(i, 3),
      (i: tf.Tensor, pair: tf.Tensor[]) => [tf.add(i, 1), [tf.multiply(pair[0], 2), tf.add(pair[1], 1)]],
      [tf.constant(0), [tf.constant(1.0), tf.constant([0, 0])]]) as [tf.Tensor, tf.Tensor[]];
    const r = new tf.Session().run([out[0], out[1][0], out[1][1]]) as unknown[];
    expect(r[0]).to.equal(3);
    expect(r[1]).to.equal(8);
    expect(vals(r[2])).to.deep.equal([3, 3]);
  }));

  it('raises ValueError when a loop var changes shape without an invariant, and allows it with one', () => inGraph(() => {
    const cond = (i: tf.Tensor) => tf.less(i, 3);
    const body = (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.concat([x, x], 0)];
    expect(() => tf.while_loop(cond, body, [tf.constant(0), tf.constant([1.0])]))
      .to.throw(tf.errors.ValueError, /enters the loop with shape \(1,\), but has shape \(2,\) after one iteration\. To allow the shape to vary/);
    const [, x] = tf.while_loop(cond, body, [tf.constant(0), tf.constant([1.0])],
      { shape_invariants: [new tf.TensorShape([]), new tf.TensorShape([null])] }) as tf.Tensor[];
    expect([...x.shape!]).to.deep.equal([null]);
    expect(vals(new tf.Session().run(x))).to.deep.equal(new Array(8).fill(1));
    expect(() => tf.while_loop(cond, body, [tf.constant(0), tf.constant([1.0])], { shape_invariants: [[], [3]] }))
      .to.throw(tf.errors.ValueError, /not compatible with the initial shape/);
  }));

  it('stops at maximum_iterations', () => inGraph(() => {
    const x = tf.while_loop(() => tf.constant(true), (x: tf.Tensor) => tf.multiply(x, 2), [tf.constant(1)],
      { maximum_iterations: 10 }) as tf.Tensor;
    expect(new tf.Session().run(x)).to.equal(1024);
  }));

  it('nests while loops', () => inGraph(() => {
    // sum over i < 4 of sum over j < i of j
    const [, total] = tf.while_loop((i: tf.Tensor) => tf.less(i, 4), (i: tf.Tensor, t: tf.Tensor) => {
      const [, inner] = tf.while_loop((j: tf.Tensor) => tf.less(j, i), (j: tf.Tensor, s: tf.Tensor) => [tf.add(j, 1), tf.add(s, j)],
        [tf.constant(0), tf.constant(0)]) as tf.Tensor[];
      return [tf.add(i, 1), tf.add(t, inner)];
    }, [tf.constant(0), tf.constant(0)]) as tf.Tensor[];
    expect(new tf.Session().run(total)).to.equal(0 + 0 + 1 + 3);
  }));

  it('reads a Variable in the body and accumulates without a TensorArray', () => inGraph(() => {
    const w = tf.Variable([1.0, 2.0], { name: 'w' });
    const [, acc] = tf.while_loop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, acc: tf.Tensor) =>
      [tf.add(i, 1), tf.add(acc, tf.multiply(w, tf.cast(i, 'float32')))], [tf.constant(0), tf.zeros([2])]) as tf.Tensor[];
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(vals(sess.run(acc))).to.deep.equal([3, 6]);
    w.load(new NDArray(Float32Array.of(10, 0), [2], "float32"), sess);
    expect(vals(sess.run(acc))).to.deep.equal([30, 0]);
  }));

  it('has gradients: x *= w repeated n times (numerical check)', () => {
    checkGradients((x, w) => {
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 4), (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.multiply(y, w)],
        [tf.constant(0), x]) as tf.Tensor[];
      return y;
    }, [randomArray([3], 2), randomArray([3], 3, 0.5, 1.5)]);
  });

  it('has gradients: a sum of squares, a loop of 0 iterations, and a cond inside the body (numerical check)', () => {
    checkGradients((x) => {
      const [, s] = tf.while_loop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, s: tf.Tensor) =>
        [tf.add(i, 1), tf.add(s, tf.reduce_sum(tf.square(tf.multiply(x, tf.cast(i, 'float32')))))],
      [tf.constant(0), tf.constant(0.0)]) as tf.Tensor[];
      return s;
    }, [randomArray([4], 6)]);
    checkGradients((x) => {
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 0), (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.square(y)],
        [tf.constant(0), x]) as tf.Tensor[];
      return tf.multiply(y, 3);
    }, [randomArray([2], 7)]);
    checkGradients((x) => {
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 3), (i: tf.Tensor, y: tf.Tensor) =>
        [tf.add(i, 1), tf.cond(tf.equal(i, 1), () => tf.tanh(y), () => tf.multiply(y, 1.5)) as tf.Tensor],
      [tf.constant(0), x]) as tf.Tensor[];
      return y;
    }, [randomArray([3], 8)]);
  });

  it('the gradient reuses the iterations the forward loop kept in the same run instead of rerunning the loop', () => inGraph(() => {
    const condRuns = tf.Variable(0, { dtype: 'int32', name: 'cond_runs' });
    const w = tf.placeholder('float32', [], 'w');
    const [, y] = tf.while_loop((i: tf.Tensor) => tf.control_dependencies([condRuns.assign_add(1)], () => tf.less(i, 3)),
      (i: tf.Tensor, y: tf.Tensor) => [tf.add(i, 1), tf.multiply(y, w)], [tf.constant(0, 'int32'), tf.constant(1.0)]) as tf.Tensor[];
    const [dw] = tf.gradients(y, [w]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(sess.run([y, dw!], new Map([[w, 2]]))).to.deep.equal([8, 12]);
    // cond ran 4 times (3 iterations and the exit), once: a rerun for the gradient would make it 8.
    expect(sess.run(condRuns)).to.equal(4);
    // Fetching only the gradient runs the forward loop too (its output feeds the loss's gradient).
    sess.run(dw!, new Map([[w, 2]]));
    expect(sess.run(condRuns)).to.equal(8);
  }));

  it('has gradients through nested while loops (numerical check)', () => {
    checkGradients((x) => {
      const [, y] = tf.while_loop((i: tf.Tensor) => tf.less(i, 2), (i: tf.Tensor, y: tf.Tensor) => {
        const [, z] = tf.while_loop((j: tf.Tensor) => tf.less(j, 2), (j: tf.Tensor, z: tf.Tensor) => [tf.add(j, 1), tf.multiply(z, x)],
          [tf.constant(0), y]) as tf.Tensor[];
        return [tf.add(i, 1), z];
      }, [tf.constant(0), tf.ones([2])]) as tf.Tensor[];
      return y;
    }, [randomArray([2], 11, 0.5, 1.2)]);
  });
});

describe('tf.foldl / tf.foldr / tf.scan / tf.map_fn', () => {
  const elems = () => tf.constant([1, 2, 3, 4, 5, 6]);

  it('fold from either end, with and without an initializer (TF1 docs\' examples)', () => inGraph(() => {
    const sess = new tf.Session();
    expect(sess.run(tf.foldl((a: tf.Tensor, x: tf.Tensor) => tf.add(a, x), elems()))).to.equal(21);
    expect(sess.run(tf.foldl((a: tf.Tensor, x: tf.Tensor) => tf.subtract(a, x), elems(), { initializer: 100 }))).to.equal(79);
    // foldr sees 6 first: ((6 - 5) - 4) ...
    expect(sess.run(tf.foldr((a: tf.Tensor, x: tf.Tensor) => tf.subtract(a, x), elems()))).to.equal(6 - 5 - 4 - 3 - 2 - 1);
  }));

  it('scan gives every partial result, in elems\' order also when reversed', () => inGraph(() => {
    const sess = new tf.Session();
    expect(vals(sess.run(tf.scan((a: tf.Tensor, x: tf.Tensor) => tf.add(a, x), elems())))).to.deep.equal([1, 3, 6, 10, 15, 21]);
    expect(vals(sess.run(tf.scan((a: tf.Tensor, x: tf.Tensor) => tf.add(a, x), elems(), { reverse: true })))).to.deep.equal([21, 20, 18, 15, 11, 6]);
    expect(vals(sess.run(tf.scan((a: tf.Tensor, x: tf.Tensor) => tf.multiply(a, x), elems(), { initializer: 2 })))).to.deep.equal([2, 4, 12, 48, 240, 1440]);
  }));

  it('map_fn maps rows, and has a gradient (numerical check)', () => {
    inGraph(() => {
      const y = tf.map_fn((row: tf.Tensor) => tf.reduce_sum(row), tf.constant([[1, 2], [3, 4], [5, 6]]));
      expect(vals(new tf.Session().run(y))).to.deep.equal([3, 7, 11]);
    });
    checkGradients((x) => tf.map_fn((row: tf.Tensor) => tf.multiply(row, row), x), [randomArray([3, 2], 12)]);
    checkGradients((x) => tf.scan((a: tf.Tensor, r: tf.Tensor) => tf.multiply(a, r), x), [randomArray([4, 2], 13, 0.5, 1.5)]);
  });
});
