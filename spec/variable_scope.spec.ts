import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';

/* tf.variable_scope / tf.get_variable with TF1's names, reuse rules and messages. */

const opNames = () => tf.get_default_graph().get_operations().map((o) => o.name);
const values = (v: tf.Variable | tf.Tensor) => {
  const sess = tf.Session();
  sess.run(tf.global_variables_initializer());
  return Array.from((sess.run(v) as NDArray).data);
};
const ALREADY_EXISTS = 'Variable layer1/w already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n';
const DOES_NOT_EXIST = 'Variable layer1/v does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?';

describe('tf.variable_scope and tf.get_variable', () => {
  beforeEach(() => tf.reset_default_graph());

  it('names the variable <scope>/<name> and its ops as TF1 does (initializer ops first, under Initializer/)', () => {
    const w = tf.variable_scope('dense', () => tf.get_variable('kernel', [3, 4]));
    expect(w.name).to.equal('dense/kernel:0');
    expect(w.shape).to.deep.equal([3, 4]);
    expect(w.dtype).to.equal('float32');
    expect(opNames()).to.deep.equal([
      'dense/kernel/Initializer/random_uniform/shape', 'dense/kernel/Initializer/random_uniform/min',
      'dense/kernel/Initializer/random_uniform/max', 'dense/kernel/Initializer/random_uniform/RandomUniform',
      'dense/kernel/Initializer/random_uniform/sub', 'dense/kernel/Initializer/random_uniform/mul',
      'dense/kernel/Initializer/random_uniform', 'dense/kernel', 'dense/kernel/Assign', 'dense/kernel/read',
    ]);
    expect(w.initializer.name).to.equal('dense/kernel/Assign');
    expect(w.initial_value.name).to.equal('dense/kernel/Initializer/random_uniform:0');
    expect(tf.global_variables()).to.deep.equal([w]);
    expect(tf.trainable_variables()).to.deep.equal([w]);
  });

  it('opens a name scope too: a second "layer1" puts ops under layer1_1/ while variables stay layer1/', () => {
    const first = tf.variable_scope('layer1', (scope) => {
      expect(scope.name).to.equal('layer1');
      expect(scope.original_name_scope).to.equal('layer1/');
      return tf.add(tf.get_variable('w', [2]), 1);
    });
    const second = tf.variable_scope('layer1', { reuse: true }, (scope) => {
      expect(scope.name).to.equal('layer1');
      expect(scope.original_name_scope).to.equal('layer1_1/');
      expect(tf.get_default_graph().get_name_scope()).to.equal('layer1_1');
      return tf.add(tf.get_variable('w', [2]), 1);
    });
    expect(first.op.name).to.equal('layer1/Add');
    expect(second.op.name).to.equal('layer1_1/Add');
    expect(second.op.inputs[0].name).to.equal('layer1/w/read:0');
    expect(tf.global_variables().map((v) => v.name)).to.deep.equal(['layer1/w:0']);
  });

  it('variable names ignore the name scope around the call', () => {
    const v = tf.name_scope('outer', () => tf.variable_scope('vs', () => tf.get_variable('v', [1])));
    expect(v.name).to.equal('vs/v:0');
    const add = tf.name_scope('outer', () => tf.variable_scope('vs', { reuse: true }, () => tf.add(tf.get_variable('v', [1]), 1)));
    expect(add.op.name).to.equal('outer_1/vs/Add');
  });

  it('nests: names join with "/", and so do the name scopes', () => {
    const [v, t] = tf.variable_scope('a', () => tf.variable_scope('b', (scope) => {
      expect(scope.name).to.equal('a/b');
      expect(scope.original_name_scope).to.equal('a/b/');
      const w = tf.get_variable('w', [1]);
      return [w, tf.identity(w)] as const;
    }));
    expect(v.name).to.equal('a/b/w:0');
    expect(t.op.name).to.equal('a/b/Identity');
  });

  it('reuse=false (the default) refuses an existing name with TF1\'s message, and says where it was made', () => {
    tf.variable_scope('layer1', () => tf.get_variable('w', [2]));
    let message = '';
    try { tf.variable_scope('layer1', () => tf.get_variable('w', [2])); } catch (e) {
      expect(e).to.be.instanceOf(tf.errors.ValueError);
      message = (e as Error).message;
    }
    expect(message.startsWith(ALREADY_EXISTS)).to.equal(true);
    expect(message.slice(ALREADY_EXISTS.length)).to.contain('variable_scope.spec');
    expect(() => tf.variable_scope('layer1', { reuse: false }, () => tf.get_variable('w', [2]))).to.throw(tf.errors.ValueError, 'already exists');
  });

  it('reuse=true returns the same Variable and refuses a missing one with TF1\'s message', () => {
    const w = tf.variable_scope('layer1', () => tf.get_variable('w', [2, 3]));
    const n = opNames().length;
    expect(tf.variable_scope('layer1', { reuse: true }, () => tf.get_variable('w', [2, 3]))).to.equal(w);
    // No shape given on reuse is compatible with any shape.
    expect(tf.variable_scope('layer1', { reuse: true }, () => tf.get_variable('w'))).to.equal(w);
    expect(opNames().length).to.equal(n);
    expect(() => tf.variable_scope('layer1', { reuse: true }, () => tf.get_variable('v', [2]))).to.throw(tf.errors.ValueError, DOES_NOT_EXIST);
    try { tf.variable_scope('layer1', { reuse: true }, () => tf.get_variable('v', [2])); } catch (e) { expect((e as Error).message).to.equal(DOES_NOT_EXIST); }
  });

  it('reuse checks shape and dtype with TF1\'s messages', () => {
    tf.variable_scope('x', () => tf.get_variable('w', [2, 4]));
    expect(() => tf.variable_scope('x', { reuse: true }, () => tf.get_variable('w', [3, 4])))
      .to.throw(tf.errors.ValueError, 'Trying to share variable x/w, but specified shape (3, 4) and found shape (2, 4).');
    expect(() => tf.variable_scope('x', { reuse: true }, () => tf.get_variable('w', [2, 4], 'int32')))
      .to.throw(tf.errors.ValueError, 'Trying to share variable x/w, but specified dtype int32 and found dtype float32.');
    expect(tf.variable_scope('x', { reuse: true }, () => tf.get_variable('w', [null, 4] as never)).name).to.equal('x/w:0');
  });

  it('tf.AUTO_REUSE creates a missing variable and returns an existing one', () => {
    const make = () => tf.variable_scope('shared', { reuse: tf.AUTO_REUSE }, (scope) => {
      expect(scope.reuse).to.equal(tf.AUTO_REUSE);
      return tf.get_variable('w', [2]);
    });
    const a = make(), b = make();
    expect(a).to.equal(b);
    expect(a.name).to.equal('shared/w:0');
    expect(tf.global_variables()).to.have.length(1);
    expect(String(tf.AUTO_REUSE)).to.equal('_ReuseMode.AUTO_REUSE');
  });

  it('reuse is inherited by nested scopes and cannot be turned back off inside', () => {
    tf.variable_scope('a', () => tf.variable_scope('b', () => tf.get_variable('w', [1])));
    const w = tf.variable_scope('a', { reuse: true }, () => tf.variable_scope('b', { reuse: false }, (scope) => {
      expect(scope.reuse).to.equal(true);
      return tf.get_variable('w', [1]);
    }));
    expect(w.name).to.equal('a/b/w:0');
    tf.variable_scope('c', { reuse: tf.AUTO_REUSE }, () => tf.variable_scope('d', (scope) => expect(scope.reuse).to.equal(tf.AUTO_REUSE)));
    tf.variable_scope('c', { reuse: true }, () => tf.variable_scope('d', { reuse: tf.AUTO_REUSE }, (scope) => expect(scope.reuse).to.equal(tf.AUTO_REUSE)));
    expect(tf.get_variable_scope().reuse).to.equal(false);
  });

  it('get_variable_scope().reuse_variables() turns reuse on for the rest of that scope only', () => {
    tf.variable_scope('layer1', () => {
      const w = tf.get_variable('w', [2]);
      expect(tf.get_variable_scope().reuse).to.equal(false);
      tf.get_variable_scope().reuse_variables();
      expect(tf.get_variable_scope().reuse).to.equal(true);
      expect(tf.get_variable('w', [2])).to.equal(w);
      tf.variable_scope('inner', (scope) => expect(scope.reuse).to.equal(true));
    });
    expect(tf.get_variable_scope().reuse).to.equal(false);
    expect(tf.get_variable_scope().name).to.equal('');
    tf.variable_scope('layer1', (scope) => expect(scope.reuse).to.equal(false));
  });

  it('re-entering a VariableScope object uses its name and reuse, not the enclosing scope\'s, with a new name scope', () => {
    let captured: tf.VariableScope | null = null;
    const v = tf.variable_scope('foo', (scope) => { captured = scope; return tf.get_variable('v', [1]); });
    const vs = captured!;
    const [again, op] = tf.variable_scope('bar', () => tf.variable_scope(vs, { reuse: true }, (scope) => {
      expect(scope.name).to.equal('foo');
      expect(scope.original_name_scope).to.equal('foo/');
      expect(scope).to.not.equal(vs);
      return [tf.get_variable('v', [1]), tf.identity(1)] as const;
    }));
    expect(again).to.equal(v);
    // TF1 opens a name scope named after the scope's last part: bar/foo/, not foo/.
    expect(op.op.name).to.equal('bar/foo/Identity');
    // The enclosing reuse=true is not inherited when jumping to a scope object.
    tf.variable_scope('outer', { reuse: true }, () => tf.variable_scope(vs, (scope) => {
      expect(scope.reuse).to.equal(false);
      expect(tf.get_variable('u', [1]).name).to.equal('foo/u:0');
    }));
    // The object's own reuse carries over.
    let reusing: tf.VariableScope | null = null;
    tf.variable_scope('foo', { reuse: true }, (scope) => { reusing = scope; });
    tf.variable_scope(reusing!, (scope) => expect(tf.get_variable('v', [1])).to.equal(v) && expect(scope.reuse).to.equal(true));
  });

  it('default_name is made unique (dense, dense_1, ...), counted per enclosing scope as TF1 does', () => {
    const names: string[] = [];
    const dense = () => tf.variable_scope(null, { default_name: 'dense' }, (scope) => { names.push(scope.name); return tf.get_variable('kernel', [1]); });
    expect(dense().name).to.equal('dense/kernel:0');
    expect(dense().name).to.equal('dense_1/kernel:0');
    tf.variable_scope('model', () => { dense(); dense(); });
    expect(names).to.deep.equal(['dense', 'dense_1', 'model/dense', 'model/dense_1']);
    // Leaving 'model' resets the counts under it (so re-entering it without reuse would clash, as in TF1).
    tf.variable_scope('model', { reuse: true }, () => { dense(); });
    expect(names[4]).to.equal('model/dense');
    // A name given explicitly wins over default_name; positional default_name works too.
    tf.variable_scope('explicit', 'dense', (scope) => names.push(scope.name));
    expect(names[5]).to.equal('explicit');
  });

  it('refuses bad calls with TF1\'s errors', () => {
    expect(() => tf.variable_scope(null, () => 1)).to.throw(TypeError, 'If default_name is None then name_or_scope is required');
    expect(() => tf.variable_scope(null, { default_name: 'd', reuse: true }, () => 1))
      .to.throw(tf.errors.ValueError, 'reuse=True cannot be used without a name_or_scope');
    expect(() => tf.variable_scope(3, () => 1)).to.throw(TypeError, 'VariableScope: name_or_scope must be a string or VariableScope.');
    expect(() => (tf.variable_scope as (...a: unknown[]) => unknown)('s')).to.throw(TypeError, 'the last argument must be the function');
    expect(() => tf.variable_scope('s', { reuse: 'yes' }, () => 1)).to.throw(TypeError, 'reuse must be True, False, None or tf.AUTO_REUSE');
    expect(() => tf.variable_scope('s', { partitioner: () => 1 }, () => 1)).to.throw(tf.errors.ValueError, 'partitioner is not supported');
    expect(() => tf.get_variable('p', [2], { partitioner: () => 1 })).to.throw(tf.errors.ValueError, 'partitioner is not supported');
    expect(() => tf.get_variable('p', [2], { use_resource: true })).to.throw(tf.errors.ValueError, 'use_resource=True is not supported');
    expect(() => tf.get_variable('p', [2], { bad: 1 } as never)).to.throw(TypeError, "get_variable() got an unexpected keyword argument 'bad'");
  });

  it('returns the callback\'s result and restores the scope after an exception', () => {
    expect(tf.variable_scope('r', () => 42)).to.equal(42);
    expect(() => tf.variable_scope('boom', () => { throw new Error('inside'); })).to.throw('inside');
    expect(tf.get_variable_scope().name).to.equal('');
    expect(tf.get_default_graph().get_name_scope()).to.equal('');
  });

  it('a scope initializer is the default for the variables inside, nested scopes inherit it, an argument overrides it', () => {
    const [a, b, c] = tf.variable_scope('init', { initializer: tf.constant_initializer(0.5) }, () => [
      tf.get_variable('a', [2]),
      tf.variable_scope('inner', () => tf.get_variable('b', [2])),
      tf.get_variable('c', [2], { initializer: tf.ones_initializer() }),
    ]);
    expect(values(a)).to.deep.equal([0.5, 0.5]);
    expect(values(b)).to.deep.equal([0.5, 0.5]);
    expect(values(c)).to.deep.equal([1, 1]);
    tf.variable_scope('set', () => {
      tf.get_variable_scope().set_initializer(tf.constant_initializer(-2));
      expect(values(tf.get_variable('d', [1]))).to.deep.equal([-2]);
    });
  });

  it('a scope dtype is the default dtype; integer and bool variables default to zeros', () => {
    const i = tf.variable_scope('ints', { dtype: 'int32' }, () => tf.get_variable('i', [3]));
    expect(i.dtype).to.equal('int32');
    expect(values(i)).to.deep.equal([0, 0, 0]);
    expect(values(tf.get_variable('flag', [2], 'bool'))).to.deep.equal([0, 0]);
  });

  it('takes the initial value itself (Tensor, NDArray, JS array): shape then omitted, named <var>/initial_value', () => {
    const fromArray = tf.get_variable('arr', { initializer: [[1, 2], [3, 4]] });
    expect(fromArray.shape).to.deep.equal([2, 2]);
    expect(opNames()[0]).to.equal('arr/initial_value');
    expect(values(fromArray)).to.deep.equal([1, 2, 3, 4]);
    expect(tf.get_variable('ints', { initializer: [1, 2], dtype: 'int32' }).dtype).to.equal('int32');
    const t = tf.constant([5, 6]);
    const fromTensor = tf.get_variable('t', { initializer: t });
    expect(fromTensor.initial_value).to.equal(t);
    expect(values(tf.get_variable('nd', { initializer: NDArray.from([7, 8], 'float32') }))).to.deep.equal([7, 8]);
    expect(() => tf.get_variable('bad', [2], { initializer: [1, 2] })).to.throw(tf.errors.ValueError, 'If initializer is a constant, do not specify shape.');
    expect(() => tf.get_variable('bad2', { initializer: t, dtype: 'int32' }))
      .to.throw(tf.errors.ValueError, "Initializer type 'float32' and explicit dtype 'int32' don't match.");
  });

  it('needs a fully defined shape for an initializer object; a function of no arguments needs none', () => {
    const msg = 'The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided';
    expect(() => tf.get_variable('noshape')).to.throw(tf.errors.ValueError, msg);
    expect(() => tf.get_variable('partial', [null, 3] as never)).to.throw(tf.errors.ValueError, msg);
    const v = tf.get_variable('fn', { initializer: () => tf.constant([1, 2, 3]) });
    expect(v.shape).to.deep.equal([3]);
    expect(opNames()).to.include('fn/Initializer/Const');
    // A function of (shape, dtype, partition_info), as TF1 calls it.
    const seen: unknown[] = [];
    const w = tf.get_variable('custom', [2, 2], { initializer: (shape: number[], dtype: string, partition: unknown) => { seen.push(shape, dtype, partition); return tf.fill(shape, 3); } });
    expect(seen).to.deep.equal([[2, 2], 'float32', null]);
    expect(values(w)).to.deep.equal([3, 3, 3, 3]);
  });

  it('trainable and collections go to the Variable; local variables are initialized by local_variables_initializer', () => {
    const frozen = tf.get_variable('frozen', [1], { trainable: false });
    const local = tf.get_variable('local', [2], { collections: [tf.GraphKeys.LOCAL_VARIABLES], trainable: false, initializer: tf.ones_initializer() });
    const model = tf.get_variable('model', [1], { collections: [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES] });
    expect(tf.global_variables()).to.deep.equal([frozen, model]);
    expect(tf.trainable_variables()).to.deep.equal([model]);
    expect(tf.local_variables()).to.deep.equal([local]);
    expect(tf.model_variables()).to.deep.equal([model]);
    const sess = tf.Session();
    const init = tf.local_variables_initializer();
    expect(init.control_inputs.map((o) => o.name)).to.deep.equal(['local/Assign']);
    sess.run(init);
    expect(Array.from((sess.run(local) as NDArray).data)).to.deep.equal([1, 1]);
  });

  it('ignores the control dependencies around the call (TF1\'s init_scope)', () => {
    const dep = tf.no_op({ name: 'dep' });
    const v = tf.control_dependencies([dep], () => tf.get_variable('v', [2], { regularizer: tf.contrib.layers.l2_regularizer(0.1) }));
    for (const op of tf.get_default_graph().get_operations()) expect(op.control_inputs, op.name).to.deep.equal([]);
    expect(v.name).to.equal('v:0');
  });

  it('keeps its state per graph', () => {
    const g1 = tf.Graph(), g2 = tf.Graph();
    g1.as_default(() => tf.variable_scope('s', () => tf.get_variable('w', [1])));
    g2.as_default(() => {
      expect(() => tf.variable_scope('s', { reuse: true }, () => tf.get_variable('w', [1]))).to.throw(tf.errors.ValueError, 'does not exist');
      expect(tf.variable_scope('s', () => tf.get_variable('w', [1])).graph).to.equal(g2);
    });
    g1.as_default(() => tf.variable_scope('s', (scope) => { scope.reuse_variables(); }));
    expect(tf.get_variable_scope().reuse).to.equal(false);
  });

  it('values picks the graph of its tensors', () => {
    const g = tf.Graph();
    const x = g.as_default(() => tf.constant(1));
    const v = tf.variable_scope('vals', { values: [x] }, () => tf.get_variable('w', [1]));
    expect(v.graph).to.equal(g);
    expect(tf.get_default_graph().get_operations()).to.deep.equal([]);
  });

  it('auxiliary_name_scope=false opens no name scope (how tf.layers re-enters a layer\'s scope)', () => {
    let captured: tf.VariableScope | null = null;
    tf.variable_scope('layer', (scope) => { captured = scope; tf.get_variable('w', [1]); });
    const t = tf.variable_scope(captured!, { reuse: true, auxiliary_name_scope: false }, (scope) => {
      expect(scope.original_name_scope).to.equal('layer/');
      expect(tf.get_variable('w', [1]).name).to.equal('layer/w:0');
      return tf.name_scope(scope.original_name_scope, () => tf.identity(1));
    });
    expect(t.op.name).to.equal('layer/Identity');
    const u = tf.variable_scope('plain', { auxiliary_name_scope: false }, (scope) => {
      expect(scope.original_name_scope).to.equal('');
      return tf.identity(1);
    });
    expect(u.op.name).to.equal('Identity');
  });

  it('VariableScope collections are filtered to the scope', () => {
    const [a, scopeObj] = tf.variable_scope('a', (scope) => [tf.get_variable('w', [1]), scope] as const);
    tf.variable_scope('ab', () => tf.get_variable('w', [1]));
    expect(scopeObj.global_variables()).to.deep.equal([a]);
    expect(scopeObj.trainable_variables()).to.deep.equal([a]);
    expect(scopeObj.local_variables()).to.deep.equal([]);
    expect(scopeObj.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)).to.deep.equal([a]);
  });

  it('tf.Variable takes a function as initial_value, built under <name>/Initializer/', () => {
    const v = tf.Variable(() => tf.zeros([2]), { name: 'lazy' });
    expect(opNames()).to.deep.equal(['lazy/Initializer/zeros', 'lazy', 'lazy/Assign', 'lazy/read']);
    expect(values(v)).to.deep.equal([0, 0]);
    expect(() => tf.Variable(() => tf.zeros([2]), { dtype: 'int32' })).to.throw(tf.errors.ValueError, 'Variable initial value has dtype float32, but dtype int32 was requested');
  });
});

