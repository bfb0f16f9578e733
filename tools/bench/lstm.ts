import * as tf from '../../lib/index';
import { NDArray } from '../../lib/framework/ndarray';
import { attempt, BenchOptions, Cell, log, medianMs, medianMsAsync, Row } from './harness';
import { batchAt, mnistDigits } from './data';
import { loadTfjs, Tfjs, TfjsBackend } from './peers';

/**
 * One training step of the MNIST LSTM (examples/mnist_lstm.ts): batch 128, 28 steps of 28
 * inputs, BasicLSTMCell(128, forget_bias 1), a dense softmax layer on the last output,
 * Adam 1e-3. tensorgraph unrolled by static_rnn and by tf.nn.dynamic_rnn (whatever it is
 * built from: only its public outputs are used), and TF.js's tf.layers.lstm with trainOnBatch.
 */
const BATCH = 128, STEPS = 28, INPUTS = 28, UNITS = 128, CLASSES = 10;

/**
 * dynamic_rnn with the time dimension known unrolls as static_rnn does; with it unknown
 * (placeholder [128, None, 28]) it runs a tf.while_loop, one sub-graph run per time step.
 */
type Unroll = 'static_rnn' | 'dynamic_rnn' | 'dynamic_rnn, time unknown (tf.while_loop)';

function tensorgraphStep(unroll: Unroll, quick: boolean): number {
  const graph = new tf.Graph();
  return graph.as_default(() => {
    tf.set_random_seed(1);
    const X = tf.placeholder(tf.float32, [BATCH, unroll.includes('while_loop') ? null : STEPS, INPUTS]);
    const Y = tf.placeholder(tf.float32, [BATCH, CLASSES]);
    const cell = tf.nn.rnn_cell.BasicLSTMCell(UNITS, { forget_bias: 1.0 });
    let last: tf.Tensor;
    if (unroll === 'static_rnn') {
      const [outputs] = tf.nn.static_rnn(cell, tf.unstack(X, STEPS, 1), { dtype: tf.float32 });
      last = outputs[outputs.length - 1];
    } else {
      const [outputs] = tf.nn.dynamic_rnn(cell, X, { dtype: tf.float32 });
      last = tf.reshape(tf.slice(outputs, [0, STEPS - 1, 0], [-1, 1, -1]), [-1, UNITS]);
    }
    const W = tf.Variable(tf.random_normal([UNITS, CLASSES]));
    const b = tf.Variable(tf.random_normal([CLASSES]));
    const logits = tf.add(tf.matmul(last, W), b);
    const loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits({ logits, labels: Y }));
    const train = tf.train.AdamOptimizer({ learning_rate: 0.001 }).minimize(loss);
    const sess = new tf.Session({ graph });
    try {
      sess.run(tf.global_variables_initializer());
      const data = mnistDigits();
      let step = 0;
      return medianMs(() => {
        const { xs, ys } = batchAt(data, step++, BATCH);
        sess.run(train, new Map<tf.Tensor, NDArray>([
          [X, new NDArray(xs, [BATCH, STEPS, INPUTS], 'float32')], [Y, new NDArray(ys, [BATCH, CLASSES], 'float32')],
        ]));
      }, quick ? 3 : 20, 2);
    } finally {
      sess.close();
    }
  });
}

async function tfjsStep(backend: TfjsBackend, quick: boolean): Promise<number> {
  const tfjs: Tfjs = await loadTfjs(backend);
  const model = tfjs.sequential();
  model.add(tfjs.layers.lstm({ units: UNITS, inputShape: [STEPS, INPUTS], unitForgetBias: true,
    // TF1's BasicLSTMCell: one glorot_uniform kernel (TF.js's orthogonal recurrent default is slow to build and no faster to run).
    kernelInitializer: 'glorotUniform', recurrentInitializer: 'glorotUniform' }));
  model.add(tfjs.layers.dense({ units: CLASSES, activation: 'softmax' }));
  model.compile({ optimizer: tfjs.train.adam(0.001), loss: 'categoricalCrossentropy' });
  const data = mnistDigits();
  let step = 0;
  try {
    return await medianMsAsync(async () => {
      const { xs, ys } = batchAt(data, step++, BATCH);
      const x = tfjs.tensor3d(xs, [BATCH, STEPS, INPUTS]), y = tfjs.tensor2d(ys, [BATCH, CLASSES]);
      await model.trainOnBatch(x, y);
      x.dispose(); y.dispose();
    }, backend === 'cpu' || quick ? 3 : 10, 1);
  } finally {
    model.dispose();
  }
}

export async function lstmBenchmarks(options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = [];
  let peers: { tfjsCpu?: Cell; tfjsWasm?: Cell } = {};
  if (options.peers) {
    log('LSTM training step: tfjs-wasm');
    const tfjsWasm = await attempt(() => tfjsStep('wasm', options.quick));
    log('LSTM training step: tfjs-cpu');
    const tfjsCpu = await attempt(() => tfjsStep('cpu', options.quick));
    peers = { tfjsCpu, tfjsWasm };
  }
  for (const unroll of ['static_rnn', 'dynamic_rnn', 'dynamic_rnn, time unknown (tf.while_loop)'] as const) {
    log(`LSTM training step: tensorgraph, ${unroll}`);
    rows.push({
      name: `LSTM training step (${unroll}), batch 128, 28 steps, 128 units`, unit: 'ms', higherIsBetter: false,
      tensorgraph: await attempt(() => tensorgraphStep(unroll, options.quick)),
      ...peers,
      detail: `BasicLSTMCell(128), dense softmax on the last output, Adam 1e-3; tensorgraph ${unroll}, median of ` +
        `${options.quick ? 3 : 20} steps after 2 warm-up steps; TF.js: tf.layers.lstm + dense, model.trainOnBatch, ` +
        `median of ${options.quick ? 3 : 10} steps (3 on tfjs-cpu) after 1`,
    });
  }
  return rows;
}
