import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { checkGradients, randomArray } from './helpers/gradient_check';

/** Hides static dimensions (rank stays known), so gradients must take their dynamic paths. */
const unknownDims = (t: tf.Tensor) => tf.reshape(t, tf.shape(t));
/** Hides the rank too: a sum over zero axes chosen at run time is the identity. */
const unknownRank = (t: tf.Tensor) => tf.reduce_sum(t, tf.range(0, tf.multiply(tf.rank(t), 0)));

/**
 * Random values at least 0.05 apart (a shuffled ramp in [0.5, 0.5 + 0.05n)): central
 * differences must not step across a tie of Max/Min or Maximum/Minimum.
 */
function spacedArray(shape: number[], seed: number): NDArray {
  const keys = randomArray(shape, seed);
  const order = Array.from(keys.data.keys()).sort((a, b) => keys.data[a] - keys.data[b]);
  const out = keys.clone();
  order.forEach((idx, rank) => { out.data[idx] = 0.5 + 0.05 * rank; });
  return out;
}

function run(fetch: any, feeds?: any): any {
  const sess = new tf.Session();
  try { return sess.run(fetch, feeds); } finally { sess.close(); }
}
const arr = (t: tf.Tensor | null) => { const v = run(t); return v instanceof NDArray ? v.toArray() : v; };

describe('gradients of binary ops, with broadcasting', () => {
  const shapePairs: [number[], number[]][] = [[[3, 4], [3, 4]], [[3, 4], [4]], [[2, 1, 3], [4, 1]], [[], [3]], [[2, 3], []], [[3, 1], [1, 4]]];
  const ops: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, [number, number], [number, number]][] = [
    ['Add', tf.add, [-1, 1], [-1, 1]],
    ['Sub', tf.subtract, [-1, 1], [-1, 1]],
    ['Mul', tf.multiply, [-1, 1], [-1, 1]],
    ['RealDiv', tf.divide, [-1, 1], [0.5, 1.5]],
    ['Pow', tf.pow, [0.5, 1.5], [-1, 2]],
    ['Maximum', tf.maximum, [-1, 1], [-1, 1]],
    ['Minimum', tf.minimum, [-1, 1], [-1, 1]],
    ['SquaredDifference', tf.squared_difference, [-1, 1], [-1, 1]],
    // x/y stays within (1, 2): away from FloorMod's jumps.
    ['FloorMod', tf.floormod, [2.05, 2.15], [1.2, 1.3]],
  ];
  for (const [name, f, xr, yr] of ops) {
    it(`${name}: numerical check on ${shapePairs.map(([a, b]) => `[${a}]·[${b}]`).join(', ')}`, () => {
      shapePairs.forEach(([sa, sb], k) => {
        checkGradients((a, b) => f(a, b), [randomArray(sa, 10 + k, ...xr), randomArray(sb, 20 + k, ...yr)]);
      });
    });
  }

  it('Add/Mul/RealDiv/Maximum with unknown dimensions take the dynamic (BroadcastGradientArgs) path', () => {
    for (const f of [tf.add, tf.multiply, tf.divide, tf.maximum]) {
      checkGradients((a, b) => f(unknownDims(a), unknownDims(b)), [randomArray([2, 1, 3], 1), randomArray([4, 1], 2, 0.5, 1.5)]);
      checkGradients((a, b) => f(unknownRank(a), b), [randomArray([3, 1], 3), randomArray([3], 4, 0.5, 1.5)]);
    }
    // The dynamic path is really taken: the graph has a BroadcastGradientArgs op.
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.placeholder('float32', [null, 1]), b = tf.placeholder('float32', [null, 3]);
      const [ga] = tf.gradients(tf.multiply(a, b), [a]);
      expect(g.get_operations().some((o) => o.type === 'BroadcastGradientArgs')).to.equal(true);
      expect(ga!.shape).to.deep.equal([null, 1]);
      const v = run(ga, new Map([[a, NDArray.from([[1], [2]])], [b, NDArray.from([[1, 2, 3], [4, 5, 6]])]])) as NDArray;
      expect(v.toArray()).to.deep.equal([[6], [15]]);
    });
  });

  it('a bias added to a batch of unknown size reduces statically (no BroadcastGradientArgs)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder('float32', [null, 3]);
      const bias = tf.constant([1, 2, 3]);
      const [gx, gb] = tf.gradients(tf.add(x, bias), [x, bias]);
      expect(g.get_operations().some((o) => o.type === 'BroadcastGradientArgs')).to.equal(false);
      expect(gx!.shape).to.deep.equal([null, 3]);
      expect(gb!.shape).to.deep.equal([3]);
      const [vx, vb] = run([gx, gb], new Map([[x, NDArray.zeros([5, 3])]])) as NDArray[];
      expect(vx.shape).to.deep.equal([5, 3]);
      expect(vb.toArray()).to.deep.equal([5, 5, 5]);
    });
  });

  it('Maximum/Minimum send the gradient to x on ties (TF1\'s mask)', () => {
    tf.reset_default_graph();
    const x = tf.constant([1, 2, 3]), y = tf.constant([2, 2, 2]);
    expect(tf.gradients(tf.maximum(x, y), [x, y]).map(arr)).to.deep.equal([[0, 1, 1], [1, 0, 0]]);
    expect(tf.gradients(tf.minimum(x, y), [x, y]).map(arr)).to.deep.equal([[1, 1, 0], [0, 0, 1]]);
  });

  it('Pow: d/dy is 0 where x <= 0 (log undefined), as TF1', () => {
    tf.reset_default_graph();
    const x = tf.constant([-2, 0, 2]), y = tf.constant([2, 2, 2]);
    const [gx, gy] = tf.gradients(tf.pow(x, y), [x, y]);
    expect(arr(gx)).to.deep.equal([-4, 0, 4]);
    const vy = arr(gy);
    expect(vy[0]).to.equal(0);
    expect(vy[1]).to.equal(0);
    expect(vy[2]).to.be.closeTo(4 * Math.log(2), 1e-6);
  });

  it('FloorDiv and comparisons have no gradient', () => {
    tf.reset_default_graph();
    const x = tf.constant([3.5]);
    expect(tf.gradients(tf.floordiv(x, 2), [x])).to.deep.equal([null]);
  });
});

