import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';

/*
 * tf.cond / tf.while_loop bodies are in-memory sub-graphs that no file format here holds yet: every writer
 * refuses before writing anything, and saving only the variables still works.
 */
describe('saving a graph with control flow', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cf-save-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function build() {
    const g = new tf.Graph();
    return g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null], 'x');
      const v = tf.Variable(tf.constant([2]), { name: 'v' });
      const y = tf.cond(tf.greater(tf.reduce_sum(x), 0), () => x.mul(v), () => x.neg());
      const sess = tf.Session({ graph: g });
      sess.run(tf.global_variables_initializer());
      return { g, x, y, sess };
    });
  }

  it('SavedModelBuilder and simple_save refuse, naming the node, and write nothing', () => {
    const { g, x, y, sess } = build();
    const exportDir = path.join(dir, 'model');
    g.as_default(() => {
      expect(() => tf.saved_model.simple_save(sess, exportDir, { x }, { y }))
        .to.throw(tf.errors.UnimplementedError, /Cannot serialize node 'cond\/If' \(If\): the bodies of tf.cond/);
    });
    expect(fs.existsSync(exportDir) ? fs.readdirSync(exportDir) : []).to.deep.equal([]);
  });

  it('Saver.save refuses before writing a checkpoint, and saves the variables with write_meta_graph false', () => {
    const { g, sess } = build();
    g.as_default(() => {
      const saver = tf.train.Saver();
      expect(() => saver.save(sess, path.join(dir, 'ckpt'))).to.throw(tf.errors.UnimplementedError, /cond\/If/);
      expect(fs.readdirSync(dir)).to.deep.equal([]);
      saver.save(sess, path.join(dir, 'ckpt'), { write_meta_graph: false });
      expect(fs.readdirSync(dir).sort()).to.deep.equal(['checkpoint', 'ckpt.data-00000-of-00001', 'ckpt.index']);
      expect(Array.from((tf.train.load_variable(path.join(dir, 'ckpt'), 'v') as tf.NDArray).data)).to.deep.equal([2]);
    });
  });
});
