import { expect } from 'chai';
import * as path from 'path';
import { spawnSync } from 'child_process';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

const DIST = path.join(__dirname, '..');

describe('Tensor and Variable operator methods', () => {
  it('build the TF1 operator ops and compute their values', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant([[1, 2], [3, 4]]);
      const v = tf.Variable([[2, 0], [0, 2]]);
      const ops = { add: x.add(1), sub: x.sub(v), mul: v.mul(x), div: x.div(2), pow: x.pow(2), neg: x.neg(), matmul: x.matmul(v) };
      expect(Object.values(ops).map((t) => t.op.type)).to.deep.equal(['Add', 'Sub', 'Mul', 'RealDiv', 'Pow', 'Neg', 'MatMul']);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      const values = sess.run(Object.values(ops)) as NDArray[];
      expect(values.map((a) => Array.from(a.data))).to.deep.equal([
        [2, 3, 4, 5], [-1, 2, 3, 2], [2, 0, 0, 8], [0.5, 1, 1.5, 2], [1, 4, 9, 16], [-1, -2, -3, -4], [2, 4, 6, 8],
      ]);
      sess.close();
    });
  });

  it('come from the ops layer: lib/framework alone loads no op module, and says what is missing', () => {
    const script = `
      const dist = process.argv[1];
      const { Tensor } = require(dist + '/lib/framework/tensor');
      require(dist + '/lib/framework/graph');
      require(dist + '/lib/framework/convert');
      const t = new Tensor({ name: 'x', graph: null }, 0, 'float32', []);
      let message = null, kind = null;
      try { t.add(1); } catch (e) { message = e.message; kind = e.constructor.name; }
      const ops = Object.keys(require.cache).filter((m) => m.includes('/lib/ops/'));
      console.log(JSON.stringify({ message, kind, ops }));`;
    const r = spawnSync(process.execPath, ['-e', script, DIST], { encoding: 'utf8' });
    expect(r.stderr).to.equal('');
    const out = JSON.parse(r.stdout);
    expect(out.ops).to.deep.equal([]);
    expect(out.kind).to.equal('InternalError');
    expect(out.message).to.equal('Tensor.add: the math ops are not loaded; import lib/ops/math_ops (or the package index) first');
  });
});
