/**
 * A custom op, end to end: a fused Swish activation, y = x * sigmoid(beta * x),
 * which TF1 lacks as one op. It is declared with tf.register_op — the same path
 * the built-in ops use — with a CPU kernel, a gpu.js kernel and a gradient (itself
 * a custom op, SwishGrad), then used to train a small classifier.
 *
 * Run: npx tsx examples/custom_op.ts   (or node dist/examples/custom_op.js after npm run build)
 * docs/custom-ops.md walks through this file.
 */
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import type { GpuKernel } from '../kernels/gpu/types';

function sigmoid(v: number): number { return 1 / (1 + Math.exp(-v)); }

/** dSwish/dx · dy, with s = sigmoid(beta·x): dy · (s + beta·x·s·(1 - s)). */
const swishGradCpu: tf.CpuKernel = ([x, dy], ctx) => {
  const beta: number = ctx.attrs.beta;
  const out = new Float32Array(x.size);
  for (let i = 0; i < out.length; i++) {
    const v = x.data[i], s = sigmoid(beta * v);
    out[i] = dy.data[i] * (s + beta * v * s * (1 - s));
  }
  return new NDArray(out, x.shape, 'float32');
};

const swishCpu: tf.CpuKernel = ([x], ctx) => {
  const beta: number = ctx.attrs.beta;
  const out = new Float32Array(x.size);
  for (let i = 0; i < out.length; i++) { const v = x.data[i]; out[i] = v * sigmoid(beta * v); }
  return new NDArray(out, x.shape, 'float32');
};

// gpu.js kernels: one thread per element; beta travels as a uniform, so a new beta
// does not recompile the kernel.
const swishGradGpu: GpuKernel = ([x, dy], ctx) => ctx.launch(
  `function(x, dy, beta) {
     const v = x[this.thread.x];
     const s = 1 / (1 + Math.exp(-beta * v));
     return dy[this.thread.x] * (s + beta * v * s * (1 - s));
   }`, [x, dy, ctx.attrs.beta], x.shape, 'float32');

const swishGpu: GpuKernel = ([x], ctx) => ctx.launch(
  `function(x, beta) { const v = x[this.thread.x]; return v / (1 + Math.exp(-beta * v)); }`,
  [x, ctx.attrs.beta], x.shape, 'float32');

export const swishGradOp = tf.register_op({
  name: 'SwishGrad',
  inputs: [{ name: 'x', type_attr: 'T' }, { name: 'dy', type_attr: 'T' }],
  outputs: [{ name: 'dx', type_attr: 'T' }],
  attrs: { T: { type: 'type', allowed_values: ['float32'] }, beta: { type: 'float', default: 1 } },
  shape: ([x]) => x,
  kernels: { cpu: swishGradCpu, gpu: swishGradGpu },
  gradient: null,
});

export const swishOp = tf.register_op({
  name: 'Swish',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: { type: 'type', allowed_values: ['float32'] }, beta: { type: 'float', default: 1 } },
  shape: ([x]) => x,
  kernels: { cpu: swishCpu, gpu: swishGpu },
  gradient: (op, [dy]) => [swishGradOp([op.inputs[0], dy!], { beta: op.attrs.beta }).outputs[0]],
  // ONNX has no Swish op: tf.onnx.export writes x * Sigmoid(beta * x).
  onnx: (ctx) => {
    const x = ctx.input(0);
    const scaled = ctx.op.attrs.beta === 1 ? x : ctx.node('Mul', [x, ctx.constant(ctx.op.attrs.beta)])[0];
    return [ctx.node('Mul', [x, ctx.node('Sigmoid', [scaled])[0]])[0]];
  },
});

/** The user-facing function, TF1 style: swish(x, {beta, name}). */
export function swish(x: tf.Tensor, options: { beta?: number; name?: string } = {}): tf.Tensor {
  return swishOp([x], { beta: options.beta ?? 1 }, options.name).outputs[0];
}

/** Two interleaved spirals: a problem a linear model cannot solve. */
export function spirals(n: number, seed = 1): { xs: NDArray; ys: NDArray } {
  const rng = new Xoshiro128(seed, 2);
  const xs = NDArray.zeros([n, 2]), ys = NDArray.zeros([n], 'int64');
  for (let i = 0; i < n; i++) {
    const cls = i % 2, t = 0.5 + 3 * rng.uniform();
    const angle = t * 1.8 + cls * Math.PI;
    xs.data[2 * i] = t * Math.cos(angle) / 3 + 0.05 * rng.normal();
    xs.data[2 * i + 1] = t * Math.sin(angle) / 3 + 0.05 * rng.normal();
    ys.data[i] = cls;
  }
  return { xs, ys };
}

/** Trains a 2-32-32-2 network with Swish activations; returns the training accuracy. */
export function main(options: { steps?: number; device?: string; log?: (s: string) => void } = {}): number {
  const steps = options.steps ?? 600;
  const log = options.log ?? console.log;
  const g = new tf.Graph();
  return g.as_default(() => {
    tf.set_random_seed(1);
    const x = tf.placeholder(tf.float32, [null, 2], 'x');
    const y_ = tf.placeholder(tf.int64, [null], 'labels');
    const dense = (input: tf.Tensor, n_in: number, n_out: number, act: boolean) => {
      const W = tf.Variable(tf.truncated_normal([n_in, n_out], { stddev: Math.sqrt(2 / n_in) }));
      const b = tf.Variable(tf.zeros([n_out]));
      const z = tf.add(tf.matmul(input, W), b);
      return act ? swish(z) : z;
    };
    const h1 = dense(x, 2, 32, true);
    const h2 = dense(h1, 32, 32, true);
    const logits = dense(h2, 32, 2, false);
    const loss = tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits });
    const train_step = tf.train.AdamOptimizer(0.01).minimize(loss);
    const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y_), tf.float32));
    const { xs, ys } = spirals(400);
    const sess = new tf.Session({ graph: g, config: options.device ? { device: options.device } : {} });
    sess.run(tf.global_variables_initializer());
    const feed = { 'x:0': xs, 'labels:0': ys };
    for (let i = 0; i <= steps; i++) {
      if (i % 200 === 0) log(`step ${i}, loss ${(sess.run(loss, feed) as number).toFixed(4)}`);
      if (i < steps) sess.run(train_step, feed);
    }
    const acc = sess.run(accuracy, feed) as number;
    log(`training accuracy ${tf.numpy_like.str(acc)}`);
    sess.close();
    return acc;
  });
}

if (require.main === module) main();
