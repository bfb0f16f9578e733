import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { InvalidArgumentError, ValueError } from '../lib/framework/errors';

const m = () => NDArray.from([[1, 5, 3], [7, 2, 9]]); // float32 [2, 3]

describe('NDArray helpers a porter needs without NumPy', () => {
  it('row(i) is a[i] and rows(start, end) is a[start:end], Python\'s negative and clamped bounds', () => {
    expect(m().row(1).toArray()).to.deep.equal([7, 2, 9]);
    expect(m().row(-1).toArray()).to.deep.equal([7, 2, 9]);
    expect(m().row(0).shape).to.deep.equal([3]);
    expect(NDArray.from([4, 5]).row(1).shape).to.deep.equal([]);
    expect(m().rows(0, 1).toArray()).to.deep.equal([[1, 5, 3]]);
    expect(m().rows(-1).toArray()).to.deep.equal([[7, 2, 9]]);
    expect(m().rows(1, 100).shape).to.deep.equal([1, 3]);
    expect(m().rows(2, 1).shape).to.deep.equal([0, 3]);
    expect(() => m().row(2)).to.throw(RangeError, 'index 2 is out of bounds for axis 0 with size 2');
    expect(() => NDArray.scalar(1).row(0)).to.throw(RangeError, /too many indices for array: array is 0-dimensional/);
  });

  it('row() copies: writing the row leaves the array alone', () => {
    const a = m();
    a.row(0).data[0] = 100;
    expect(a.get(0, 0)).to.equal(1);
  });

  it('slice(begin, size) is tf.slice on the host, -1 taking the rest', () => {
    expect(m().slice([0, 1], [2, 2]).toArray()).to.deep.equal([[5, 3], [2, 9]]);
    expect(m().slice([1, 0], [1, -1]).toArray()).to.deep.equal([[7, 2, 9]]);
    expect(() => m().slice([0, 2], [1, 2])).to.throw(InvalidArgumentError, 'Expected size[1] in [0, 1], but got 2');
    expect(() => m().slice([0], [1])).to.throw(InvalidArgumentError, /Expected begin and size arguments to be 1-D tensors of size 2/);
  });

  it('argmax(axis) and argmin(axis) give int64 indices of the first extreme; without axis the flat index', () => {
    const am = m().argmax(1);
    expect(am.dtype).to.equal('int64');
    expect(am.toArray()).to.deep.equal([1, 2]);
    expect(m().argmax(0).toArray()).to.deep.equal([1, 0, 1]);
    expect(m().argmax(-1).toArray()).to.deep.equal([1, 2]);
    expect(m().argmax()).to.equal(5);
    expect(m().argmin(1).toArray()).to.deep.equal([0, 1]);
    expect(NDArray.from([2, 7, 7]).argmax()).to.equal(1);
    expect(NDArray.from([2, NaN, 7]).argmax()).to.equal(1); // NumPy: NaN wins
    expect(() => m().argmax(2)).to.throw(ValueError, 'axis 2 is out of bounds for array of dimension 2');
    expect(() => NDArray.zeros([0]).argmax()).to.throw(ValueError, 'attempt to get argmax of an empty sequence');
  });

  it('mean() is a number, mean(axis) a float32 array', () => {
    expect(m().mean()).to.equal(4.5);
    expect(m().mean(0).toArray()).to.deep.equal([4, 3.5, 6]);
    expect(m().mean(1).dtype).to.equal('float32');
    expect(m().mean(1).toArray()).to.deep.equal([3, 6]);
    expect(NDArray.from([1, 2], 'int32').mean()).to.equal(1.5);
    expect(NDArray.from([0.1, 0.2]).mean()).to.equal(Math.fround((Math.fround(0.1) + Math.fround(0.2)) / 2));
  });

  it('equal(other) is NumPy\'s == with broadcasting; accuracy as np.mean(np.argmax(p, 1) == labels)', () => {
    const eq = m().argmax(1).equal(NDArray.from([1, 0], 'int64'));
    expect(eq.dtype).to.equal('bool');
    expect(eq.toArray()).to.deep.equal([true, false]);
    expect(eq.astype('float32').mean()).to.equal(0.5);
    expect(m().equal(7).toArray()).to.deep.equal([[false, false, false], [true, false, false]]);
    expect(m().equal([1, 2, 3]).toArray()).to.deep.equal([[true, false, true], [false, true, false]]);
    expect(m().equal(NDArray.from([[1], [9]])).toArray()).to.deep.equal([[true, false, false], [false, false, true]]);
    expect(() => m().equal([1, 2])).to.throw(ValueError, 'operands could not be broadcast together with shapes (2,3) (2,) ');
  });

  it('reshape infers one -1 dimension and refuses a wrong size as NumPy does; tolist() is toArray()', () => {
    expect(m().reshape([-1]).shape).to.deep.equal([6]);
    expect(m().reshape([3, -1]).toArray()).to.deep.equal([[1, 5], [3, 7], [2, 9]]);
    expect(() => m().reshape([4])).to.throw(ValueError, 'cannot reshape array of size 6 into shape (4,)');
    expect(() => m().reshape([4, -1])).to.throw(ValueError, 'cannot reshape array of size 6 into shape (4, -1)');
    expect(() => m().reshape([-1, -1])).to.throw(ValueError, 'can only specify one unknown dimension');
    expect(m().tolist()).to.deep.equal([[1, 5, 3], [7, 2, 9]]);
  });
});

