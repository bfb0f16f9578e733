import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '../lib/index';
import type { Tensor } from '../lib/framework/tensor';
import type { Operation } from '../lib/framework/operation';
import { opRegistry } from '../lib/registry/op_registry';
import { ACTIVATION_OPS } from '../lib/ops/defs/nn_defs';
import { CONV_OPS } from '../lib/ops/defs/conv_defs';
import { RANDOM_OPS } from '../lib/ops/defs/random_defs';

/*
 * The nn, conv and random op definitions as TensorFlow's OpDefs: a built op's NodeDef
 * has TF's attr names with TF's defaults and the T bound from its inputs, and an input
 * of a dtype the schema does not allow is TF1's TypeError naming the op and argument.
 */

const F = { type: 'DT_FLOAT' };
const I32 = { type: 'DT_INT32' };
const ONES = { list: { i: [1, 1, 1, 1] } };
const POOL = { list: { i: [1, 2, 2, 1] } };

function f32(shape: number[]): Tensor { return tf.placeholder('float32', shape); }
function i32(shape: number[]): Tensor { return tf.placeholder('int32', shape); }
function build(type: string, inputs: Tensor[], attrs: Record<string, unknown> = {}): Operation {
  return tf.get_default_graph().create_op(type, inputs, attrs, type);
}

interface Case {
  type: string;
  /** Builds the op the way its callers do (a public function, or a gradient). */
  make: () => Operation;
  attr: Record<string, unknown>;
  /** Builds it with one input of a wrong dtype, and TF1's message for that. */
  wrong: () => unknown;
  message: string;
}

const where = (type: string) => `'${type}' (op: '${type}')`;
const notAllowed = (type: string, param: string, dtype: string, list: string) =>
  `Value passed to parameter '${param}' of ${where(type)} has DataType ${dtype} not in list of allowed values: ${list}`;
const mismatch = (type: string, arg: string, dtype: string, first: string, firstType = 'float32') =>
  `Input '${arg}' of ${where(type)} has type ${dtype} that does not match type ${firstType} of argument '${first}'.`;

function unary(type: string, list = 'float32', extra: Record<string, unknown> = {}): Case {
  return {
    type, make: () => build(type, [f32([2, 3])]), attr: { T: F, ...extra },
    wrong: () => build(type, [tf.placeholder('bool', [2])]), message: notAllowed(type, type === 'Softmax' || type === 'LogSoftmax' ? 'logits' : type === 'Sigmoid' || type === 'Tanh' ? 'x' : 'features', 'bool', list),
  };
}

function pair(type: string, first: string, second: string, extra: Record<string, unknown> = {}): Case {
  return {
    type, make: () => build(type, [f32([2, 3]), f32([2, 3])]), attr: { T: F, ...extra },
    wrong: () => build(type, [f32([2, 3]), i32([2, 3])]), message: mismatch(type, second, 'int32', first),
  };
}

