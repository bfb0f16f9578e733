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
        // TF's OpDefs without outputs: NoOp, Assert (its effect is failing the run), the checkpoint writers (their effect is the file), resource writes and table fills, MakeIterator (the iterator's state).
        const noOutputs = ['NoOp', 'Assert', 'SaveV2', 'MergeV2Checkpoints', 'AssignVariableOp', 'AssignAddVariableOp', 'AssignSubVariableOp',
          'InitializeTable', 'InitializeTableV2', 'LookupTableImport', 'LookupTableImportV2', 'MakeIterator'];
        if (!noOutputs.includes(spec.name)) expect(def.outputs.length, `${spec.name} declares no outputs`).to.be.greaterThan(0);
        for (const arg of [...def.inputs, ...def.outputs]) {
          expect(arg.name).to.match(/^[a-z][a-z0-9_]*$/);
          if (arg.type_attr) expect(def.attrs[arg.type_attr]?.type, `${spec.name}.${arg.name}`).to.equal('type');
          if (arg.number_attr) expect(def.attrs[arg.number_attr]?.type, `${spec.name}.${arg.name}`).to.equal('int');
        }
        for (const [name, attr] of Object.entries(def.attrs)) expect(ATTR_TYPES, `${spec.name}.${name}`).to.include(attr.type);
        expect(kernelRegistry().get(spec.name, 'cpu'), `no CPU kernel for ${spec.name}`).to.be.a('function');
        expect(spec.kernels, `${spec.name}'s definition names a kernel`).to.equal(undefined);
        expect('cpu' in spec || 'gpu' in spec, `${spec.name} has a kernel field of the old form`).to.equal(false);
        for (const arg of [...def.inputs, ...def.outputs]) {
          if (arg.type_list_attr) expect(def.attrs[arg.type_list_attr]?.type, `${spec.name}.${arg.name}`).to.equal('list(type)');
        }
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
    // The keyword is also a compile error for TypeScript callers (the build fails if it is not).
    // @ts-expect-error transposeA is not among matmul's keywords
    expect(() => tf.matmul(a, a, { transposeA: true }))
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

  describe('schema declarations and attr values are checked as TensorFlow checks them', () => {
    const io = { inputs: [{ name: 'x', type_attr: 'T' }], outputs: [{ name: 'y', type_attr: 'T' }] };
    const shape = ([x]: tf.TensorSpec[]) => x;

    it('canonicalizes defaults and allowed values at registration, and refuses bad ones there', () => {
      const op = tf.register_op({
        name: 'SchemaDefaultsCanonical', ...io, shape,
        attrs: { T: { type: 'type', allowed_values: ['float'] }, D: { type: 'type', default: 'float' }, s: { type: 'shape', default: [-1, 3] } },
      });
      const built = op([tf.placeholder('float32', [2])]);
      expect(built.attrs).to.deep.equal({ T: 'float32', D: 'float32', s: [null, 3] });
      expect(built.node_def.attr.D).to.deep.equal({ type: 'DT_FLOAT' });
      expect(() => tf.register_op({ name: 'SchemaBadIntDefault', ...io, shape, attrs: { T: { type: 'type' }, k: { type: 'int', default: 'abc' as never } } }))
        .to.throw(tf.errors.ValueError, /SchemaBadIntDefault.*attr 'k''s default.*must be of type int; got "abc"/);
      expect(() => tf.register_op({ name: 'SchemaDefaultNotAllowed', ...io, shape, attrs: { T: { type: 'type' }, p: { type: 'string', default: 'FULL', allowed_values: ['SAME', 'VALID'] } } }))
        .to.throw(tf.errors.ValueError, /SchemaDefaultNotAllowed.*has value "FULL" not in list of allowed values: SAME, VALID/);
    });

    it('checks a list attr\'s allowed values element by element', () => {
      const op = tf.register_op({
        name: 'SchemaListAllowed', ...io, shape,
        attrs: { T: { type: 'type' }, Tin: { type: 'list(type)', allowed_values: ['float32', 'int32'] } },
      });
      const x = tf.placeholder('float32', [2]);
      expect(op([x], { Tin: ['float32', 'int32'] }).attrs.Tin).to.deep.equal(['float32', 'int32']);
      expect(() => op([x], { Tin: ['float32', 'bool'] })).to.throw(TypeError, /has DataType bool not in list of allowed values: float32, int32/);
    });

    it('gives each op frozen list attrs, so no kernel or caller can change another op\'s attrs or a default', () => {
      const x = tf.zeros([1, 4, 4, 1]), f = tf.zeros([2, 2, 1, 1]);
      const a = tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME'), b = tf.nn.conv2d(x, f, [1, 1, 1, 1], 'SAME');
      expect(() => (a.op.attrs.dilations as number[]).push(9)).to.throw(TypeError);
      expect(b.op.attrs.dilations).to.deep.equal([1, 1, 1, 1]);
      expect(opRegistry().get('Conv2D').attrs.dilations.default).to.deep.equal([1, 1, 1, 1]);
    });

    it('refuses ints beyond 2^53, inherited names, negative list lengths; prints NaN as NaN', () => {
      const g = tf.get_default_graph();
      const shapeT = tf.constant([2], 'int32');
      expect(() => g.create_op('RandomUniform', [shapeT], { dtype: 'float32', seed: 2 ** 60 }))
        .to.throw(tf.errors.ValueError, /Attr 'seed' of 'RandomUniform' \(op: 'RandomUniform'\) must be of type int; got 1152921504606847000/);
      const x = tf.constant([1, 2]);
      expect(() => g.create_op('Identity', [x], { constructor: 5 })).to.throw(tf.errors.ValueError, /has no attr named 'constructor'/);
      expect(() => x.op.get_attr('constructor')).to.throw(tf.errors.ValueError, "Operation 'Const_1' has no attr named 'constructor'.");
      expect(() => g.create_op('Unpack', [tf.zeros([2, 3])], { num: -1 }))
        .to.throw(tf.errors.ValueError, "Attr 'num' of 'Unpack' (op: 'Unpack') has value -1 less than minimum 0");
      expect(() => g.create_op('Pack', [x, x], { axis: NaN })).to.throw(tf.errors.ValueError, /must be of type int; got NaN/);
      expect(() => g.create_op('AddN', [])).to.throw(tf.errors.ValueError, "List argument 'inputs' to 'AddN' (op: 'AddN') with length 0 shorter than minimum length 1.");
    });
  });
});
