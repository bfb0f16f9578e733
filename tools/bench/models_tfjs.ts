import type { Tfjs } from './peers';
import type { CnnWeights } from './data';

/**
 * The same models in TensorFlow.js, op for op: same initial values, same losses
 * (-sum(y_ * log(softmax))), same optimizers and learning rates, same batches.
 */

type Tensor = ReturnType<Tfjs['tensor']>;
type Variable = ReturnType<Tfjs['variable']>;

/** The values of a result tensor, which is then freed (tidy keeps the tensor it returns). */
function download(t: Tensor): Float32Array {
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

/** Seed 002's softmax regression, trained with plain SGD at 0.5. */
export function tfjsSoftmaxModel(tf: Tfjs) {
  const W = tf.variable(tf.zeros([784, 10]));
  const b = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.sgd(0.5);
  const step = (xs: Float32Array, ys: Float32Array, batch: number) => {
    tf.tidy(() => {
      const x = tf.tensor2d(xs, [batch, 784]), y_ = tf.tensor2d(ys, [batch, 10]);
      optimizer.minimize(() => {
        const y = tf.softmax(tf.add(tf.matMul(x, W), b));
        return tf.mean(tf.neg(tf.sum(tf.mul(y_, tf.log(y)), 1))) as ReturnType<Tfjs['scalar']>;
      }, false, [W, b]);
    });
  };
  /** Waits for queued work (all backends used here are synchronous, but be sure). */
  const finish = () => { W.dataSync(); };
  const dispose = () => { W.dispose(); b.dispose(); optimizer.dispose(); };
  return { step, finish, dispose };
}

/** The softmax model's forward pass with given weights. */
export function tfjsSoftmaxInference(tf: Tfjs, Wv: Float32Array, bv: Float32Array) {
  const W = tf.tensor2d(Wv, [784, 10]), b = tf.tensor1d(bv);
  const predict = (xs: Float32Array, batch: number) => download(tf.tidy(() =>
    tf.softmax(tf.add(tf.matMul(tf.tensor2d(xs, [batch, 784]), W), b))));
  return { predict, dispose: () => { W.dispose(); b.dispose(); } };
}

/** Seed 003's CNN, with Adam(1e-4) for training; dropout at keep_prob 0.5 when training. */
export function tfjsCnnModel(tf: Tfjs, weights: CnnWeights) {
  const v: Record<string, Variable> = {};
  for (const [name, shape] of Object.entries(weights.shapes)) v[name] = tf.variable(tf.tensor(weights.values[name], shape));
  const conv2d = (x: Tensor, W: Tensor) => tf.conv2d(x as any, W as any, 1, 'same');
  const maxPool = (x: Tensor) => tf.maxPool(x as any, 2, 2, 'same');
  const forward = (xs: Tensor, keepProb: number) => {
    const xImage = tf.reshape(xs, [-1, 28, 28, 1]);
    const h1 = tf.relu(tf.add(conv2d(xImage, v.W_conv1), v.b_conv1));
    const p1 = maxPool(h1);
    const h2 = tf.relu(tf.add(conv2d(p1, v.W_conv2), v.b_conv2));
    const p2 = maxPool(h2);
    const flat = tf.reshape(p2, [-1, 7 * 7 * 64]);
    const fc1 = tf.relu(tf.add(tf.matMul(flat as any, v.W_fc1 as any), v.b_fc1));
    const dropped = keepProb < 1 ? tf.dropout(fc1, 1 - keepProb) : fc1;
    return tf.softmax(tf.add(tf.matMul(dropped as any, v.W_fc2 as any), v.b_fc2));
  };
  const optimizer = tf.train.adam(1e-4);
  const trainStep = (xs: Float32Array, ys: Float32Array, batch: number) => {
    tf.tidy(() => {
      const x = tf.tensor2d(xs, [batch, 784]), y_ = tf.tensor2d(ys, [batch, 10]);
      optimizer.minimize(() => tf.neg(tf.sum(tf.mul(y_, tf.log(forward(x, 0.5))))) as ReturnType<Tfjs['scalar']>,
        false, Object.values(v));
    });
    v.W_fc2.dataSync();
  };
  const predict = (xs: Float32Array, batch: number) => download(tf.tidy(() => forward(tf.tensor2d(xs, [batch, 784]), 1)));
  const dispose = () => { for (const t of Object.values(v)) t.dispose(); optimizer.dispose(); };
  return { trainStep, predict, dispose };
}
