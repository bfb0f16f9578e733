import { expect } from 'chai';
import * as tf from '../lib/index';
import { ValueError } from '../lib/framework/errors';

/* Issue #18: tf.TensorShape, tf.Dimension, t.get_shape(), t.set_shape() with TF1's semantics and messages. */

describe('porting: tf.Dimension', () => {
  it('holds a size or null, with TF1\'s str and repr', () => {
    expect(tf.Dimension(3).value).to.equal(3);
    expect(new tf.Dimension(null).value).to.equal(null);
    expect(tf.Dimension(tf.Dimension(4)).value).to.equal(4);
    expect(String(tf.Dimension(3))).to.equal('3');
    expect(String(tf.Dimension(null))).to.equal('?');
    expect(tf.Dimension(3).repr()).to.equal('Dimension(3)');
    expect(tf.Dimension(null).repr()).to.equal('Dimension(None)');
  });

  it('refuses negative and non-integer values as TF1 does', () => {
    expect(() => tf.Dimension(-1)).to.throw(ValueError, /^Dimension -1 must be >= 0$/);
    expect(() => tf.Dimension(2.5)).to.throw(TypeError,
      "Dimension value must be integer or None or have an __index__ method, got value '2.5' with type '<class 'float'>'");
    expect(() => tf.Dimension('3' as never)).to.throw(TypeError, "got value ''3'' with type '<class 'str'>'");
  });

  it('compares, merges and computes with unknown in, unknown out', () => {
    expect(tf.Dimension(3).eq(3)).to.equal(true);
    expect(tf.Dimension(3).eq(tf.Dimension(4))).to.equal(false);
    expect(tf.Dimension(null).eq(3)).to.equal(null);
    expect(tf.Dimension(3).ne(4)).to.equal(true);
    expect(tf.Dimension(3).is_compatible_with(null)).to.equal(true);
    expect(tf.Dimension(3).is_compatible_with(4)).to.equal(false);
    expect(tf.Dimension(null).merge_with(5).value).to.equal(5);
    expect(tf.Dimension(5).merge_with(null).value).to.equal(5);
    expect(() => tf.Dimension(3).merge_with(4)).to.throw(ValueError, /^Dimensions 3 and 4 are not compatible$/);
    expect(() => tf.Dimension(3).assert_is_compatible_with(tf.Dimension(4))).to.throw(ValueError, 'Dimensions 3 and 4 are not compatible');
    expect(tf.Dimension(6).add(2).value).to.equal(8);
    expect(tf.Dimension(6).sub(2).value).to.equal(4);
    expect(tf.Dimension(6).mul(tf.Dimension(2)).value).to.equal(12);
    expect(tf.Dimension(7).floordiv(2).value).to.equal(3);
    expect(tf.Dimension(7).mod(3).value).to.equal(1);
    expect(tf.Dimension(null).mul(2).value).to.equal(null);
    expect(tf.Dimension(2).lt(3)).to.equal(true);
    expect(tf.Dimension(null).ge(3)).to.equal(null);
    expect(() => tf.Dimension(2).sub(3)).to.throw(ValueError, 'Dimension -1 must be >= 0');
    expect(() => tf.Dimension(6).truediv(2)).to.throw(TypeError, "unsupported operand type(s) for /: 'Dimension' and 'int', please use // instead");
  });

  it('is its value in JavaScript arithmetic when known, and refuses to be NaN when not', () => {
    const d = tf.Dimension(784);
    expect((d as unknown as number) * 2).to.equal(1568);
    expect(Number(d)).to.equal(784);
    expect(`${d}`).to.equal('784');
    expect(() => Number(tf.Dimension(null))).to.throw(TypeError, /Dimension\(None\) cannot be used as a number/);
    expect(`${tf.Dimension(null)}`).to.equal('?');
  });
});