describe('gradients of unary ops', () => {
  const cases: [string, (x: tf.Tensor) => tf.Tensor, number, number][] = [
    ['Neg', tf.negative, -1, 1],
    ['Exp', tf.exp, -1, 1],
    ['Log', tf.log, 0.5, 2],
    ['Sqrt', tf.sqrt, 0.5, 2],
    ['Rsqrt', tf.rsqrt, 0.5, 2],
    ['Square', tf.square, -1, 1],
    ['Abs', tf.abs, -1, 1],
    ['Sign', tf.sign, -1, 1],
    ['Reciprocal', tf.reciprocal, 0.5, 2],
  ];
  for (const [name, f, lo, hi] of cases) {
    it(`${name}: numerical check on [3,4], a scalar and [0]`, () => {
      checkGradients((x) => f(x), [randomArray([3, 4], 5, lo, hi)]);
      checkGradients((x) => f(x), [randomArray([], 6, lo, hi)]);
      checkGradients((x) => f(x), [randomArray([0], 7, lo, hi)]);
    });
  }

  it('Floor, Ceil and Round are not differentiable', () => {
    tf.reset_default_graph();
    const x = tf.constant([1.5]);
    for (const f of [tf.floor, tf.ceil, tf.round]) expect(tf.gradients(f(x), [x])).to.deep.equal([null]);
  });
});

describe('gradients of AddN, Cast, Reshape, Fill, BroadcastTo', () => {
  it('AddN passes dy to every input (and a repeated input gets the sum)', () => {
    checkGradients((a, b, c) => tf.add_n([a, b, c]), [randomArray([2, 3], 1), randomArray([2, 3], 2), randomArray([2, 3], 3)]);
    checkGradients((a, b) => tf.add_n([a, b, a]), [randomArray([2], 4), randomArray([2], 5)]);
  });

  it('Cast passes float gradients through and blocks them through integers', () => {
    checkGradients((x) => tf.get_default_graph().create_op('Cast', [x], { SrcT: 'float32', DstT: 'float32' }).outputs[0], [randomArray([3], 1)]);
    tf.reset_default_graph();
    const x = tf.constant([1.5, 2.5]);
    expect(tf.gradients(tf.cast(tf.cast(x, 'int32'), 'float32'), [x])).to.deep.equal([null]);
  });

  it('Reshape: static and dynamic targets', () => {
    checkGradients((x) => tf.reshape(x, [3, -1]), [randomArray([2, 3], 1)]);
    checkGradients((x) => tf.multiply(tf.reshape(unknownDims(x), [-1]), tf.constant([1, 2, 3, 4, 5, 6])), [randomArray([2, 3], 2)]);
    checkGradients((x) => tf.reshape(x, []), [randomArray([1, 1], 3)]);
  });

  it('Fill: the value\'s gradient is the sum of dy', () => {
    checkGradients((v) => tf.fill([2, 3], v), [randomArray([], 1)]);
  });

  it('BroadcastTo: the gradient sums over the stretched axes', () => {
    checkGradients((x) => tf.broadcast_to(x, [2, 3, 4]), [randomArray([3, 1], 1)]);
    checkGradients((x) => tf.broadcast_to(x, [2, 3]), [randomArray([], 2)]);
  });
});