describe('collections at the top level', () => {
  beforeEach(() => tf.reset_default_graph());

  it('get_collection filters by name from the start (TF1\'s re.match), leaving nameless items out', () => {
    const a = tf.constant(1, { name: 'scope1/a' }), b = tf.constant(2, { name: 'scope2/b' });
    tf.add_to_collection('things', a);
    tf.add_to_collection('things', b);
    tf.add_to_collection('things', 'a string');
    tf.add_to_collection('things', { name: 'scope1/plain' });
    expect(tf.get_collection('things')).to.have.length(4);
    expect(tf.get_collection('things', 'scope1')).to.deep.equal([a, { name: 'scope1/plain' }]);
    expect(tf.get_collection('things', 'scope.*/b')).to.deep.equal([b]);
    expect(tf.get_collection('things', 'b')).to.deep.equal([]);
    expect(tf.get_collection('missing')).to.deep.equal([]);
  });

  it('add_to_collections adds to each named collection once; get_collection_ref is the live list', () => {
    tf.add_to_collections(['x', 'y', 'x'], 1);
    tf.add_to_collections('z', 2);
    expect(tf.get_collection('x')).to.deep.equal([1]);
    expect(tf.get_collection('y')).to.deep.equal([1]);
    expect(tf.get_collection('z')).to.deep.equal([2]);
    const ref = tf.get_collection_ref<number>('x');
    ref.push(5);
    expect(tf.get_collection('x')).to.deep.equal([1, 5]);
    tf.get_collection('x').push(9);
    expect(tf.get_collection('x')).to.deep.equal([1, 5]);
  });

  it('GraphKeys has TF1\'s keys and values', () => {
    expect(tf.GraphKeys.REGULARIZATION_LOSSES).to.equal('regularization_losses');
    expect(tf.GraphKeys.UPDATE_OPS).to.equal('update_ops');
    expect(tf.GraphKeys.LOCAL_VARIABLES).to.equal('local_variables');
    expect(tf.GraphKeys.MODEL_VARIABLES).to.equal('model_variables');
    expect(tf.GraphKeys.METRIC_VARIABLES).to.equal('metric_variables');
    expect(tf.GraphKeys.SUMMARIES).to.equal('summaries');
    expect(tf.GraphKeys.TABLE_INITIALIZERS).to.equal('table_initializer');
    expect(tf.GraphKeys.VARIABLES).to.equal(tf.GraphKeys.GLOBAL_VARIABLES);
  });
});
