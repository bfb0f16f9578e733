import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Xoshiro128 } from '../lib/framework/random';
import { runOnnx, maxAbsDiff } from './helpers/onnx_runtime';

function randomArray(shape: number[], seed: number): NDArray {
  const rng = new Xoshiro128(seed, 1);
  const a = NDArray.zeros(shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.normal();
  return a;
}

/**
 * Exports `outputs` of a graph fed at x, runs it in ONNX Runtime with batches of `batches`
 * rows, and compares every output with sess.run's: values, shape and dtype.
 */
async function expectOutputsMatch(build: (x: tf.Tensor) => Record<string, tf.Tensor>, rowShape: number[], batches = [3, 1]) {
  const g = new tf.Graph();
  await g.as_default(async () => {
    tf.set_random_seed(5);
    const x = tf.placeholder(tf.float32, [null, ...rowShape], 'x');
    const outputs = build(x);
    const sess = new tf.Session({ graph: g });
    sess.run(tf.global_variables_initializer());
    const model = tf.onnx.export(sess, { inputs: { x }, outputs });
    for (const n of batches) {
      const xs = randomArray([n, ...rowShape], n);
      const got = await runOnnx(model, { x: xs });
      for (const [name, t] of Object.entries(outputs)) {
        const want = sess.run(t, new Map([[x, xs]]));
        const expected = want instanceof NDArray ? want : NDArray.scalar(want as number, t.dtype);
        expect(got[name].dtype, name).to.equal(expected.dtype);
        expect(got[name].shape, name).to.deep.equal(expected.shape);
        expect(maxAbsDiff(got[name], expected), name).to.be.at.most(1e-5);
      }
    }
  });
}

describe('tf.onnx.export op mappings, each checked in ONNX Runtime', function () {
  this.timeout(60000);

  it('Conv2D: pads from SAME for stride 2 on an odd size (the odd pixel at the end, as TF), VALID, dilations; a computed filter', async () => {
    await expectOutputsMatch((x) => {
      const w = tf.Variable(tf.random_normal([3, 3, 2, 4]));
      const w2 = tf.Variable(tf.random_normal([2, 2, 2, 3]));
      return {
        same_s2: tf.nn.conv2d(x, w, [1, 2, 2, 1], 'SAME'),
        valid_s2: tf.nn.conv2d(x, w, [1, 2, 2, 1], 'VALID'),
        dilated: tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME', { dilations: [1, 2, 2, 1] }),
        computed_filter: tf.nn.conv2d(x, tf.multiply(w2, 2), [1, 1, 2, 1], 'SAME'),
      };
    }, [7, 6, 2]);
  });

  it('MaxPool and AvgPool: SAME (AvgPool not counting the padding, as TF) and VALID; BiasAdd, Relu between NCHW ops', async () => {
    await expectOutputsMatch((x) => {
      const w = tf.Variable(tf.random_normal([3, 3, 2, 3]));
      const c = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME'), tf.constant([0.5, -1, 2])));
      return {
        max_same: tf.nn.max_pool(c, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME'),
        avg_same: tf.nn.avg_pool(c, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME'),
        avg_valid: tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID'),
      };
    }, [7, 7, 2]);
  });

  it('shapes and slicing: Reshape, Transpose, StridedSlice (masks, negative stride, shrink), Squeeze, ExpandDims, ConcatV2, Pack, Unpack, Shape', async () => {
    await expectOutputsMatch((x) => ({
      reshape: tf.reshape(x, [-1, 12]),
      transpose: tf.transpose(x, [0, 2, 1]),
      slice: tf.strided_slice(x, [0, 1, 0], [0, 3, 4], [1, 1, 2], 1 | 4, 1),
      reversed: tf.strided_slice(x, [0, -1, 0], [0, 0, 4], [1, -1, 1], 1 | 4, 1 | 4),
      shrink: tf.strided_slice(x, [0, 1], [0, 2], [1, 1], 1, 1, 0, 0, 2),
      last: tf.strided_slice(x, [0, -1], [0, 0], [1, 1], 1, 1, 0, 0, 2),
      squeeze: tf.squeeze(tf.expand_dims(x, 1), [1]),
      expand: tf.expand_dims(x, -1),
      concat: tf.concat([x, tf.multiply(x, 2)], -1),
      stack: tf.stack([x, x], 1),
      unstack: tf.unstack(x, { axis: 1 })[2],
      shape: tf.shape(x),
    }), [3, 4]);
  });

  it('Split, SplitV (with a -1), GatherV2, Mean/Sum with keep_dims, ArgMax (int32 and int64), Cast, Equal, Sub, RealDiv, Tanh, Sigmoid', async () => {
    await expectOutputsMatch((x) => {
      const [a, b] = tf.split(x, 2, 1) as tf.Tensor[];
      const [, v2] = tf.split(x, [1, -1], 1) as tf.Tensor[];
      return {
        split_a: a, split_b: b, splitv: v2,
        gather: tf.gather(x, tf.constant([3, 0, 3], { dtype: tf.int32 }), { axis: 1 }),
        mean_keep: tf.reduce_mean(x, 1, { keepdims: true }),
        sum: tf.reduce_sum(x, [0, 1]),
        argmax32: tf.argmax(x, 1, { output_type: tf.int32 }),
        argmax64: tf.argmax(x, 1),
        cast: tf.cast(tf.greater(x, 0), tf.float32),
        equal: tf.equal(tf.argmax(x, 1), tf.constant(1, { dtype: tf.int64 })),
        arith: tf.tanh(tf.divide(tf.subtract(x, 1), tf.sigmoid(x))),
      };
    }, [4]);
  });

  it('MatMul with transpose_a / transpose_b (a constant operand transposed in its initializer, a computed one by a node)', async () => {
    await expectOutputsMatch((x) => {
      const W = tf.Variable(tf.random_normal([5, 4]));
      const V = tf.Variable(tf.random_normal([4, 2]));
      return {
        tb: tf.matmul(x, W, { transpose_b: true }),
        ta: tf.matmul(tf.transpose(x), V, { transpose_a: true }),
        both: tf.matmul(V, x, { transpose_a: true, transpose_b: true }),
      };
    }, [4]);
  });

  it('an LSTM over static_rnn (unstack, zero_state of the fed batch, MatMul, Split, Sigmoid, Tanh, Mul, Add): batch 3 and 1', async () => {
    await expectOutputsMatch((x) => {
      const steps = tf.unstack(x, 5, 1);
      const cell = tf.contrib.rnn.BasicLSTMCell(6, { forget_bias: 1.0 });
      const [outputs] = tf.contrib.rnn.static_rnn(cell, steps, { dtype: tf.float32 });
      const W = tf.Variable(tf.random_normal([6, 3]));
      return { logits: tf.matmul(outputs[outputs.length - 1], W) };
    }, [5, 4]);
  });

  it('Select (a row-picking vector condition, a same-shape one, a scalar), ZerosLike (0 even of inf and NaN), ReverseSequence', async () => {
    await expectOutputsMatch((x) => {
      const rowsPositive = tf.greater(tf.reduce_sum(x, [1, 2]), 0);
      const lengths = tf.add(tf.cast(tf.greater(tf.reduce_sum(x, [2]), 0), tf.int32), 1); // [batch, 4] of 1 or 2
      return {
        select_rows: tf.where(rowsPositive, x, tf.negative(x)),
        select_same: tf.where(tf.greater(x, 0), x, tf.multiply(x, 0.5)),
        select_scalar: tf.where(tf.constant(false), x, tf.multiply(x, 3)),
        zeros_like: tf.zeros_like(tf.divide(x, 0)),
        reverse_seq: tf.reverse_sequence(x, tf.reduce_max(lengths, [1]), { seq_axis: 1, batch_axis: 0 }),
      };
    }, [4, 3]);
  });

  it('RNNs beyond BasicLSTMCell: dynamic_rnn with a computed sequence_length (Select, ZerosLike), bidirectional with lengths (ReverseSequence), GRUCell, LSTMCell (peepholes, projection, clip), MultiRNNCell', async () => {
    await expectOutputsMatch((x) => {
      // 1 to 5 steps per row, from the data, so each batch size gets its own lengths.
      const lengths = tf.add(tf.cast(tf.reduce_sum(tf.cast(tf.greater(tf.reduce_sum(x, [2]), 0), tf.int32), [1]), tf.int32), 1);
      const clipped = tf.minimum(lengths, 5);
      const rnn = (name: string, f: () => tf.Tensor) => tf.variable_scope(name, f);
      return {
        seqlen: rnn('seqlen', () => tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), x, { sequence_length: clipped, dtype: tf.float32 })[0]),
        bidi: rnn('bidi', () => tf.concat(tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.GRUCell(2), x,
          { sequence_length: clipped, dtype: tf.float32 })[0], 2)),
        gru: rnn('gru', () => tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), x, { dtype: tf.float32 })[1] as tf.Tensor),
        lstm: rnn('lstm', () => tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4, { use_peepholes: true, num_proj: 3, cell_clip: 0.5 }), x,
          { dtype: tf.float32 })[0]),
        multi: rnn('multi', () => tf.nn.dynamic_rnn(tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(4), tf.nn.rnn_cell.BasicRNNCell(3)]), x,
          { dtype: tf.float32 })[0]),
      };
    }, [5, 2]);
  });

  it('StridedSlice with ellipsis_mask and new_axis_mask: x[..., 1], x[:, newaxis, 1:3], x[..., newaxis], x[newaxis, ..., ::-2], x[1:, ..., newaxis, 0]', async () => {
    await expectOutputsMatch((x) => ({
      ellipsis_shrink: tf.strided_slice(x, [0, 1], [0, 2], [1, 1], 0, 0, 1, 0, 2),
      new_axis: tf.strided_slice(x, [0, 0, 1], [0, 0, 3], [1, 1, 1], 1, 1, 0, 2, 0),
      ellipsis_new: tf.strided_slice(x, [0, 0], [0, 0], [1, 1], 0, 0, 1, 2, 0),
      new_ellipsis_reversed: tf.strided_slice(x, [0, 0, 0], [0, 0, 0], [1, 1, -2], 4, 4, 2, 1, 0),
      mixed: tf.strided_slice(x, [1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 1, 1], 0, 1, 2, 4, 8),
    }), [3, 4, 5], [3, 2]);
  });

  it('PlaceholderWithDefault: not an input, it is its default (a constant folded, a computed one exported); listed in inputs, a graph input fed in ONNX Runtime', async () => {
    const g = new tf.Graph();
    await g.as_default(async () => {
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const withDefault = (input: tf.Tensor, name: string) =>
        g.create_op('PlaceholderWithDefault', [input], { dtype: tf.float32, shape: [null, 2] }, name).outputs[0];
      const scale = withDefault(tf.constant([[1.5, -2]]), 'scale');
      const shifted = withDefault(tf.add(x, 1), 'shifted'); // the default is computed from x
      const y = tf.add(tf.multiply(x, scale), tf.multiply(shifted, 3));
      const sess = new tf.Session({ graph: g });
      const xs = new NDArray(Float32Array.from([1, 2, 3, 4, -5, 0.5]), [3, 2], 'float32');
      const folded = tf.onnx.export(sess, { inputs: { x }, outputs: { y } });
      const want = sess.run(y, new Map([[x, xs]])) as NDArray;
      expect(maxAbsDiff((await runOnnx(folded, { x: xs })).y, want)).to.be.at.most(1e-6);
      const scaleFed = new NDArray(Float32Array.from([10, 100]), [1, 2], 'float32');
      const shiftedFed = new NDArray(Float32Array.from([0, 1, 0, 1, 0, 1]), [3, 2], 'float32');
      const asInputs = tf.onnx.export(sess, { inputs: { x, scale, shifted }, outputs: { y } });
      const wantFed = sess.run(y, new Map([[x, xs], [scale, scaleFed], [shifted, shiftedFed]])) as NDArray;
      expect(maxAbsDiff((await runOnnx(asInputs, { x: xs, scale: scaleFed, shifted: shiftedFed })).y, wantFed)).to.be.at.most(1e-6);
      expect(maxAbsDiff(wantFed, want)).to.be.greaterThan(1); // feeding them changes the answer
    });
  });
});
