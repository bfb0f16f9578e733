import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError } from '../lib/framework/errors';
import { createWasmGemm } from '../kernels/cpu/wasm/wasm_gemm';
import { randomArray } from './helpers/gradient_check';
import { VariableStore } from '../lib/session/variable_store';

/**
 * On the CPU backend a session keeps float32 variables of 4096 values or more in the
 * WebAssembly kernels' memory, where ApplyAdam, ApplyGradientDescent and MatMul use
 * them in place. These tests check the bookkeeping: what lives there, that it is freed,
 * and that nothing a caller holds aliases it.
 */
describe('variables resident in wasm memory (CPU backend)', () => {
  const wasm = createWasmGemm();
  before(function () {
    if (wasm === null) this.skip(); // TENSORGRAPH_WASM=0: ordinary arrays only
    wasm.poisonFreedRegions = true; // a read of a freed region gives NaN
  });
  after(() => { if (wasm) wasm.poisonFreedRegions = false; });

  it('holds large float32 variables and their optimizer slots there, small ones not, and frees them on close', () => {
    const before = wasm!.residentArrays;
    new tf.Graph().as_default(() => {
      const big = tf.Variable(randomArray([100, 50], 1), { name: 'big' });
      const small = tf.Variable(randomArray([10], 2), { name: 'small' });
      const loss = tf.add(tf.reduce_sum(tf.square(big)), tf.reduce_sum(tf.square(small)));
      const train = tf.train.AdamOptimizer(0.1).minimize(loss);
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      for (let i = 0; i < 3; i++) sess.run(train);
      expect(wasm!.isResident(sess.variables.read('big').data as Float32Array)).to.equal(true);
      expect(wasm!.isResident(sess.variables.read('big/Adam').data as Float32Array)).to.equal(true);
      expect(wasm!.isResident(sess.variables.read('small').data as Float32Array)).to.equal(false);
      // big, big/Adam, big/Adam_1, each with a current and a spare buffer, and the
      // session's recycled kernel outputs of 5000 values (the gradient and its parts).
      expect(wasm!.residentArrays - before).to.be.at.least(6);
      sess.close();
    });
    expect(wasm!.residentArrays).to.equal(before);
  });

  it('large kernel outputs live there too: fetched ones are copies, and a loop reuses them', function () {
    if (process.env.TENSORGRAPH_RECYCLE_BUFFERS === '0') this.skip(); // no pool: outputs are ordinary arrays
    const before = wasm!.residentArrays;
    new tf.Graph().as_default(() => {
      const x = tf.placeholder('float32', [100, 64]);
      const W = tf.constant(randomArray([64, 80], 5));
      const y = tf.nn.relu(tf.matmul(x, W));
      const z = tf.reduce_sum(tf.multiply(y, 2), [1]);
      const sess = new tf.Session();
      const feed = new Map([[x, randomArray([100, 64], 6)]]);
      const [y1] = sess.run([y, z], feed) as NDArray[];
      expect(wasm!.isResident(y1.data as Float32Array)).to.equal(false);
      const kept = Array.from(y1.data);
      const afterFirst = wasm!.residentArrays;
      expect(afterFirst).to.be.greaterThan(before);
      for (let i = 0; i < 5; i++) sess.run([y, z], feed);
      expect(wasm!.residentArrays).to.equal(afterFirst);
      expect(Array.from(y1.data)).to.deep.equal(kept);
      const again = sess.run(y, feed) as NDArray;
      expect(Array.from(again.data)).to.deep.equal(kept);
      sess.close();
    });
    expect(wasm!.residentArrays).to.equal(before);
  });

  it('a fetched variable is a copy the caller may change', () => {
    new tf.Graph().as_default(() => {
      const v = tf.Variable(tf.ones([64, 64]));
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      const fetched = sess.run(v) as NDArray;
      expect(wasm!.isResident(fetched.data as Float32Array)).to.equal(false);
      fetched.data.fill(7);
      expect((sess.run(v) as NDArray).data[0]).to.equal(1);
      sess.close();
    });
  });

  it('trains the same as with ordinary arrays (gradient descent through a resident weight matrix)', () => {
    const losses = (resident: boolean) => new tf.Graph().as_default(() => {
      const x = tf.constant(randomArray([32, 128], 3));
      const W = tf.Variable(randomArray([128, 40], 4), { name: 'W' });
      const loss = tf.reduce_sum(tf.square(tf.matmul(x, W)));
      const step = tf.train.GradientDescentOptimizer(1e-3).minimize(loss);
      const sess = new tf.Session();
      // A store without a home keeps every variable in an ordinary array.
      if (!resident) (sess as unknown as { variables: VariableStore }).variables = new VariableStore(null);
      sess.run(tf.global_variables_initializer());
      const out: number[] = [];
      for (let i = 0; i < 4; i++) out.push((sess.run([loss, step]) as [number, unknown])[0]);
      expect(wasm!.isResident(sess.variables.read('W').data as Float32Array)).to.equal(resident);
      sess.close();
      return out;
    });
    const inPlace = losses(true), plain = losses(false);
    inPlace.forEach((l, i) => expect(l).to.be.closeTo(plain[i], 1e-5 * Math.abs(plain[i])));
    expect(inPlace[3]).to.be.lessThan(inPlace[0]);
  });

  it('a run that fails after an Adam update changes nothing and frees what it staged', () => {
    new tf.Graph().as_default(() => {
      const v = tf.Variable(tf.ones([80, 80]), { name: 'v' });
      const label = tf.placeholder('int32', [1]);
      const train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(v)));
      const after = tf.control_dependencies([train], () =>
        tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: label, logits: [[1, 2]] }));
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(after, new Map([[label, [1]]]));
      const once = Array.from((sess.run(v) as NDArray).data.slice(0, 4));
      const live = wasm!.residentArrays;
      expect(() => sess.run(after, new Map([[label, [5]]]))).to.throw(InvalidArgumentError);
      expect(Array.from((sess.run(v) as NDArray).data.slice(0, 4))).to.deep.equal(once);
      expect(wasm!.residentArrays).to.equal(live);
      sess.run(after, new Map([[label, [1]]]));
      expect((sess.run(v) as NDArray).data[0]).to.be.lessThan(once[0]);
      expect(wasm!.residentArrays).to.equal(live);
      sess.close();
    });
  });

  it('a variable assigned values of other sizes frees the buffers it no longer holds after the next run', () => {
    new tf.Graph().as_default(() => {
      // validate_shape false leaves the variable's static shape unknown, so any size may be assigned.
      const v = tf.Variable(tf.zeros([5000]), { validate_shape: false });
      const to6000 = tf.assign(v, tf.ones([6000]));
      const to7000 = tf.assign(v, tf.ones([7000]));
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      const live = wasm!.residentArrays; // the 5000-value buffer
      sess.run(to6000); // 6000 current, 5000 the spare
      expect(wasm!.residentArrays).to.equal(live + 1);
      sess.run(to7000); // 7000 current, 6000 the spare; the 5000 one is dropped...
      expect(wasm!.residentArrays).to.equal(live + 2);
      expect((sess.run(v) as NDArray).size).to.equal(7000); // ...and freed when the next run ends
      expect(wasm!.residentArrays).to.equal(live + 1);
      sess.close();
      expect(wasm!.residentArrays).to.equal(live - 1);
    });
  });

  it('a value fetched from a buffer that a later update in the same run replaced is intact', () => {
    new tf.Graph().as_default(() => {
      const v = tf.Variable(tf.fill([5000], 1), { validate_shape: false });
      const first = tf.assign(v, tf.fill([5000], 2));
      const second = tf.control_dependencies([first], () => tf.assign(v, tf.fill([6000], 3)));
      const sess = new tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(tf.assign(v, tf.fill([7000], 4))); // the 5000-value buffer becomes the spare
      const [a, b] = sess.run([first, second]) as NDArray[];
      expect([a.size, a.data[0], a.data[4999]]).to.deep.equal([5000, 2, 2]);
      expect([b.size, b.data[0]]).to.deep.equal([6000, 3]);
      sess.close();
    });
  });

  it('refuses to free a region twice', () => {
    const region = wasm!.allocateResident(4096)!;
    wasm!.freeResident(region);
    expect(() => wasm!.freeResident(region)).to.throw(/not allocated \(freed twice\?\)/);
  });
});
