import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { buildDeepMnistTutorial } from './helpers/tutorial_graphs';

/** Node names of a GraphDef, in order. */
const names = (gd: { node: { name: string }[] }) => gd.node.map((n) => n.name);

function smallGraph() {
  const x = tf.placeholder('float32', [null, 2], 'x');
  const W = tf.Variable(tf.constant([[1, 2], [3, 4]]), { name: 'W' });
  const b = tf.Variable(tf.constant([10, 20]), { name: 'b' });
  const mm = tf.matmul(x, W, { name: 'mm' });
  const y = tf.add(mm, b, 'y');
  const unused = tf.multiply(y, 2, 'unused');
  return { x, W, b, y, unused };
}

describe('tf.graph_util', () => {
  const savedLevel = process.env.TENSORGRAPH_LOG_LEVEL;
  before(() => { process.env.TENSORGRAPH_LOG_LEVEL = 'WARN'; });
  after(() => { if (savedLevel === undefined) delete process.env.TENSORGRAPH_LOG_LEVEL; else process.env.TENSORGRAPH_LOG_LEVEL = savedLevel; });

  it('extract_sub_graph keeps what the destination nodes need (data and control inputs), in graph order', () => {
    new tf.Graph().as_default((g) => {
      const { y } = smallGraph();
      tf.control_dependencies([y], () => tf.no_op('after_y'));
      const gd = tf.graph_util.extract_sub_graph(g.as_graph_def(), ['after_y']);
      // Not the initializers' Consts: a VariableV2 has no inputs.
      expect(names(gd)).to.deep.equal(['x', 'W', 'W/read', 'b', 'b/read', 'mm', 'y', 'after_y']);
      expect(names(tf.graph_util.extract_sub_graph(g.as_graph_def(), ['W/read']))).to.deep.equal(['W', 'W/read']);
      expect(() => tf.graph_util.extract_sub_graph(g.as_graph_def(), ['nope'])).to.throw(tf.errors.ValueError, 'nope is not in graph');
      expect(() => tf.graph_util.extract_sub_graph(g.as_graph_def(), 'y' as never)).to.throw(TypeError, 'dest_nodes must be a list.');
    });
  });

  it('convert_variables_to_constants: variables become Consts of their current values, only what the outputs need; honours white/blacklists', () => {
    new tf.Graph().as_default((g) => {
      const m = smallGraph();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      sess.run(tf.assign(m.b, tf.constant([100, 200])));
      const frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ['y']);
      expect(names(frozen)).to.deep.equal(['x', 'W', 'W/read', 'b', 'b/read', 'mm', 'y']);
      const W = frozen.node.find((n) => n.name === 'W')!;
      expect(W.op).to.equal('Const');
      expect(Object.keys(W.attr).sort()).to.deep.equal(['dtype', 'value']);
      expect(frozen.node.some((n) => n.op === 'VariableV2')).to.equal(false);
      new tf.Graph().as_default((g2) => {
        const [y] = tf.import_graph_def(frozen, { return_elements: ['y:0'], name: '' }) as tf.Tensor[];
        expect(g2.get_collection('variables')).to.deep.equal([]);
        // The assigned value of b, not its initializer's.
        expect((tf.Session().run(y, { 'x:0': [[1, 1]] }) as NDArray).toArray()).to.deep.equal([[104, 206]]);
      });
      const partly = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ['y'], { variable_names_blacklist: ['W'] });
      expect(partly.node.filter((n) => n.op === 'VariableV2').map((n) => n.name)).to.deep.equal(['W']);
      const only = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ['y'], { variable_names_whitelist: ['W'] });
      expect(only.node.filter((n) => n.op === 'VariableV2').map((n) => n.name)).to.deep.equal(['b']);
    });
  });

  it('an uninitialized variable fails the freeze as in TF', () => {
    new tf.Graph().as_default((g) => {
      smallGraph();
      expect(() => tf.graph_util.convert_variables_to_constants(tf.Session(), g.as_graph_def(), ['y']))
        .to.throw(tf.errors.FailedPreconditionError, /uninitialized value/);
    });
  });

  it('a frozen Deep MNIST graph imports with import_graph_def and predicts what the session does', () => {
    let s = 7;
    const x = Array.from({ length: 4 }, () => Array.from({ length: 784 }, () => ((s = (s * 16807) % 2147483647) / 2147483647)));
    new tf.Graph().as_default((g) => {
      const m = buildDeepMnistTutorial();
      const sess = tf.Session();
      sess.run(tf.global_variables_initializer());
      const expected = sess.run(m.probs, { x, keep_prob: 1 }) as NDArray;
      const frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ['probs']);
      expect(frozen.node.some((n) => n.op === 'VariableV2' || n.op.startsWith('Apply'))).to.equal(false);
      expect(frozen.node.filter((n) => n.op === 'Const').length).to.be.greaterThan(8);
      new tf.Graph().as_default(() => {
        const [probs] = tf.import_graph_def(frozen, { return_elements: ['probs:0'] }) as tf.Tensor[];
        expect(probs.name).to.equal('import/probs:0');
        const got = tf.Session().run(probs, { 'import/x:0': x, 'import/keep_prob:0': 1 }) as NDArray;
        expect(Array.from(got.data)).to.deep.equal(Array.from(expected.data));
      });
    });
  });

  it('remove_training_nodes splices out Identity nodes (chains too) unless protected', () => {
    new tf.Graph().as_default((g) => {
      const x = tf.placeholder('float32', [2], 'x');
      const a = tf.identity(tf.identity(x, 'id1'), 'id2');
      tf.multiply(a, 3, 'out');
      const gd = tf.graph_util.remove_training_nodes(g.as_graph_def());
      expect(names(gd)).to.deep.equal(['x', 'Const', 'out']);
      expect(gd.node.find((n) => n.name === 'out')!.input).to.deep.equal(['x', 'Const']);
      const kept = tf.graph_util.remove_training_nodes(g.as_graph_def(), ['id2']);
      expect(names(kept)).to.deep.equal(['x', 'id2', 'Const', 'out']);
      expect(kept.node.find((n) => n.name === 'id2')!.input).to.deep.equal(['x']);
    });
  });
});