describe('porting: tf.TensorShape', () => {
  it('prints as TF1: str (?, 784), (3,), (), <unknown>; repr with Dimensions', () => {
    expect(String(tf.TensorShape([null, 784]))).to.equal('(?, 784)');
    expect(String(new tf.TensorShape([3]))).to.equal('(3,)');
    expect(String(tf.TensorShape([]))).to.equal('()');
    expect(String(tf.TensorShape(null))).to.equal('<unknown>');
    expect(tf.TensorShape([null, 784]).repr()).to.equal('TensorShape([Dimension(None), Dimension(784)])');
    expect(tf.TensorShape(null).repr()).to.equal('TensorShape(None)');
    expect(String(tf.TensorShape(5))).to.equal('(5,)');
    expect(() => (tf.TensorShape as unknown as () => unknown)()).to.throw(TypeError, "TensorShape() missing 1 required positional argument: 'dims'");
    expect(tf.TensorShape({ dims: [null, 2] }).as_list()).to.deep.equal([null, 2]);
    expect(tf.Dimension({ value: 4 }).value).to.equal(4);
    expect(() => tf.TensorShape({ dim: [2] } as never)).to.throw(TypeError, "TensorShape() got an unexpected keyword argument 'dim'");
  });

  it('as_list, ndims, dims, length, indexing and iteration', () => {
    const s = tf.TensorShape([null, 28, 28, 1]);
    expect(s.as_list()).to.deep.equal([null, 28, 28, 1]);
    expect(s.ndims).to.equal(4);
    expect(s.rank).to.equal(4);
    expect(s.length).to.equal(4);
    expect(s.dims!.map(String)).to.deep.equal(['?', '28', '28', '1']);
    expect(s[1].value).to.equal(28);
    expect(s[0].value).to.equal(null);
    expect(s[-1].value).to.equal(1);
    expect(s[1]).to.be.instanceOf(tf.Dimension);
    expect([...s].map((d) => d.value)).to.deep.equal([null, 28, 28, 1]);
    expect(s.slice(1).as_list()).to.deep.equal([28, 28, 1]);
    expect(() => s[4]).to.throw(RangeError, 'list index out of range');
    const unknown = tf.TensorShape(null);
    expect(unknown.ndims).to.equal(null);
    expect(unknown.dims).to.equal(null);
    expect(unknown[3].value).to.equal(null);
    expect(() => unknown.as_list()).to.throw(ValueError, 'as_list() is not defined on an unknown TensorShape.');
    expect(() => unknown.length).to.throw(ValueError, 'Cannot take the length of shape with unknown rank.');
    expect(() => [...unknown]).to.throw(ValueError, 'Cannot iterate over a shape with unknown rank.');
  });

  it('is_fully_defined and num_elements', () => {
    expect(tf.TensorShape([2, 3]).is_fully_defined()).to.equal(true);
    expect(tf.TensorShape([2, 3]).num_elements()).to.equal(6);
    expect(tf.TensorShape([]).num_elements()).to.equal(1);
    expect(tf.TensorShape([null, 3]).is_fully_defined()).to.equal(false);
    expect(tf.TensorShape([null, 3]).num_elements()).to.equal(null);
    expect(tf.TensorShape(null).is_fully_defined()).to.equal(false);
    expect(tf.TensorShape(null).num_elements()).to.equal(null);
    expect(() => tf.TensorShape([null, 3]).assert_is_fully_defined()).to.throw(ValueError, 'Shape (?, 3) is not fully defined');
  });

  it('merge_with fills unknowns and refuses a conflict with TF1\'s message', () => {
    expect(tf.TensorShape([null, 3]).merge_with([2, null]).as_list()).to.deep.equal([2, 3]);
    expect(tf.TensorShape(null).merge_with([2, 3]).as_list()).to.deep.equal([2, 3]);
    expect(tf.TensorShape([2, 3]).merge_with(tf.TensorShape(null)).as_list()).to.deep.equal([2, 3]);
    expect(() => tf.TensorShape([2, 3]).merge_with([2, 4])).to.throw(ValueError, /^Shapes \(2, 3\) and \(2, 4\) are not compatible$/);
    expect(() => tf.TensorShape([2, 3]).merge_with([2, 3, 1])).to.throw(ValueError, 'Shapes (2, 3) and (2, 3, 1) are not compatible');
  });

  it('is_compatible_with, assert_is_compatible_with, most_specific_compatible_shape', () => {
    expect(tf.TensorShape([null, 784]).is_compatible_with([32, 784])).to.equal(true);
    expect(tf.TensorShape([null, 784]).is_compatible_with([32, 10])).to.equal(false);
    expect(tf.TensorShape([null, 784]).is_compatible_with([32, 784, 1])).to.equal(false);
    expect(tf.TensorShape(null).is_compatible_with([1, 2, 3])).to.equal(true);
    expect(() => tf.TensorShape([2, 3]).assert_is_compatible_with([2, 4])).to.throw(ValueError, 'Shapes (2, 3) and (2, 4) are incompatible');
    expect(tf.TensorShape([2, 3]).most_specific_compatible_shape([2, 4]).as_list()).to.deep.equal([2, null]);
    expect(tf.TensorShape([2, 3]).most_specific_compatible_shape([2]).ndims).to.equal(null);
  });

  it('concatenate, with_rank, with_rank_at_least/at_most, assert_has_rank, assert_same_rank', () => {
    expect(tf.TensorShape([null]).concatenate([28, 28]).as_list()).to.deep.equal([null, 28, 28]);
    expect(tf.TensorShape([2]).concatenate(tf.TensorShape(null)).ndims).to.equal(null);
    expect(tf.TensorShape(null).with_rank(2).as_list()).to.deep.equal([null, null]);
    expect(tf.TensorShape([2, null]).with_rank(2).as_list()).to.deep.equal([2, null]);
    expect(() => tf.TensorShape([2, 3]).with_rank(3)).to.throw(ValueError, /^Shape \(2, 3\) must have rank 3$/);
    expect(tf.TensorShape([2, 3]).with_rank_at_least(1).as_list()).to.deep.equal([2, 3]);
    expect(() => tf.TensorShape([2, 3]).with_rank_at_least(3)).to.throw(ValueError, 'Shape (2, 3) must have rank at least 3');
    expect(() => tf.TensorShape([2, 3]).with_rank_at_most(1)).to.throw(ValueError, 'Shape (2, 3) must have rank at most 1');
    expect(() => tf.TensorShape([2, 3]).assert_has_rank(1)).to.throw(ValueError, 'Shape (2, 3) must have rank 1');
    expect(() => tf.TensorShape([2, 3]).assert_same_rank([1])).to.throw(ValueError, 'Shapes (2, 3) and (1,) must have the same rank');
  });

  it('compares as Python\'s == and != do', () => {
    expect(tf.TensorShape([2, 3]).eq([2, 3])).to.equal(true);
    expect(tf.TensorShape([2, 3]).eq([2, 4])).to.equal(false);
    expect(tf.TensorShape([null, 3]).eq([null, 3])).to.equal(false);
    expect(tf.TensorShape(null).eq(tf.TensorShape(null))).to.equal(true);
    expect(tf.TensorShape([2, 3]).ne([2, 4])).to.equal(true);
    expect(() => tf.TensorShape(null).ne([2])).to.throw(ValueError, 'The inequality of unknown TensorShapes is undefined.');
  });

  it('refuses bad dimensions in the list', () => {
    expect(() => tf.TensorShape([-1, 3])).to.throw(ValueError, 'Dimension -1 must be >= 0');
  });

  it('tf.compat.dimension_value reads a Dimension or passes a number or null through', () => {
    expect(tf.compat.dimension_value(tf.TensorShape([null, 5])[1])).to.equal(5);
    expect(tf.compat.dimension_value(7)).to.equal(7);
    expect(tf.compat.dimension_value(null)).to.equal(null);
  });
});

