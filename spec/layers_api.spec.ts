import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/* The Layer classes' API (subclassing, weights, losses, updates), tf.contrib.layers.fully_connected / flatten, the namespace. */

const varNames = (vs: tf.Variable[]) => vs.map((v) => v.name);
const opNames = () => tf.get_default_graph().get_operations().map((o) => o.name);

describe('tf.layers.Layer', () => {
  beforeEach(() => tf.reset_default_graph());

  it('can be subclassed: build creates weights with add_weight in the layer scope, call computes, apply builds once', () => {
    class ScaleLayer extends tf.layers.Layer {
      scale!: tf.Variable;
      builds = 0;
      build(input_shape: tf.TensorShape): void {
        this.builds++;
        this.scale = this.add_weight('scale', { shape: [input_shape.as_list()[1] as number], initializer: tf.constant_initializer([2, 3]) });
        this.built = true;
      }
      call(inputs: tf.Tensor): tf.Tensor { return tf.multiply(inputs, this.scale); }
    }
    const layer = new ScaleLayer();
    expect(layer.name).to.equal('scale_layer');
    expect(layer.built).to.equal(false);
    const x = tf.placeholder(tf.float32, [null, 2]);
    const y = layer.apply(x);
    layer.__call__(x);
    expect(layer.builds).to.equal(1);
    expect(varNames(layer.variables)).to.deep.equal(['scale_layer/scale:0']);
    expect(y.op.name).to.equal('scale_layer/Mul');
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(Array.from((sess.run(y, new Map([[x, NDArray.from([[1, 1], [2, -1]], 'float32')]])) as NDArray).data)).to.deep.equal([2, 3, 4, -3]);
    expect(new ScaleLayer().name).to.equal('scale_layer_1');
  });

  it('weights, trainable_weights, non_trainable_weights, updates and trainable=false', () => {
    const x = tf.placeholder(tf.float32, [null, 3]);
    const bn = new tf.layers.BatchNormalization();
    bn.apply(x, { training: true });
    expect(varNames(bn.trainable_weights)).to.deep.equal(['batch_normalization/gamma:0', 'batch_normalization/beta:0']);
    expect(varNames(bn.trainable_variables)).to.deep.equal(varNames(bn.trainable_weights));
    expect(varNames(bn.non_trainable_weights)).to.deep.equal(['batch_normalization/moving_mean:0', 'batch_normalization/moving_variance:0']);
    expect(bn.weights).to.have.length(4);
    expect(bn.updates.map((u) => (u as tf.Tensor).op.name)).to.deep.equal(['batch_normalization/AssignMovingAvg', 'batch_normalization/AssignMovingAvg_1']);
    const frozen = new tf.layers.Dense(2, { trainable: false });
    frozen.apply(x);
    expect(frozen.trainable_weights).to.deep.equal([]);
    expect(varNames(frozen.non_trainable_weights)).to.deep.equal(['dense/kernel:0', 'dense/bias:0']);
  });

  it('names layers uniquely per variable scope, and a Layer object inside a scope keeps its first scope', () => {
    const x = tf.placeholder(tf.float32, [null, 2]);
    tf.variable_scope('a', () => { tf.layers.dense(x, 1); tf.layers.dense(x, 1); });
    tf.variable_scope('b', () => tf.layers.dense(x, 1));
    expect(varNames(tf.trainable_variables())).to.deep.equal(['a/dense/kernel:0', 'a/dense/bias:0', 'a/dense_1/kernel:0', 'a/dense_1/bias:0',
      'b/dense/kernel:0', 'b/dense/bias:0']);
    const layer = new tf.layers.Dense(1);
    tf.variable_scope('c', () => layer.apply(x));
    layer.apply(x);
    expect(varNames(layer.weights)).to.deep.equal(['c/dense/kernel:0', 'c/dense/bias:0']);
    expect(tf.trainable_variables()).to.have.length(8);
  });

  it('activity_regularizer adds a loss on the outputs', () => {
    const x = tf.constant([[1, -2]]);
    const layer = new tf.layers.Dense(2, { kernel_initializer: tf.ones_initializer(), activity_regularizer: tf.contrib.layers.l1_regularizer(1.0) });
    layer.apply(x);
    expect(layer.losses).to.have.length(1);
    expect(layer.losses[0].op.name.startsWith('dense/ActivityRegularizer/')).to.equal(true);
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(sess.run(layer.losses[0]) as number).to.be.closeTo(2, 1e-6); // outputs [-1, -1]
  });
});