const CONV_ATTR = {
  T: F, strides: ONES, use_cudnn_on_gpu: { b: true }, padding: { s: 'SAME' }, explicit_paddings: { list: {} },
  data_format: { s: 'NHWC' }, dilations: ONES,
};
const POOL_ATTR = { T: F, ksize: POOL, strides: POOL, padding: { s: 'VALID' }, data_format: { s: 'NHWC' } };
const POOL_ARGS = { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID' };
const SEEDS = { seed: { i: 0 }, seed2: { i: 0 } };

const CASES: Case[] = [
  unary('Relu', 'float32, float64, int32, int64, int16, int8, uint16, uint8'),
  pair('ReluGrad', 'gradients', 'features'),
  unary('Relu6'),
  pair('Relu6Grad', 'gradients', 'features'),
  unary('Elu'),
  pair('EluGrad', 'gradients', 'outputs'),
  { ...unary('LeakyRelu', 'float32', { alpha: { f: 0.2 } }), make: () => tf.nn.leaky_relu(f32([2, 3]), 0.5, 'LeakyRelu').op },
  pair('LeakyReluGrad', 'gradients', 'features', { alpha: { f: 0.2 } }),
  unary('Sigmoid'),
  pair('SigmoidGrad', 'y', 'dy'),
  unary('Tanh'),
  pair('TanhGrad', 'y', 'dy'),
  unary('Softmax'),
  pair('SoftmaxGrad', 'softmax', 'grad'),
  unary('LogSoftmax'),
  pair('LogSoftmaxGrad', 'logsoftmax', 'grad'),
  {
    type: 'Conv2D', make: () => tf.nn.conv2d(f32([1, 4, 4, 2]), f32([3, 3, 2, 5]), [1, 1, 1, 1], 'SAME', { name: 'Conv2D' }).op,
    attr: CONV_ATTR,
    wrong: () => tf.nn.conv2d(i32([1, 4, 4, 2]), i32([3, 3, 2, 5]), [1, 1, 1, 1], 'SAME', { name: 'Conv2D' }),
    message: notAllowed('Conv2D', 'input', 'int32', 'float32'),
  },
  {
    type: 'Conv2DBackpropInput',
    make: () => tf.nn.conv2d_backprop_input([1, 4, 4, 2], f32([3, 3, 2, 5]), f32([1, 4, 4, 5]), [1, 1, 1, 1], 'SAME', { name: 'Conv2DBackpropInput' }).op,
    attr: CONV_ATTR,
    wrong: () => tf.nn.conv2d_backprop_input(tf.placeholder('int64', [4]), f32([3, 3, 2, 5]), f32([1, 4, 4, 5]), [1, 1, 1, 1], 'SAME', { name: 'Conv2DBackpropInput' }),
    message: `Input 'input_sizes' of ${where('Conv2DBackpropInput')} has type int64 that does not match expected type of int32.`,
  },
  {
    type: 'Conv2DBackpropFilter',
    make: () => tf.nn.conv2d_backprop_filter(f32([1, 4, 4, 2]), [3, 3, 2, 5], f32([1, 4, 4, 5]), [1, 1, 1, 1], 'SAME', { name: 'Conv2DBackpropFilter' }).op,
    attr: CONV_ATTR,
    wrong: () => tf.nn.conv2d_backprop_filter(f32([1, 4, 4, 2]), [3, 3, 2, 5], i32([1, 4, 4, 5]), [1, 1, 1, 1], 'SAME', { name: 'Conv2DBackpropFilter' }),
    message: mismatch('Conv2DBackpropFilter', 'out_backprop', 'int32', 'input'),
  },
  {
    type: 'MaxPool', make: () => tf.nn.max_pool(f32([1, 4, 4, 2]), [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', { name: 'MaxPool' }).op,
    attr: { ...POOL_ATTR, explicit_paddings: { list: {} } },
    wrong: () => tf.nn.max_pool(i32([1, 4, 4, 2]), [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', { name: 'MaxPool' }),
    message: notAllowed('MaxPool', 'input', 'int32', 'float32'),
  },
  {
    type: 'MaxPoolGrad', make: () => build('MaxPoolGrad', [f32([1, 4, 4, 2]), f32([1, 2, 2, 2]), f32([1, 2, 2, 2])], POOL_ARGS),
    attr: { ...POOL_ATTR, explicit_paddings: { list: {} } },
    wrong: () => build('MaxPoolGrad', [f32([1, 4, 4, 2]), f32([1, 2, 2, 2]), i32([1, 2, 2, 2])], POOL_ARGS),
    message: mismatch('MaxPoolGrad', 'grad', 'int32', 'orig_input'),
  },
  {
    type: 'MaxPoolGradGrad', make: () => build('MaxPoolGradGrad', [f32([1, 4, 4, 2]), f32([1, 2, 2, 2]), f32([1, 4, 4, 2])], POOL_ARGS),
    attr: POOL_ATTR,
    wrong: () => build('MaxPoolGradGrad', [f32([1, 4, 4, 2]), i32([1, 2, 2, 2]), f32([1, 4, 4, 2])], POOL_ARGS),
    message: mismatch('MaxPoolGradGrad', 'orig_output', 'int32', 'orig_input'),
  },
  {
    type: 'AvgPool', make: () => tf.nn.avg_pool(f32([1, 4, 4, 2]), [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', { name: 'AvgPool' }).op,
    attr: POOL_ATTR,
    wrong: () => tf.nn.avg_pool(tf.placeholder('uint8', [1, 4, 4, 2]), [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', { name: 'AvgPool' }),
    message: notAllowed('AvgPool', 'value', 'uint8', 'float32'),
  },
  {
    type: 'AvgPoolGrad', make: () => build('AvgPoolGrad', [tf.constant([1, 4, 4, 2], { dtype: 'int32' }), f32([1, 2, 2, 2])], POOL_ARGS),
    attr: POOL_ATTR,
    wrong: () => build('AvgPoolGrad', [tf.constant([1, 4, 4, 2], { dtype: 'float32' }), f32([1, 2, 2, 2])], POOL_ARGS),
    message: `Input 'orig_input_shape' of ${where('AvgPoolGrad')} has type float32 that does not match expected type of int32.`,
  },
  {
    type: 'BiasAdd', make: () => tf.nn.bias_add(f32([2, 3]), f32([3]), null, 'BiasAdd').op,
    attr: { T: F, data_format: { s: 'NHWC' } },
    wrong: () => tf.nn.bias_add(f32([2, 3]), i32([3]), null, 'BiasAdd'),
    message: mismatch('BiasAdd', 'bias', 'int32', 'value'),
  },
  {
    type: 'BiasAddGrad', make: () => build('BiasAddGrad', [f32([2, 3])]),
    attr: { T: F, data_format: { s: 'NHWC' } },
    wrong: () => build('BiasAddGrad', [i32([2, 3])]),
    message: notAllowed('BiasAddGrad', 'out_backprop', 'int32', 'float32'),
  },
  ...['RandomStandardNormal', 'TruncatedNormal', 'RandomUniform'].map((type): Case => ({
    type, make: () => build(type, [tf.constant([2, 3], { dtype: 'int32' })], { dtype: 'float32' }),
    attr: { ...SEEDS, dtype: F, T: I32 },
    wrong: () => build(type, [tf.constant([2, 3], { dtype: 'float32' })], { dtype: 'float32' }),
    message: notAllowed(type, 'shape', 'float32', 'int32, int64'),
  })),
  {
    type: 'RandomUniformInt',
    make: () => build('RandomUniformInt', [tf.constant([2, 3], { dtype: 'int32' }), tf.constant(0, { dtype: 'int32' }), tf.constant(5, { dtype: 'int32' })]),
    attr: { ...SEEDS, Tout: I32, T: I32 },
    wrong: () => build('RandomUniformInt', [tf.constant([2, 3], { dtype: 'int32' }), tf.constant(0, { dtype: 'int32' }), tf.constant(5, { dtype: 'int64' })]),
    message: mismatch('RandomUniformInt', 'maxval', 'int64', 'minval', 'int32'),
  },
  {
    type: 'DropoutMask', make: () => build('DropoutMask', [tf.constant([2, 3], { dtype: 'int32' }), tf.constant(0.5)]),
    attr: { ...SEEDS, dtype: F, T: I32 },
    wrong: () => build('DropoutMask', [tf.constant([2, 3], { dtype: 'int32' }), tf.constant(1, { dtype: 'int32' })]),
    message: notAllowed('DropoutMask', 'keep_prob', 'int32', 'float32'),
  },
  {
    type: 'TopKV2', make: () => tf.nn.top_k(f32([2, 5]), 2)[0].op, attr: { sorted: { b: true }, T: F },
    wrong: () => build('TopKV2', [tf.placeholder('bool', [2, 3]), tf.constant(1, { dtype: 'int32' })]),
    message: notAllowed('TopKV2', 'input', 'bool', 'float32, float64, int32, int64, int16, int8, uint16, uint8'),
  },
  {
    type: 'InTopKV2', make: () => build('InTopKV2', [f32([2, 3]), i32([2]), tf.constant(1, { dtype: 'int32' })]), attr: { T: I32 },
    wrong: () => build('InTopKV2', [f32([2, 3]), i32([2]), tf.constant(1, { dtype: 'int64' })]),
    message: mismatch('InTopKV2', 'k', 'int64', 'targets', 'int32'),
  },
  ...['LogUniformCandidateSampler', 'UniformCandidateSampler', 'FixedUnigramCandidateSampler'].map((type): Case => ({
    type, make: () => build(type, [tf.placeholder('int64', [2, 1])], { num_true: 1, num_sampled: 2, unique: true, range_max: 5 }),
    attr: {
      num_true: { i: 1 }, num_sampled: { i: 2 }, unique: { b: true }, range_max: { i: 5 },
      ...(type === 'FixedUnigramCandidateSampler' ? {
        vocab_file: { s: '' }, distortion: { f: 1 }, num_reserved_ids: { i: 0 }, num_shards: { i: 1 }, shard: { i: 0 }, unigrams: { list: {} },
      } : {}),
      ...SEEDS,
    },
    wrong: () => build(type, [i32([2, 1])], { num_true: 1, num_sampled: 2, unique: true, range_max: 5 }),
    message: `Input 'true_classes' of ${where(type)} has type int32 that does not match expected type of int64.`,
  })),
  {
    type: 'ComputeAccidentalHits',
    make: () => build('ComputeAccidentalHits', [tf.placeholder('int64', [2, 1]), tf.placeholder('int64', [3])], { num_true: 1 }),
    attr: { num_true: { i: 1 }, ...SEEDS },
    wrong: () => build('ComputeAccidentalHits', [tf.placeholder('int64', [2, 1]), i32([3])], { num_true: 1 }),
    message: `Input 'sampled_candidates' of ${where('ComputeAccidentalHits')} has type int32 that does not match expected type of int64.`,
  },
];

describe('op schemas: nn, conv and random ops as TensorFlow\'s OpDefs', () => {
  beforeEach(() => tf.reset_default_graph());

  for (const c of CASES) {
    it(`${c.type}: the NodeDef has TF's attrs with their defaults, and a wrong input dtype is TF1's TypeError`, () => {
      const op = c.make();
      expect(op.type).to.equal(c.type);
      const attr = op.node_def.attr;
      // LeakyRelu is built with alpha 0.5 through tf.nn.leaky_relu; the others keep every default.
      expect(attr).to.deep.equal(c.type === 'LeakyRelu' ? { ...c.attr, alpha: { f: 0.5 } } : c.attr);
      tf.reset_default_graph();
      expect(c.wrong).to.throw(TypeError, c.message);
    });
  }

  it('every op of the group has a case here', () => {
    const group = [...ACTIVATION_OPS, ...CONV_OPS, ...RANDOM_OPS].map((s) => s.name).sort();
    expect(CASES.map((c) => c.type).sort()).to.deep.equal(group);
  });

  it('the random ops are stateful; the activations, convolutions and pools are not', () => {
    // ComputeAccidentalHits, listed with the samplers it serves, is a function of its inputs (not stateful in TF either).
    for (const spec of RANDOM_OPS) expect(opRegistry().get(spec.name).is_stateful, spec.name).to.equal(spec.name !== 'ComputeAccidentalHits');
    for (const spec of [...ACTIVATION_OPS, ...CONV_OPS]) expect(opRegistry().get(spec.name).is_stateful, spec.name).to.equal(false);
  });

  it('an attr typo is a ValueError naming the op and the attr, with the attr it meant', () => {
    const x = f32([1, 4, 4, 2]);
    expect(() => build('MaxPool', [x], { ...POOL_ARGS, dataFormat: 'NHWC' })).to.throw(tf.errors.ValueError,
      "Op 'MaxPool' (op: 'MaxPool') has no attr named 'dataFormat'; did you mean 'data_format'? " +
      'Its attrs are: ksize, strides, padding, explicit_paddings, data_format, T');
    expect(() => build('RandomUniform', [tf.constant([2], { dtype: 'int32' })], { dtype: 'float32', seed1: 3 }))
      .to.throw(tf.errors.ValueError, "Op 'RandomUniform' (op: 'RandomUniform') has no attr named 'seed1'. Its attrs are: seed, seed2, dtype, T");
  });

  it('values TF allows that tensorgraph does not implement are refused by the shape function, naming op and attr', () => {
    const x = f32([1, 4, 4, 2]), w = f32([3, 3, 2, 5]);
    expect(() => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME', { data_format: 'NCHW', name: 'c' })).to.throw(tf.errors.ValueError,
      "Conv2D 'c': data_format 'NCHW' is not supported; tensorgraph implements NHWC only");
    expect(() => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'EXPLICIT', { explicit_paddings: [0, 0, 1, 1, 1, 1, 0, 0], name: 'c' }))
      .to.throw(tf.errors.ValueError, "Conv2D 'c': padding 'EXPLICIT' is not supported; tensorgraph implements 'SAME' and 'VALID'");
    expect(() => tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME', { explicit_paddings: [0, 0, 1, 1, 1, 1, 0, 0], name: 'c' }))
      .to.throw(tf.errors.ValueError, "Conv2D 'c': explicit_paddings must be empty unless padding is 'EXPLICIT'");
    expect(() => tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', { data_format: 'NCHW_VECT_C' })).to.throw(tf.errors.ValueError,
      "MaxPool 'MaxPool': data_format 'NCHW_VECT_C' is not supported");
    expect(() => tf.nn.bias_add(f32([2, 3]), f32([3]), 'NCHW', 'b')).to.throw(tf.errors.ValueError,
      "BiasAdd 'b': data_format 'NCHW' is not supported");
    // A value TF does not allow at all is the schema's error.
    expect(() => tf.nn.avg_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'EXPLICIT', { name: 'p' })).to.throw(tf.errors.ValueError,
      "Attr 'padding' of 'p' (op: 'AvgPool') has value \"EXPLICIT\" not in list of allowed values: SAME, VALID");
    expect(() => tf.nn.max_pool(x, [1, 2, 2], [1, 2, 2, 1], 'VALID', { name: 'p' })).to.throw(tf.errors.ValueError,
      "Attr 'ksize' of 'p' (op: 'MaxPool') has length 3 less than minimum 4");
  });

  it('gradients carry the forward op\'s attrs over to the gradient ops', () => {
    const x = f32([1, 4, 4, 2]), w = f32([3, 3, 2, 5]);
    const y = tf.nn.conv2d(x, w, [1, 1, 1, 1], 'VALID', { use_cudnn_on_gpu: false, dilations: [1, 1, 1, 1] });
    const [dx, dw] = tf.gradients(tf.reduce_sum(y), [x, w]);
    for (const g of [dx!, dw!]) {
      expect(g.op.node_def.attr.use_cudnn_on_gpu).to.deep.equal({ b: false });
      expect(g.op.node_def.attr.padding).to.deep.equal({ s: 'VALID' });
    }
    const z = tf.nn.leaky_relu(x, 0.1);
    const [dz] = tf.gradients(tf.reduce_sum(z), [x]);
    expect(dz!.op.type).to.equal('LeakyReluGrad');
    expect(dz!.op.node_def.attr.alpha.f).to.be.closeTo(0.1, 1e-7);
  });

  it('the definitions name no kernels: nothing under lib/ops/defs/{nn,conv,random} imports kernels/', () => {
    const root = path.join(__dirname, '..', '..', 'lib', 'ops', 'defs');
    for (const dir of ['nn', 'conv', 'random']) {
      for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts'))) {
        const source = fs.readFileSync(path.join(root, dir, file), 'utf8');
        expect(source, `${dir}/${file}`).not.to.match(/from '[./]*kernels\//);
        expect(source, `${dir}/${file}`).not.to.match(/\bcpu:/);
      }
    }
  });
});
