import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { BufferPool } from '../lib/session/buffer_pool';
import { randomArray } from './helpers/gradient_check';

/** The schema of a float32 op of one input and one output, for the custom ops below. */
const FLOAT_UNARY: Pick<tf.OpSpec, 'inputs' | 'outputs' | 'attrs'> = {
  inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: { type: 'type', allowed_values: ['float32'] } },
};

/**
 * A small CNN touching the kernels that accumulate into their outputs (max- and
 * average-pool gradients, bias and reduction gradients, the fused cross-entropy) and
 * those that overwrite them; trained for a few steps in one session.
 */
function trainCnn(steps: number): { losses: number[]; weights: Float32Array } {
  return new tf.Graph().as_default(() => {
    tf.set_random_seed(7);
    const x = tf.placeholder('float32', [null, 8, 8, 2]);
    const labels = tf.placeholder('int32', [null]);
    const W1 = tf.Variable(tf.truncated_normal([3, 3, 2, 4], { stddev: 0.3 }));
    const b1 = tf.Variable(tf.constant(0.1, { shape: [4] }));
    const h1 = tf.nn.max_pool(tf.nn.relu(tf.add(tf.nn.conv2d(x, W1, [1, 1, 1, 1], 'SAME'), b1)), [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
    const h2 = tf.nn.avg_pool(tf.nn.elu(h1), [1, 2, 2, 1], [1, 1, 1, 1], 'VALID');
    const flat = tf.reshape(tf.nn.dropout(h2, 0.8), [-1, 3 * 3 * 4]);
    const W2 = tf.Variable(tf.truncated_normal([36, 3], { stddev: 0.3 }));
    const logits = tf.nn.bias_add(tf.matmul(flat, W2), tf.Variable(tf.zeros([3])));
    const loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits({ labels, logits }));
    const train = tf.train.AdamOptimizer(0.05).minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) {
      const feed = new Map<tf.Tensor, NDArray | number[]>([[x, randomArray([5, 8, 8, 2], 100 + s)], [labels, [0, 1, 2, 1, s % 3]]]);
      losses.push(sess.run([loss, train], feed)[0] as number);
    }
    const weights = (sess.run(W1) as NDArray).data as Float32Array;
    sess.close();
    return { losses, weights };
  });
}

function withRecycling<T>(on: boolean, fn: () => T): T {
  const saved = process.env.TENSORGRAPH_RECYCLE_BUFFERS;
  process.env.TENSORGRAPH_RECYCLE_BUFFERS = on ? '1' : '0';
  try { return fn(); } finally {
    if (saved === undefined) delete process.env.TENSORGRAPH_RECYCLE_BUFFERS; else process.env.TENSORGRAPH_RECYCLE_BUFFERS = saved;
  }
}