describe('tf.contrib.layers.fully_connected and flatten', () => {
  beforeEach(() => tf.reset_default_graph());

  it('fully_connected: fully_connected/weights and /biases (model variables), relu by default, fully_connected_1 next', () => {
    const x = tf.placeholder(tf.float32, [null, 3]);
    const y = tf.contrib.layers.fully_connected(x, 2);
    tf.contrib.layers.fully_connected(x, 2, { activation_fn: null, scope: 'logits' });
    tf.contrib.layers.fully_connected(x, 2);
    expect(varNames(tf.global_variables())).to.deep.equal(['fully_connected/weights:0', 'fully_connected/biases:0',
      'logits/weights:0', 'logits/biases:0', 'fully_connected_1/weights:0', 'fully_connected_1/biases:0']);
    expect(tf.model_variables()).to.have.length(6);
    expect(y.op.name).to.equal('fully_connected/Relu');
    expect(opNames()).to.include.members(['fully_connected/MatMul', 'fully_connected/BiasAdd', 'logits/BiasAdd']);
    expect(opNames()).to.not.include('logits/Relu');
  });

  it('fully_connected: values, reuse by scope, no biases with biases_initializer null', () => {
    const x = tf.constant([[1, -2, 3]]);
    const y = tf.contrib.layers.fully_connected(x, 2, { weights_initializer: tf.constant_initializer([1, 0, 0, 1, 1, 1]), scope: 'fc' });
    const y2 = tf.contrib.layers.fully_connected(x, 2, { scope: 'fc', reuse: true });
    expect(tf.global_variables()).to.have.length(2);
    tf.contrib.layers.fully_connected(x, 2, { biases_initializer: null, scope: 'nobias' });
    expect(varNames(tf.global_variables()).slice(2)).to.deep.equal(['nobias/weights:0']);
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    // [1, -2, 3] . [[1, 0], [0, 1], [1, 1]] = [4, 1]
    expect(Array.from((sess.run(y) as NDArray).data)).to.deep.equal([4, 1]);
    expect(Array.from((sess.run(y2) as NDArray).data)).to.deep.equal([4, 1]);
    expect(() => tf.contrib.layers.fully_connected(x, 2.5)).to.throw(tf.errors.ValueError, 'num_outputs should be int');
  });

  it('flatten: the Flatten name scope (Flatten/flatten/Reshape)', () => {
    const x = tf.placeholder(tf.float32, [null, 2, 2]);
    const y = tf.contrib.layers.flatten(x);
    expect(y.op.name).to.equal('Flatten/flatten/Reshape');
    expect(y.shape).to.deep.equal([null, 4]);
  });

  it('tf.layers exposes the TF1 names and calls a missing one an AttributeError', () => {
    for (const name of ['dense', 'conv2d', 'conv2d_transpose', 'max_pooling2d', 'average_pooling2d', 'flatten', 'dropout', 'batch_normalization',
      'Dense', 'Conv2D', 'Conv2DTranspose', 'MaxPooling2D', 'AveragePooling2D', 'Flatten', 'Dropout', 'BatchNormalization', 'Layer']) {
      expect(typeof (tf.layers as unknown as Record<string, unknown>)[name], name).to.equal('function');
    }
    expect(() => (tf.layers as unknown as Record<string, unknown>).conv3d).to.throw(/conv3d/);
  });
});