describe('tf.numpy_like.random: seeded data generation for examples', () => {
  const { random } = tf.numpy_like;

  it('tf.numpy_like holds what docs/api.md lists, nothing more', () => {
    expect(Object.keys(tf.numpy_like).sort()).to.deep.equal(['RandomState', 'get_printoptions', 'random', 'repr', 'set_printoptions', 'str']);
    expect(Object.keys(random).sort()).to.deep.equal(['RandomState', 'normal', 'permutation', 'randint', 'seed', 'uniform']);
  });

  it('the same seed gives the same values; another seed other values', () => {
    random.seed(42);
    const a = random.normal(0, 1, [3, 2]);
    random.seed(42);
    expect(random.normal(0, 1, [3, 2]).toArray()).to.deep.equal(a.toArray());
    random.seed(43);
    expect(random.normal(0, 1, [3, 2]).toArray()).to.not.deep.equal(a.toArray());
    const r = new random.RandomState(7);
    expect(new random.RandomState(7).uniform(0, 1, 5).toArray()).to.deep.equal(r.uniform(0, 1, 5).toArray());
  });

  it('normal, uniform and randint: shapes, dtypes, ranges and moments', () => {
    const r = new random.RandomState(1);
    const n = r.normal(2, 3, 20000);
    expect(n.dtype).to.equal('float32');
    expect(n.mean()).to.be.closeTo(2, 0.1);
    const sd = Math.sqrt(Array.from(n.data).reduce((s, v) => s + (v - 2) ** 2, 0) / n.size);
    expect(sd).to.be.closeTo(3, 0.1);
    const u = r.uniform(-1, 1, [100, 10]);
    expect(u.shape).to.deep.equal([100, 10]);
    expect(Array.from(u.data).every((v) => v >= -1 && v < 1)).to.equal(true);
    const k = r.randint(3, 6, 1000);
    expect(k.dtype).to.equal('int32');
    expect(new Set(Array.from(k.data))).to.deep.equal(new Set([3, 4, 5]));
    expect(r.randint(2, undefined, 100).data.every((v) => v === 0 || v === 1)).to.equal(true);
    expect(typeof r.normal()).to.equal('number');
    expect(() => r.randint(5, 5)).to.throw(ValueError, 'low >= high (low=5, high=5)');
    expect(() => new random.RandomState(-1)).to.throw(ValueError, 'Seed must be between 0 and 2**32 - 1, got -1');
  });

  it('permutation(n) shuffles 0..n-1; permutation(a) shuffles rows (a copy)', () => {
    const r = new random.RandomState(3);
    const p = r.permutation(10);
    expect(p.dtype).to.equal('int32');
    expect(Array.from(p.data).sort((x, y) => x - y)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(p.data)).to.not.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const a = NDArray.from([[0, 0], [1, 1], [2, 2], [3, 3]]);
    const s = r.permutation(a);
    expect((s.toArray() as number[][]).map((row) => row[0]).sort()).to.deep.equal([0, 1, 2, 3]);
    expect((s.toArray() as number[][]).every((row) => row[0] === row[1])).to.equal(true);
    expect(a.toArray()).to.deep.equal([[0, 0], [1, 1], [2, 2], [3, 3]]);
  });
});
