import { expect } from 'chai';
import * as tf from '../lib/index';
import { BUILTIN_OPS } from '../lib/ops/builtin';
import { opRegistry } from '../lib/registry/op_registry';
import { kernelRegistry } from '../lib/registry/kernel_registry';
import { ATTR_TYPES } from '../lib/registry/op_def';

describe('op schemas (TensorFlow OpDef)', () => {
  beforeEach(() => tf.reset_default_graph());

  describe('every built-in op', () => {
    for (const spec of BUILTIN_OPS) {
      it(`${spec.name}: full schema and a CPU kernel`, () => {
        const def = opRegistry().get(spec.name);
        if (spec.name !== 'NoOp') expect(def.outputs.length, `${spec.name} declares no outputs`).to.be.greaterThan(0);
        for (const arg of [...def.inputs, ...def.outputs]) {
          expect(arg.name).to.match(/^[a-z][a-z0-9_]*$/);
          if (arg.type_attr) expect(def.attrs[arg.type_attr]?.type, `${spec.name}.${arg.name}`).to.equal('type');
          if (arg.number_attr) expect(def.attrs[arg.number_attr]?.type, `${spec.name}.${arg.name}`).to.equal('int');
        }
        for (const [name, attr] of Object.entries(def.attrs)) expect(ATTR_TYPES, `${spec.name}.${name}`).to.include(attr.type);
        expect(kernelRegistry().get(spec.name, 'cpu'), `no CPU kernel for ${spec.name}`).to.be.a('function');
        expect('cpu' in spec || 'gpu' in spec, `${spec.name}'s definition names a kernel`).to.equal(false);
      });
    }
  });

  it('derives T from the inputs at build time and writes it in the NodeDef', () => {
    const m = tf.matmul(tf.constant([[1, 2]]), tf.constant([[3], [4]]));
    expect(m.op.attrs).to.deep.equal({ transpose_a: false, transpose_b: false, T: 'float32' });
    expect(m.op.node_def).to.deep.equal({
      name: 'MatMul', op: 'MatMul', input: ['Const:0', 'Const_1:0'], device: '',
      attr: { transpose_a: { b: false }, transpose_b: { b: false }, T: { type: 'DT_FLOAT' } },
    });
    expect(m.op.get_attr('T')).to.equal('float32');
  });

  it("accepts TensorFlow's own T when it matches, and says which input disagrees when not", () => {
    const a = tf.constant([[1]]), b = tf.constant([[2]]);
    const g = tf.get_default_graph();
    expect(g.create_op('MatMul', [a, b], { T: 'float32' }).attrs.T).to.equal('float32');
    expect(g.create_op('MatMul', [a, b], { T: 'float' }).attrs.T).to.equal('float32');
    expect(() => g.create_op('MatMul', [a, b], { T: 'int32' }))
      .to.throw(TypeError, "Input 'a' of 'MatMul_2' (op: 'MatMul') has type float32 that does not match type int32 of attr 'T'.");
    expect(() => g.create_op('MatMul', [a, tf.constant([[2]], 'int32')]))
      .to.throw(TypeError, "Input 'b' of 'MatMul_2' (op: 'MatMul') has type int32 that does not match type float32 of argument 'a'.");
  });

  it('refuses an unknown or mistyped attr with a ValueError naming the op and the attr', () => {
    const a = tf.constant([[1, 2], [3, 4]]);
    const g = tf.get_default_graph();
    expect(() => g.create_op('MatMul', [a, a], { transposeA: true }))
      .to.throw(tf.errors.ValueError, "Op 'MatMul' (op: 'MatMul') has no attr named 'transposeA'; did you mean 'transpose_a'? Its attrs are: transpose_a, transpose_b, T");
    expect(() => g.create_op('MatMul', [a, a], { transpose_a: 1 }))
      .to.throw(tf.errors.ValueError, "Attr 'transpose_a' of 'MatMul' (op: 'MatMul') must be of type bool; got 1");
    expect(() => tf.matmul(a, a, { transposeA: true } as never))
      .to.throw(TypeError, "matmul() got an unexpected keyword argument 'transposeA'; it accepts a, b, transpose_a, transpose_b, adjoint_a, adjoint_b, a_is_sparse, b_is_sparse, name");
    // Nothing was added by the refused builds.
    expect(g.get_operations().map((o) => o.type)).to.deep.equal(['Const']);
  });

  it('tf.matmul takes adjoint_a/adjoint_b as TF1 does (the transpose, for real values)', () => {
    const a = tf.constant([[1, 2], [3, 4]]), b = tf.constant([[5, 6], [7, 8]]);
    const sess = new tf.Session();
    const plain = sess.run(tf.matmul(a, b, { transpose_a: true, transpose_b: true }));
    expect(sess.run(tf.matmul(a, b, { adjoint_a: true, adjoint_b: true })).toArray()).to.deep.equal(plain.toArray());
    expect(plain.toArray()).to.deep.equal([[23, 31], [34, 46]]);
    sess.close();
  });

  it('validates op and scope names as TF1 does', () => {
    const a = tf.constant(1);
    expect(() => tf.identity(a, 'x,y')).to.throw(tf.errors.ValueError, "'x,y' is not a valid node name");
    expect(() => tf.identity(a, ' x')).to.throw(tf.errors.ValueError, "' x' is not a valid node name");
    expect(() => tf.identity(a, '_x')).to.throw(tf.errors.ValueError, "'_x' is not a valid node name");
    expect(tf.identity(a, 'ok.name-1/x>y').op.name).to.equal('ok.name-1/x>y');
    expect(() => tf.name_scope('a b', () => 0)).to.throw(tf.errors.ValueError, "'a b' is not a valid scope name");
    // Inside a scope, TF1 allows a leading underscore.
    expect(tf.name_scope('outer', () => tf.name_scope('_inner', () => tf.identity(a).op.name))).to.equal('outer/_inner/Identity');
    expect(tf.get_default_graph().get_operations().map((o) => o.name)).to.not.include('x,y');
  });
});