describe('gradients of reductions', () => {
  const reductions: [string, (x: tf.Tensor, axis?: any, keep?: boolean) => tf.Tensor][] = [
    ['Sum', tf.reduce_sum], ['Mean', tf.reduce_mean], ['Max', tf.reduce_max], ['Min', tf.reduce_min], ['Prod', tf.reduce_prod],
  ];
  const axesCases: [any, boolean][] = [[undefined, false], [0, false], [1, false], [-1, true], [[0, 2], false], [[0, 2], true], [[1, 2], false]];
  for (const [name, f] of reductions) {
    it(`${name}: numerical check over all axes, single axes, axis pairs, keep_dims`, () => {
      axesCases.forEach(([axis, keep], k) => {
        checkGradients((x) => f(x, axis, keep), [spacedArray([2, 3, 4], 30 + k)]);
      });
      checkGradients((x) => f(x), [randomArray([], 40)]);
    });

    it(`${name}: with unknown dimensions, unknown rank, and axes known only at run time`, () => {
      checkGradients((x) => f(unknownDims(x), 1), [spacedArray([3, 4], 50)]);
      checkGradients((x) => f(unknownDims(x), [0, 2], true), [spacedArray([2, 3, 2], 51)]);
      checkGradients((x) => f(unknownRank(x), 0), [spacedArray([3, 2], 52)]);
      checkGradients((x) => f(unknownRank(x)), [spacedArray([3, 2], 53)]);
      checkGradients((x) => f(x, tf.add(tf.constant(0, 'int32'), tf.constant([1], 'int32'))), [spacedArray([3, 2], 54)]);
    });
  }

  it('Prod with values of both signs', () => {
    checkGradients((x) => tf.reduce_prod(x, 1), [randomArray([3, 4], 60, -1.5, 1.5)]);
  });

  it('Prod is exact with zeros: one zero in a group, two zeros, none', () => {
    tf.reset_default_graph();
    const x = tf.constant([[2, 0, 3], [0, 0, 3], [1, 2, 4]]);
    const [g] = tf.gradients(tf.reduce_prod(x, 1), [x]);
    expect(arr(g)).to.deep.equal([[0, 6, 0], [0, 0, 0], [8, 4, 2]]);
  });

  it('Max/Min split the gradient evenly among tied extremes', () => {
    tf.reset_default_graph();
    const x = tf.constant([[1, 3, 3], [5, 2, 5]]);
    expect(arr(tf.gradients(tf.reduce_max(x, 1), [x])[0])).to.deep.equal([[0, 0.5, 0.5], [0.5, 0, 0.5]]);
    expect(arr(tf.gradients(tf.reduce_min(x), [x])[0])).to.deep.equal([[1, 0, 0], [0, 0, 0]]);
  });

  it('Mean over a batch of unknown size divides by the run-time count', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const p = tf.placeholder('float32', [null, 2]);
      const [gp] = tf.gradients(tf.reduce_mean(p), [p]);
      expect(gp!.shape).to.deep.equal([null, 2]);
      const v = run(gp, new Map([[p, NDArray.zeros([4, 2])]])) as NDArray;
      expect(Array.from(v.data)).to.deep.equal(new Array(8).fill(0.125));
    });
  });
});

describe('gradients through composite expressions', () => {
  it('a softmax built from Exp, Sum and RealDiv, then a cross entropy with Log and Mean', () => {
    checkGradients((logits, labels) => {
      const e = tf.exp(logits);
      const p = tf.divide(e, tf.reduce_sum(e, 1, true));
      return tf.reduce_mean(tf.negative(tf.reduce_sum(tf.multiply(labels, tf.log(p)), 1)));
    }, [randomArray([4, 3], 1), randomArray([4, 3], 2, 0, 1)]);
  });

  it('the same with an unknown batch size', () => {
    checkGradients((logits) => {
      const l = unknownDims(logits);
      const e = tf.exp(tf.subtract(l, tf.reduce_max(l, 1, true)));
      return tf.reduce_mean(tf.log(tf.divide(e, tf.reduce_sum(e, -1, true))));
    }, [randomArray([5, 3], 3)]);
  });

  it('a quadratic form with sqrt, square and a reused input', () => {
    checkGradients((x, y) => tf.sqrt(tf.add(tf.reduce_sum(tf.square(tf.subtract(x, y))), tf.multiply(x, x))), [randomArray([3], 4), randomArray([2, 3], 5)]);
  });
});
