import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients } from './helpers/gradient_check';

/* tf.contrib.layers' regularizers, get_variable's regularizer argument, tf.losses.get_regularization_loss. */

const run = (t: tf.Tensor | tf.Variable) => {
  const sess = tf.Session();
  sess.run(tf.global_variables_initializer());
  return sess.run(t) as NDArray | number;
};
const opNames = () => tf.get_default_graph().get_operations().map((o) => o.name);

describe('regularizers', () => {
  beforeEach(() => tf.reset_default_graph());

  it('l2_regularizer is scale * sum(w^2) / 2 and l1_regularizer scale * sum(|w|), with TF1\'s names', () => {
    const w = tf.constant([1, -2, 3]);
    const l2 = tf.contrib.layers.l2_regularizer(0.1)(w)!;
    const l1 = tf.contrib.layers.l1_regularizer(0.5)(w)!;
    expect(run(l2)).to.be.closeTo(0.1 * 14 / 2, 1e-6);
    expect(run(l1)).to.be.closeTo(0.5 * 6, 1e-6);
    expect(l2.op.name).to.equal('l2_regularizer');
    expect(l1.op.name).to.equal('l1_regularizer');
    expect(opNames()).to.include.members(['l2_regularizer/scale', 'l2_regularizer/L2Loss', 'l1_regularizer/scale', 'l1_regularizer/Abs']);
    expect(tf.contrib.layers.l2_regularizer(0.1, 'my_reg')(w)!.op.name).to.equal('my_reg');
  });

  it('scale 0 disables the regularizer, a negative scale is refused', () => {
    expect(tf.contrib.layers.l2_regularizer(0)(tf.constant([1]))).to.equal(null);
    expect(() => tf.contrib.layers.l1_regularizer(-0.5)).to.throw(tf.errors.ValueError, 'Setting a scale less than 0 on a regularizer: -0.5');
    expect(() => tf.contrib.layers.l2_regularizer('big' as never)).to.throw(TypeError, 'scale must be a number or a Tensor');
  });

  it('get_variable applies the regularizer under <var>/Regularizer/ and collects the penalty', () => {
    const w = tf.variable_scope('layer', () => tf.get_variable('w', [2], {
      initializer: tf.constant_initializer([1, 2]), regularizer: tf.contrib.layers.l2_regularizer(0.5),
    }));
    const losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) as tf.Tensor[];
    expect(losses.map((t) => t.name)).to.deep.equal(['layer/w/Regularizer/l2_regularizer:0']);
    expect(losses[0].op.inputs.map((t) => t.name)).to.deep.equal(['layer/w/Regularizer/l2_regularizer/scale:0', 'layer/w/Regularizer/l2_regularizer/L2Loss:0']);
    expect(tf.get_default_graph().get_operation_by_name('layer/w/Regularizer/l2_regularizer/L2Loss').inputs[0].name).to.equal('layer/w/read:0');
    expect(run(losses[0])).to.be.closeTo(0.5 * 5 / 2, 1e-6);
    // Reusing the variable adds no second penalty; a disabled regularizer adds none.
    tf.variable_scope('layer', { reuse: true }, () => tf.get_variable('w', [2], { regularizer: tf.contrib.layers.l2_regularizer(0.5) }));
    tf.get_variable('free', [2], { regularizer: tf.contrib.layers.l2_regularizer(0) });
    expect(tf.losses.get_regularization_losses()).to.have.length(1);
    expect(w.name).to.equal('layer/w:0');
  });

  it('a scope regularizer applies to the variables inside it', () => {
    tf.variable_scope('reg', { regularizer: tf.contrib.layers.l1_regularizer(1.0) }, () => {
      tf.get_variable('a', [1], { initializer: tf.constant_initializer(-3) });
      tf.variable_scope('inner', () => tf.get_variable('b', [1], { initializer: tf.constant_initializer(4) }));
    });
    expect(tf.losses.get_regularization_losses().map((t) => t.op.name)).to.deep.equal(
      ['reg/a/Regularizer/l1_regularizer', 'reg/inner/b/Regularizer/l1_regularizer']);
    expect(run(tf.losses.get_regularization_loss())).to.be.closeTo(7, 1e-6);
  });

  it('tf.losses.get_regularization_loss sums the collected penalties (add_n), filtered by scope, or is 0.0', () => {
    const empty = tf.losses.get_regularization_loss();
    expect(run(empty)).to.equal(0);
    expect(empty.op.name).to.equal('Const');
    const l2 = tf.contrib.layers.l2_regularizer(0.1);
    tf.variable_scope('a', () => tf.get_variable('w', [2], { initializer: tf.constant_initializer(2), regularizer: l2 }));
    tf.variable_scope('b', () => tf.get_variable('w', [3], { initializer: tf.constant_initializer(1), regularizer: l2 }));
    const total = tf.losses.get_regularization_loss();
    expect(total.op.name).to.equal('total_regularization_loss');
    expect(total.op.type).to.equal('AddN');
    expect(run(total)).to.be.closeTo(0.1 * 8 / 2 + 0.1 * 3 / 2, 1e-6);
    expect(run(tf.losses.get_regularization_loss('b'))).to.be.closeTo(0.15, 1e-6);
    expect(tf.losses.get_regularization_losses('a').map((t) => t.name)).to.deep.equal(['a/w/Regularizer/l2_regularizer:0']);
  });

  it('training on loss + regularization shrinks an otherwise unconstrained weight', () => {
    const w = tf.get_variable('w', [1], { initializer: tf.constant_initializer(1), regularizer: tf.contrib.layers.l2_regularizer(1.0) });
    const train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.losses.get_regularization_loss());
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    sess.run(train);
    // d/dw (w^2 / 2) = w: one step of 0.5 halves it.
    expect((sess.run(w) as NDArray).data[0]).to.be.closeTo(0.5, 1e-6);
  });

  it('sum_regularizer adds its regularizers\' penalties; apply_regularization collects the sum over weights', () => {
    const w = tf.constant([1, -2]);
    const sum = tf.contrib.layers.sum_regularizer([tf.contrib.layers.l1_regularizer(1.0), null, tf.contrib.layers.l2_regularizer(1.0)])!;
    const s = sum(w)!;
    expect(s.op.name).to.equal('sum_regularizer');
    expect(run(s)).to.be.closeTo(3 + 2.5, 1e-6);
    expect(tf.contrib.layers.sum_regularizer([])).to.equal(null);
    const p = tf.contrib.layers.apply_regularization(tf.contrib.layers.l1_regularizer(2.0), [w, tf.constant([3])]);
    expect(p.op.name).to.equal('get_regularization_penalty');
    expect(run(p)).to.be.closeTo(2 * 3 + 2 * 3, 1e-6);
    expect(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)).to.deep.equal([p]);
    expect(() => tf.contrib.layers.apply_regularization(tf.contrib.layers.l1_regularizer(2.0))).to.throw(tf.errors.ValueError, 'No weights to regularize.');
    expect(() => tf.contrib.layers.apply_regularization((x: tf.TensorLike) => tf.abs(x), [w]))
      .to.throw(tf.errors.ValueError, 'regularizer must return a scalar Tensor instead of a Tensor with rank 1.');
    // With no list, the WEIGHTS collection.
    tf.add_to_collection(tf.GraphKeys.WEIGHTS, tf.constant([-4]));
    expect(run(tf.contrib.layers.apply_regularization(tf.contrib.layers.l1_regularizer(1.0)))).to.be.closeTo(4, 1e-6);
  });

  it('the regularizers\' gradients match central differences', () => {
    const x = NDArray.from([[0.5, -1.5], [2, 0.25]], 'float32');
    expect(checkGradients((w) => tf.contrib.layers.l2_regularizer(0.3)(w)!, [x])).to.be.below(2e-3);
    expect(checkGradients((w) => tf.contrib.layers.l1_regularizer(0.7)(w)!, [x])).to.be.below(2e-3);
  });
});
