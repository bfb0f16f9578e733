import { expect } from 'chai';
import { create, toBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { compilePlan } from '../lib/session/plan';
import { ExampleSchema } from '../lib/proto/tensorflow/core/example/example_pb';
import { tfModel } from './helpers/tf_models';
import { tfAcceptanceModel } from './helpers/tf_acceptance';

type FeatureValue = { floats: number[] } | { ints: number[] } | { bytes: string[] };

/** A serialized tensorflow.Example, built with the generated messages. */
function example(features: Record<string, FeatureValue>): Uint8Array {
  const feature = Object.fromEntries(Object.entries(features).map(([k, v]) => [k, {
    kind: 'floats' in v ? { case: 'floatList' as const, value: { value: v.floats } }
      : 'ints' in v ? { case: 'int64List' as const, value: { value: v.ints.map(BigInt) } }
        : { case: 'bytesList' as const, value: { value: v.bytes.map((s) => new TextEncoder().encode(s)) } },
  }]));
  return toBinary(ExampleSchema, create(ExampleSchema, { features: { feature } }));
}

function values(a: unknown): unknown[] {
  if (typeof a === 'number' || typeof a === 'string') return [a];
  const x = a as NDArray;
  return x.strings ? (x.tolist() as unknown[]).flat(Infinity) : [...x.data];
}

describe('ParseExample: tf.parse_example, tf.parse_single_example, FixedLenFeature, VarLenFeature', () => {
  beforeEach(() => tf.reset_default_graph());

  const batch = () => [
    example({ age: { ints: [31] }, scores: { floats: [0.5, 1.5] }, name: { bytes: ['ann'] }, tags: { bytes: ['a', 'b'] }, ids: { ints: [7, 8, 9] } }),
    example({ scores: { floats: [2, 3] }, name: { bytes: ['bob'] }, ids: { ints: [4] } }),
  ];

  it('dense features (with defaults where an example lacks one) and sparse features (indices, values, dense_shape)', () => {
    const serialized = tf.placeholder(tf.string, [null]);
    const parsed = tf.parse_example(serialized, {
      age: tf.FixedLenFeature([], tf.int64, -1),
      scores: tf.FixedLenFeature([2], tf.float32),
      name: tf.FixedLenFeature([], tf.string),
      tags: tf.VarLenFeature(tf.string),
      ids: tf.VarLenFeature(tf.int64),
    });
    const op = (parsed.age as tf.Tensor).op;
    expect(op.type).to.equal('ParseExample');
    expect(op.name).to.equal('ParseExample/ParseExample');
    expect(op.attrs.Nsparse).to.equal(2);
    expect(op.attrs.dense_shapes).to.deep.equal([[], [], [2]]);
    expect((parsed.scores as tf.Tensor).shape).to.deep.equal([null, 2]);
    const ids = parsed.ids as tf.SparseTensor, tags = parsed.tags as tf.SparseTensor;
    tf.Session().with((sess) => {
      const [age, scores, name, idI, idV, idS, tagI, tagV, tagS] = sess.run([parsed.age as tf.Tensor, parsed.scores as tf.Tensor,
        parsed.name as tf.Tensor, ids.indices, ids.values, ids.dense_shape, tags.indices, tags.values, tags.dense_shape],
      { [serialized.name]: NDArray.fromStrings(batch()) }) as NDArray[];
      expect(age.dtype).to.equal('int64');
      expect(values(age)).to.deep.equal([31, -1]);
      expect(scores.shape).to.deep.equal([2, 2]);
      expect(values(scores)).to.deep.equal([0.5, 1.5, 2, 3]);
      expect(values(name)).to.deep.equal(['ann', 'bob']);
      expect(idI.shape).to.deep.equal([4, 2]);
      expect(values(idI)).to.deep.equal([0, 0, 0, 1, 0, 2, 1, 0]);
      expect(values(idV)).to.deep.equal([7, 8, 9, 4]);
      expect(values(idS)).to.deep.equal([2, 3]);
      expect(values(tagI)).to.deep.equal([0, 0, 0, 1]);
      expect(values(tagV)).to.deep.equal(['a', 'b']);
      expect(values(tagS)).to.deep.equal([2, 2]);
    });
  });

  it('TF\'s errors: a missing required feature names it; wrong type; wrong count; bytes that are not an Example', () => {
    const serialized = tf.placeholder(tf.string, [null]);
    const names = tf.placeholder(tf.string, [null]);
    const parsed = tf.parse_example(serialized, { scores: tf.FixedLenFeature([2], tf.float32) }, { example_names: names });
    const run = (examples: Uint8Array[]) => tf.Session().with((sess) => sess.run(parsed.scores as tf.Tensor,
      { [serialized.name]: NDArray.fromStrings(examples), [names.name]: NDArray.fromStrings(examples.map((_, i) => `ex${i}`)) }));
    expect(() => run([example({ scores: { floats: [1, 2] } }), example({ age: { ints: [3] } })]))
      .to.throw(tf.errors.InvalidArgumentError, 'Name: ex1, Feature: scores (data type: float) is required but could not be found.');
    expect(() => run([example({ scores: { ints: [1, 2] } })]))
      .to.throw(tf.errors.InvalidArgumentError, "Name: ex0, Feature: scores.  Data types don't match. Expected type: float, Actual type: int64");
    expect(() => run([example({ scores: { floats: [1, 2, 3] } })]))
      .to.throw(tf.errors.InvalidArgumentError, 'Name: ex0, Key: scores, Index: 0.  Number of float values != expected.  Values size: 3 but output shape: [2]');
    expect(() => run([new Uint8Array([0x0a, 0xff, 0x01])])).to.throw(tf.errors.InvalidArgumentError, 'Could not parse example input');
    expect(() => tf.parse_example(serialized, {})).to.throw(tf.errors.ValueError, 'Missing: features was empty.');
    expect(() => tf.parse_example(serialized, { x: tf.FixedLenFeature([], tf.int32) })).to.throw(tf.errors.ValueError, 'Invalid dtype int32');
  });

  it('tf.parse_single_example: a scalar string; dense values without the batch dimension, sparse ones 1-D', () => {
    const one = tf.placeholder(tf.string, []);
    const parsed = tf.parse_single_example(one, { scores: tf.FixedLenFeature([2], tf.float32), ids: tf.VarLenFeature(tf.int64) });
    const ids = parsed.ids as tf.SparseTensor;
    tf.Session().with((sess) => {
      const [scores, idI, idV, idS] = sess.run([parsed.scores as tf.Tensor, ids.indices, ids.values, ids.dense_shape],
        { [one.name]: NDArray.fromStrings([batch()[0]], []) }) as NDArray[];
      expect(scores.shape).to.deep.equal([2]);
      expect(values(scores)).to.deep.equal([0.5, 1.5]);
      expect(idI.shape).to.deep.equal([3, 1]);
      expect(values(idI)).to.deep.equal([0, 1, 2]);
      expect(values(idV)).to.deep.equal([7, 8, 9]);
      expect(values(idS)).to.deep.equal([3]);
    });
  });

  for (const [label, dir] of [['half_plus_two (TF 1.14)', () => tfModel('saved_model_half_plus_two_cpu', '00000123')],
    ['half_plus_two_mkl (TF 1.12)', () => tfAcceptanceModel('half_plus_two_mkl_tf1.12')]] as const) {
    it(`${label}: classify_x_to_y and regress_x_to_y run end to end on serialized tf.Examples`, () => {
      const g = tf.Graph();
      const sess = tf.Session({ graph: g });
      try {
        const meta = tf.saved_model.loader.load(sess, ['serve'], dir());
        const examples = NDArray.fromStrings([example({ x: { floats: [1] } }), example({ x: { floats: [2] }, x2: { floats: [10] } }), example({ x: { floats: [5] } })]);
        const cls = meta.signature_def['classify_x_to_y'];
        expect(cls.method_name).to.equal('tensorflow/serving/classify');
        expect(values(sess.run(cls.outputs['scores'].name, { [cls.inputs['inputs'].name]: examples }))).to.deep.equal([2.5, 3, 4.5]);
        const reg = meta.signature_def['regress_x_to_y'];
        expect(reg.method_name).to.equal('tensorflow/serving/regress');
        expect(values(sess.run(reg.outputs['outputs'].name, { [reg.inputs['inputs'].name]: examples }))).to.deep.equal([2.5, 3, 4.5]);
        // x is required (no default) in this graph: an Example without it is TF's InvalidArgumentError naming it.
        expect(() => sess.run(cls.outputs['scores'].name, { [cls.inputs['inputs'].name]: NDArray.fromStrings([example({ x2: { floats: [1] } })]) }))
          .to.throw(tf.errors.InvalidArgumentError, 'Feature: x (data type: float) is required but could not be found.');
      } finally { sess.close(); }
    });
  }

  it('feeding x:0 (an Identity of ParseExample) prunes ParseExample: not in the plan, and garbage in tf_example:0 is never parsed', () => {
    const g = tf.Graph();
    const sess = tf.Session({ graph: g });
    try {
      tf.saved_model.loader.load(sess, ['serve'], tfAcceptanceModel('half_plus_two_mkl_tf1.12'));
      const x = g.get_tensor_by_name('x:0'), y = g.get_tensor_by_name('y:0'), ex = g.get_tensor_by_name('tf_example:0');
      expect(x.op.inputs[0].op.type).to.equal('ParseExample');
      const pruned = compilePlan([y], [x]);
      expect(pruned.steps.map((s) => s.op.type)).to.not.include('ParseExample');
      const full = compilePlan([y], [ex]);
      expect(full.steps.map((s) => s.op.type)).to.include('ParseExample');
      const garbage = NDArray.fromStrings([new Uint8Array([0x0a, 0xff, 0x01])]);
      expect(values(sess.run(y, new Map([[x, NDArray.from([[1], [2], [5]])], [ex, garbage]])))).to.deep.equal([2.5, 3, 4.5]);
      // The same garbage does fail when ParseExample runs.
      expect(() => sess.run(y, new Map([[ex, garbage]]))).to.throw(tf.errors.InvalidArgumentError, 'Could not parse example input');
    } finally { sess.close(); }
  });
});