describe('recycled kernel-output buffers (CPU executor)', () => {
  it('training gives bit-identical losses and weights with and without recycling', () => {
    const pooled = withRecycling(true, () => trainCnn(6));
    const fresh = withRecycling(false, () => trainCnn(6));
    expect(pooled.losses).to.deep.equal(fresh.losses);
    expect(Array.from(pooled.weights)).to.deep.equal(Array.from(fresh.weights));
    expect(pooled.losses[5]).to.be.lessThan(pooled.losses[0]);
  });

  it('after the first step a training loop allocates no new output buffers', () => {
    withRecycling(true, () => new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [null, 40]);
      const y = tf.placeholder('float32', [null, 10]);
      const W = tf.Variable(tf.zeros([40, 10]));
      const b = tf.Variable(tf.zeros([10]));
      const p = tf.nn.softmax(tf.add(tf.matmul(x, W), b));
      const loss = tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(y, tf.log(p)), [1])));
      const train = tf.train.GradientDescentOptimizer(0.5).minimize(loss);
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      const feed = new Map([[x, randomArray([32, 40], 1)], [y, NDArray.zeros([32, 10], 'float32')]]);
      sess.run(train, feed);
      const stats = sess.buffers!.stats;
      const afterFirst = { ...stats };
      for (let i = 0; i < 5; i++) sess.run(train, feed);
      expect(stats.fresh).to.equal(afterFirst.fresh);
      expect(stats.reused).to.be.greaterThan(afterFirst.reused + 5);
    }));
  });

  it('a fetched value is never recycled, even when it shares its buffer with a released value', () => {
    withRecycling(true, () => new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [4, 8]);
      // The Reshape's output is the Relu's buffer; the Relu's slot is released first.
      const shared = tf.reshape(tf.nn.relu(tf.add(x, 1)), [8, 4]);
      const other = tf.multiply(tf.nn.relu(tf.add(x, 2)), 3);
      const sess = new tf.Session();
      const first = sess.run(shared, { [x.name]: randomArray([4, 8], 3) }) as NDArray;
      const kept = Array.from(first.data);
      for (let i = 0; i < 4; i++) sess.run([shared, other], { [x.name]: randomArray([4, 8], 10 + i) });
      expect(Array.from(first.data)).to.deep.equal(kept);
    }));
  });

  it('a fetched value fed back in, or made a constant, is never recycled by a later run', () => {
    withRecycling(true, () => new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [64]);
      const y = tf.multiply(x, 2);
      // p's buffer reaches a Reshape, whose slot is released while d still needs p.
      const p = tf.placeholder('float32', [64]);
      const d = tf.add(p, tf.multiply(tf.add(tf.reshape(p, [64]), 1), 3));
      const sess = new tf.Session();
      const y1 = sess.run(y, new Map([[x, new Float32Array(64).fill(1)]])) as NDArray;
      expect((sess.run(d, new Map([[p, y1]])) as NDArray).data[0]).to.equal(2 + 9);
      expect(y1.data[0]).to.equal(2);
      const c = tf.constant(y1);
      const e = tf.add(tf.multiply(tf.add(tf.reshape(c, [64]), 1), 3), c);
      for (let run = 0; run < 3; run++) expect((sess.run(e) as NDArray).data[0]).to.equal(11);
      expect(y1.data[0]).to.equal(2);
    }));
  });

  it('a kernel that runs the session again does not disturb the outer run\'s buffer counts', () => {
    withRecycling(true, () => new tf.Graph().as_default(() => {
      let inner: () => void = () => {};
      const nested = tf.register_op({
        name: 'RunsItsSessionAgain', is_stateful: true, ...FLOAT_UNARY,
        shape: ([a]) => a,
        kernels: { cpu: (([a]) => { inner(); return new NDArray(new Float32Array(a.size), a.shape, 'float32'); }) as tf.CpuKernel },
      });
      const x = tf.placeholder('float32', [32]);
      const p = tf.nn.relu(x);
      const n = nested([p]).outputs[0];
      // After the nested run: q shares p's buffer; r's allocation follows q's release, and
      // s reads p last. Had the nested run cleared the counts, p's buffer would go back
      // to the pool with q and come out again as t.
      const [q, r, t, s] = tf.control_dependencies([n.op], () => {
        const q1 = tf.reshape(p, [32]);
        const r1 = tf.multiply(q1, 2);
        const t1 = tf.add(r1, 1);
        return [q1, r1, t1, tf.add(p, t1)];
      });
      void q; void r; void t;
      const sess = new tf.Session();
      const other = tf.multiply(tf.nn.relu(x), 5);
      const feed = new Map([[x, new Float32Array(32).map((_, i) => i - 8)]]);
      inner = () => { sess.run(other, feed); };
      const out = sess.run([s, n], feed)[0] as NDArray;
      const expected = Array.from({ length: 32 }, (_, i) => 3 * Math.max(i - 8, 0) + 1);
      expect(Array.from(out.data)).to.deep.equal(expected);
    }));
  });

  for (const size of [64, 8192]) {
    for (const innerFetch of ['a Reshape of the feed', 'the feed itself'] as const) {
      it(`a run nested in a kernel, fed the outer run's buffer (${size} values), fetching ${innerFetch}, leaves it alone`, () => {
        withRecycling(true, () => new tf.Graph().as_default(() => {
          let inner: (a: NDArray) => void = () => {};
          const nested = tf.register_op({
            name: `RunsItsSessionFed${size}${innerFetch === 'the feed itself' ? 'Fetch' : 'Reshape'}`, is_stateful: true, ...FLOAT_UNARY,
            shape: ([a]) => a,
            kernels: { cpu: (([a]) => { inner(a); return new NDArray(new Float32Array(a.size), a.shape, 'float32'); }) as tf.CpuKernel },
          });
          const x = tf.placeholder('float32', [size]);
          const p = tf.nn.relu(x); // a recycled buffer of the outer run, fed to the inner one
          const n = nested([p]).outputs[0];
          const s = tf.control_dependencies([n.op], () => tf.add(p, tf.multiply(tf.add(tf.multiply(x, 7), 1), 0)));
          const ph = tf.placeholder('float32', [size]);
          const fetched = innerFetch === 'the feed itself' ? ph : tf.multiply(tf.reshape(ph, [size]), 1);
          const sess = new tf.Session();
          inner = (a) => { sess.run(fetched, new Map([[ph, a]])); };
          const feed = new Map([[x, new NDArray(new Float32Array(size).map((_, i) => (i % 5) + 1), [size], 'float32')]]);
          for (let run = 0; run < 2; run++) {
            const out = sess.run(s, feed) as NDArray;
            expect(Array.from(out.data).every((v, i) => v === (i % 5) + 1)).to.equal(true);
          }
          sess.close();
        }));
      });
    }
  }

  it('hands back only buffers it allocated, zero-filled on request, up to its byte cap', () => {
    const pool = new BufferPool(64 * 4);
    const a = pool.acquire('float32', 64, true) as Float32Array;
    a.fill(5);
    const outsider = new Float32Array(64);
    pool.release(outsider);
    pool.release(a);
    expect(pool.heldBytes).to.equal(256);
    const b = pool.acquire('float32', 64, true);
    expect(b).to.equal(a);
    expect(Array.from(b).every((v) => v === 0)).to.equal(true);
    expect(pool.acquire('float32', 64, false)).to.not.equal(outsider);
    const c = pool.acquire('float32', 64, false), d = pool.acquire('float32', 64, false);
    pool.release(c);
    pool.release(d); // over the cap: left to the garbage collector
    expect(pool.heldBytes).to.equal(256);
    expect(pool.acquire('int32', 64, false)).to.be.instanceOf(Int32Array);
  });
});
