import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/** Runs fn's fetch in a fresh graph and session. */
function run(build: () => tf.Tensor | tf.Operation, feeds: Record<string, unknown> = {}): unknown {
  const g = tf.Graph();
  const fetch = g.as_default(build);
  const sess = tf.Session({ graph: g });
  try { return sess.run(fetch, feeds); } finally { sess.close(); }
}

describe('string dtype and the checkpoint I/O ops (StringJoin, ShardedFilename, SaveV2, RestoreV2, MergeV2Checkpoints)', () => {
  it('NDArray holds strings: from nested JS strings, shape, tolist, reshape keeps them; casts are refused', () => {
    const a = NDArray.from([['a', 'bc'], ['', 'déf']]);
    expect(a.dtype).to.equal('string');
    expect(a.shape).to.deep.equal([2, 2]);
    expect(a.tolist()).to.deep.equal([['a', 'bc'], ['', 'déf']]);
    expect(a.reshape([4]).tolist()).to.deep.equal(['a', 'bc', '', 'déf']);
    expect([...a.strings![3]]).to.deep.equal([100, 0xc3, 0xa9, 102]); // UTF-8
    expect(() => a.astype('float32')).to.throw(tf.errors.InvalidArgumentError, 'Cast between string and float32 is not supported');
    expect(tf.as_dtype('string')).to.equal('string');
  });

  it('string Const / Placeholder / Identity: feeds and fetches (0-d fetch is a JS string)', () => {
    expect((run(() => tf.identity(tf.constant(NDArray.from(['x', 'yz'])))) as NDArray).tolist()).to.deep.equal(['x', 'yz']);
    expect(run(() => tf.identity(tf.placeholder(tf.string, [], 'p')), { 'p:0': 'hello' })).to.equal('hello');
    expect(() => run(() => tf.identity(tf.placeholder(tf.string, [], 'p')), { 'p:0': 3 })).to.throw(tf.errors.InvalidArgumentError, "Cannot feed value for Tensor 'p:0'");
  });

  it('the gpu backend runs string ops on the host (CPU kernels), strings intact', () => {
    const g = tf.Graph();
    const joined = g.as_default(() => tf.get_default_graph().create_op('StringJoin',
      [tf.identity(tf.placeholder(tf.string, [], 'p')), tf.constant(NDArray.from('b'))], { separator: '+' }).outputs[0]);
    const sess = tf.Session({ graph: g, config: { device: 'gpu' } });
    try { expect(sess.run(joined, { 'p:0': 'a' })).to.equal('a+b'); } finally { sess.close(); }
  });

  it('StringJoin joins element-wise with the separator, scalars repeated; mismatched shapes are InvalidArgumentError', () => {
    const joined = run(() => tf.get_default_graph().create_op('StringJoin',
      [tf.constant(NDArray.from(['a', 'b'])), tf.constant(NDArray.from('-')), tf.constant(NDArray.from(['x', 'y']))], { separator: '/' }).outputs[0]);
    expect((joined as NDArray).tolist()).to.deep.equal(['a/-/x', 'b/-/y']);
    expect(() => run(() => tf.get_default_graph().create_op('StringJoin',
      [tf.constant(NDArray.from(['a', 'b'])), tf.constant(NDArray.from(['x', 'y', 'z']))]).outputs[0]))
      .to.throw(tf.errors.InvalidArgumentError, 'Input shapes do not match: (2,) vs. (3,)');
  });

  it('ShardedFilename is basename-%05d-of-%05d', () => {
    expect(run(() => tf.get_default_graph().create_op('ShardedFilename',
      [tf.constant(NDArray.from('/tmp/m_temp/part')), tf.constant(3, tf.int32), tf.constant(12, tf.int32)]).outputs[0]))
      .to.equal('/tmp/m_temp/part-00003-of-00012');
  });

  it('SaveV2 writes a bundle, MergeV2Checkpoints moves parts to the destination (deleting the temp dir), RestoreV2 reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'io_ops-'));
    const part = path.join(dir, 'tmp_parts', 'part-00000-of-00001');
    const dest = path.join(dir, 'model.ckpt');
    const str = (s: string) => tf.constant(NDArray.from(s));
    const strs = (s: string[]) => tf.constant(NDArray.from(s));
    run(() => tf.get_default_graph().create_op('SaveV2', [str(part), strs(['w', 'n']), strs(['', '']),
      tf.constant([[1.5, -2], [3, 4]], tf.float32), tf.constant([7, 8, 9], tf.int32)], { dtypes: ['float32', 'int32'] }));
    expect(tf.train.list_variables(part)).to.deep.equal([['n', [3]], ['w', [2, 2]]]);
    run(() => tf.get_default_graph().create_op('MergeV2Checkpoints', [strs([part]), str(dest)]));
    expect(fs.existsSync(path.join(dir, 'tmp_parts'))).to.equal(false);
    expect(tf.train.list_variables(dest)).to.deep.equal([['n', [3]], ['w', [2, 2]]]);
    const [w, n] = run(() => tf.get_default_graph().create_op('RestoreV2', [str(dest), strs(['w', 'n']), strs(['', ''])],
      { dtypes: ['float32', 'int32'] }).outputs as unknown as tf.Tensor) as unknown as NDArray[];
    expect(w.tolist()).to.deep.equal([[1.5, -2], [3, 4]]);
    expect(n.dtype).to.equal('int32');
    expect(n.tolist()).to.deep.equal([7, 8, 9]);
    expect(() => run(() => tf.get_default_graph().create_op('RestoreV2', [str(dest), strs(['w']), strs([''])], { dtypes: ['int32'] }).outputs[0]))
      .to.throw(tf.errors.InvalidArgumentError, 'tensor_name = w; expected dtype int32 does not equal original dtype float32');
    expect(() => run(() => tf.get_default_graph().create_op('RestoreV2', [str(dest), strs(['q']), strs([''])], { dtypes: ['int32'] }).outputs[0]))
      .to.throw(tf.errors.NotFoundError, 'Key q not found in checkpoint');
    expect(() => run(() => tf.get_default_graph().create_op('RestoreV2', [str(dest), strs(['w']), strs(['2 2 0,1:-'])], { dtypes: ['float32'] }).outputs[0]))
      .to.throw(tf.errors.InvalidArgumentError, 'partitioned variables');
  });
});