describe('porting: get_shape and set_shape', () => {
  beforeEach(() => tf.reset_default_graph());

  it('t.get_shape() is a TensorShape; t.shape stays the static shape array', () => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const s = x.get_shape();
    expect(s).to.be.instanceOf(tf.TensorShape);
    expect(s.as_list()).to.deep.equal([null, 784]);
    expect(s[1].value).to.equal(784);
    expect(s.ndims).to.equal(2);
    expect(String(s)).to.equal('(?, 784)');
    expect(x.shape).to.deep.equal([null, 784]);
    expect(String(tf.placeholder(tf.float32).get_shape())).to.equal('<unknown>');
    expect(tf.placeholder(tf.float32).get_shape().ndims).to.equal(null);
  });

  it('set_shape fills in what shape inference could not see, and ops built after it see it', () => {
    const x = tf.placeholder(tf.float32);
    x.set_shape([null, 784]);
    expect(x.shape).to.deep.equal([null, 784]);
    x.set_shape(tf.TensorShape([32, null]));
    expect(x.get_shape().as_list()).to.deep.equal([32, 784]);
    x.set_shape(null as never);
    expect(x.shape).to.deep.equal([32, 784]);
    const y = tf.matmul(x, tf.zeros([784, 10]));
    expect(y.shape).to.deep.equal([32, 10]);
    expect(tf.reduce_sum(x, 1).get_shape().as_list()).to.deep.equal([32]);
  });

  it('set_shape refuses a conflict with TF1\'s ValueError and leaves the shape unchanged', () => {
    const x = tf.placeholder(tf.float32, [null, 10]);
    expect(() => x.set_shape([null, 5])).to.throw(ValueError,
      /^Dimension 1 in both shapes must be equal, but are 10 and 5\. Shapes are \[\?,10\] and \[\?,5\]\.$/);
    expect(x.shape).to.deep.equal([null, 10]);
    expect(() => x.set_shape([4, 10, 1])).to.throw(ValueError, /^Shapes must be equal rank, but are 2 and 3$/);
    expect(() => x.set_shape([-1, 10])).to.throw(ValueError, 'Dimension -1 must be >= 0');
    expect(x.shape).to.deep.equal([null, 10]);
  });

  it('Variable.get_shape() is a TensorShape; set_shape narrows the ref and the read snapshot', () => {
    const v = tf.Variable(tf.zeros([2, 3]));
    expect(v.get_shape()).to.be.instanceOf(tf.TensorShape);
    expect(v.get_shape().as_list()).to.deep.equal([2, 3]);
    expect(() => v.set_shape([2, 4])).to.throw(ValueError, 'Dimension 1 in both shapes must be equal, but are 3 and 4. Shapes are [2,3] and [2,4].');
    const p = tf.placeholder(tf.float32);
    const w = tf.Variable(p, { validate_shape: false });
    expect(w.get_shape().ndims).to.equal(null);
    w.set_shape([5]);
    expect(w.get_shape().as_list()).to.deep.equal([5]);
    expect(w.shape).to.deep.equal([5]);
    expect(w.value().shape).to.deep.equal([5]);
    expect(tf.multiply(w, 2).shape).to.deep.equal([5]);
  });
});

describe('porting: TensorShape and Dimension where TF1 takes a shape or a tensor', () => {
  beforeEach(() => tf.reset_default_graph());

  it('placeholder, zeros and ones take a TensorShape', () => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    expect(tf.placeholder(tf.float32, x.get_shape()).shape).to.deep.equal([null, 784]);
    expect(tf.placeholder(tf.float32, { shape: tf.TensorShape(null) }).shape).to.equal(null);
    expect(tf.zeros(tf.TensorShape([2, 3])).shape).to.deep.equal([2, 3]);
    expect(tf.ones(tf.TensorShape([4])).eval({ session: tf.Session() }).shape).to.deep.equal([4]);
    expect(() => tf.zeros(x.get_shape())).to.throw(ValueError, 'Cannot convert a partially known TensorShape to a Tensor: (?, 784)');
  });

  it('reshape and convert_to_tensor take a fully known TensorShape or Dimension as int32 values', () => {
    const x = tf.placeholder(tf.float32, [null, 4, 3]);
    const s = x.get_shape();
    expect(tf.reshape(x, [-1, s[1].mul(s[2])]).shape).to.deep.equal([null, 12]);
    expect(tf.reshape(x, s.slice(1).concatenate([1]).merge_with([4, 3, 1]).slice(0, 1).concatenate([3])).shape).to.deep.equal([4, 3]);
    const c = tf.convert_to_tensor(tf.TensorShape([2, 3]));
    expect(c.dtype).to.equal('int32');
    expect(Array.from(c.eval({ session: tf.Session() }).data)).to.deep.equal([2, 3]);
    expect(tf.convert_to_tensor(tf.Dimension(5)).shape).to.deep.equal([]);
    expect(() => tf.reshape(x, s)).to.throw(ValueError, 'Cannot convert a partially known TensorShape to a Tensor: (?, 4, 3)');
    expect(() => tf.convert_to_tensor(s[0])).to.throw(ValueError, 'Cannot convert an unknown Dimension to a Tensor: ?');
    expect(() => tf.convert_to_tensor(tf.TensorShape([2]), tf.float32)).to.throw(TypeError, 'Cannot convert a TensorShape to dtype: float32');
  });
});

describe('porting: t.shape answers TF1\'s TensorShape methods', () => {
  beforeEach(() => tf.reset_default_graph());

  it('is the static shape array whose elements are numbers, with as_list, ndims, num_elements, is_fully_defined', () => {
    const x = tf.placeholder(tf.float32, [null, 784]);
    const W = tf.Variable(tf.zeros([784, 10]));
    expect(x.shape).to.deep.equal([null, 784]);
    expect(x.shape![1]).to.equal(784);
    expect(x.shape!.length).to.equal(2);
    expect(x.shape!.as_list()).to.deep.equal([null, 784]);
    expect(x.shape!.ndims).to.equal(2);
    expect(x.shape!.is_fully_defined()).to.equal(false);
    expect(x.shape!.num_elements()).to.equal(null);
    expect(W.shape!.num_elements()).to.equal(7840);
    expect(W.shape!.is_fully_defined()).to.equal(true);
    expect(x.shape!.dims.map((d) => d.value)).to.deep.equal([null, 784]);
  });

  it('merge_with, is_compatible_with, concatenate and with_rank give TF1\'s TensorShape and errors', () => {
    const x = tf.placeholder(tf.float32, [null, 3]);
    expect(x.shape!.merge_with([32, null]).as_list()).to.deep.equal([32, 3]);
    expect(x.shape!.is_compatible_with([7, 3])).to.equal(true);
    expect(x.shape!.is_compatible_with([7, 4])).to.equal(false);
    expect(x.shape!.concatenate([1]).as_list()).to.deep.equal([null, 3, 1]);
    expect(() => x.shape!.with_rank(3)).to.throw(ValueError, /must have rank 3/);
    expect(() => x.shape!.assert_is_fully_defined()).to.throw(ValueError, /is not fully defined/);
  });

  it('array methods give plain arrays, set_shape keeps the methods, and an unknown rank is null', () => {
    const x = tf.placeholder(tf.float32, [null, 3]);
    const mapped = x.shape!.map((d) => d ?? -1);
    expect(Object.getPrototypeOf(mapped)).to.equal(Array.prototype);
    x.set_shape([8, 3]);
    expect(x.shape!.as_list()).to.deep.equal([8, 3]);
    expect(x.shape!.num_elements()).to.equal(24);
    expect(tf.placeholder(tf.float32).shape).to.equal(null);
  });
});
