/**
 * The core and training ops' schemas are TensorFlow's OpDefs: a built op's NodeDef
 * carries TF's attr names with TF's defaults and the type attrs bound from the
 * inputs; inputs of a wrong dtype are TF1's TypeError; ref arguments are refs.
 */
import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { ValueError } from '../lib/framework/errors';
import { opRegistry } from '../lib/registry/op_registry';
import type { Tensor } from '../lib/framework/tensor';

const FLOAT = { type: 'DT_FLOAT' };
const INT32 = { type: 'DT_INT32' };
const shapeOf = (...dims: number[]) => ({ shape: { dim: dims.map((size) => ({ size })) } });

/** Builds an op of the given type in a fresh graph; `make` gets the graph to build inputs in. */
function build(type: string, make: (g: tf.Graph) => { inputs: Tensor[]; attrs?: Record<string, unknown> }, name = 'op'): tf.Operation {
  const g = new tf.Graph();
  return g.as_default(() => {
    const { inputs, attrs } = make(g);
    return g.create_op(type, inputs, attrs ?? {}, name);
  });
}

/** A float32 variable of shape [2] (its ref tensor), or of another dtype. */
function variable(dtype: 'float32' | 'int32' | 'bool' = 'float32', shape = [2]): Tensor {
  return tf.Variable(tf.zeros(shape, dtype))._ref;
}

describe('op schemas: core ops (TensorFlow OpDefs)', () => {
  it('Const: value (tensor) and dtype (type)', () => {
    const op = tf.constant([1, 2], 'int32').op;
    const value = op.node_def.attr.value.tensor as NDArray;
    expect(op.node_def.attr).to.have.all.keys('value', 'dtype');
    expect(op.node_def.attr.dtype).to.deep.equal(INT32);
    expect(value.toArray()).to.deep.equal([1, 2]);
    expect(opRegistry().get('Const').outputs).to.deep.equal([{ name: 'output', type_attr: 'dtype' }]);
    expect(() => build('Const', () => ({ inputs: [], attrs: { value: NDArray.from([1, 2], 'int32'), dtype: 'float32' } })))
      .to.throw(ValueError, "Type mismatch between value (int32) and dtype (float32) for 'op' (op: 'Const')");
    expect(() => build('Const', () => ({ inputs: [], attrs: { value: [1, 2], dtype: 'float32' } })))
      .to.throw(ValueError, "Attr 'value' of 'op' (op: 'Const') must be of type tensor; got [1,2]");
  });

  for (const type of ['Identity', 'StopGradient']) {
    it(`${type}: input -> output, T from the input`, () => {
      const op = build(type, () => ({ inputs: [tf.constant([1, 2], 'int32')] }));
      expect(op.node_def.attr).to.deep.equal({ T: INT32 });
      expect(op.outputs[0].dtype).to.equal('int32');
      expect(opRegistry().get(type).inputs).to.deep.equal([{ name: 'input', type_attr: 'T' }]);
      expect(() => build(type, () => ({ inputs: [tf.constant([1, 2], 'int32')], attrs: { T: 'float32' } })))
        .to.throw(TypeError, `Input 'input' of 'op' (op: '${type}') has type int32 that does not match type float32 of attr 'T'.`);
    });
  }

  it('NoOp: no inputs, outputs or attrs', () => {
    const op = build('NoOp', () => ({ inputs: [] }));
    expect(op.node_def.attr).to.deep.equal({});
    expect(op.outputs).to.have.length(0);
    expect(() => build('NoOp', () => ({ inputs: [tf.constant(1)] }))).to.throw(ValueError, "Op 'op' (op: 'NoOp') takes inputs (), got 1 input");
  });

  it('Placeholder: dtype, shape defaulting to unknown rank', () => {
    expect(tf.placeholder('float32', [null, 3]).op.node_def.attr).to.deep.equal({ dtype: FLOAT, shape: shapeOf(-1, 3) });
    const unknown = build('Placeholder', () => ({ inputs: [], attrs: { dtype: 'int32' } }));
    expect(unknown.node_def.attr).to.deep.equal({ dtype: INT32, shape: { shape: { unknown_rank: true } } });
    expect(unknown.outputs[0].shape).to.equal(null);
    expect(() => build('Placeholder', () => ({ inputs: [] }))).to.throw(ValueError, "Op 'op' (op: 'Placeholder') is missing required attr 'dtype' of type type");
  });

  it('PlaceholderWithDefault: input of type dtype, the declared shape is the output shape', () => {
    const op = build('PlaceholderWithDefault', () => ({ inputs: [tf.constant([1, 2, 3])], attrs: { shape: [null] } }));
    expect(op.node_def.attr).to.deep.equal({ dtype: FLOAT, shape: shapeOf(-1) });
    expect(op.outputs[0].shape).to.deep.equal([null]);
    expect(() => build('PlaceholderWithDefault', () => ({ inputs: [tf.constant([1, 2, 3])], attrs: { dtype: 'int32', shape: [3] } })))
      .to.throw(TypeError, "Input 'input' of 'op' (op: 'PlaceholderWithDefault') has type float32 that does not match type int32 of attr 'dtype'.");
    expect(() => build('PlaceholderWithDefault', () => ({ inputs: [tf.constant([1, 2, 3])], attrs: { shape: [4] } })))
      .to.throw(ValueError, "Dimension 0 in both shapes must be equal, but are 3 and 4. Shapes are [3] and [4]. for 'op' (op: 'PlaceholderWithDefault') with input shapes: [3].");
    expect(() => build('PlaceholderWithDefault', () => ({ inputs: [tf.constant([1, 2, 3])] })))
      .to.throw(ValueError, "Op 'op' (op: 'PlaceholderWithDefault') is missing required attr 'shape' of type shape");
  });

  it('VariableV2: shape, dtype, container and shared_name (default empty); a stateful ref output', () => {
    const v = tf.Variable(tf.zeros([2, 3]), { name: 'w' });
    expect(v.op.node_def.attr).to.deep.equal({ shape: shapeOf(2, 3), dtype: FLOAT, container: { s: '' }, shared_name: { s: '' } });
    const def = opRegistry().get('VariableV2');
    expect(def.outputs).to.deep.equal([{ name: 'ref', type_attr: 'dtype', is_ref: true }]);
    expect(def.is_stateful).to.equal(true);
  });

  it('Assign: ref (a ref) and value of type T; validate_shape and use_locking default true', () => {
    const op = build('Assign', () => ({ inputs: [variable(), tf.constant([1, 2])] }));
    expect(op.node_def.attr).to.deep.equal({ T: FLOAT, validate_shape: { b: true }, use_locking: { b: true } });
    const def = opRegistry().get('Assign');
    expect(def.inputs.map((a) => a.name)).to.deep.equal(['ref', 'value']);
    expect(def.refInputs).to.deep.equal([0]);
    expect(def.outputs).to.deep.equal([{ name: 'output_ref', type_attr: 'T', is_ref: true }]);
    expect(() => build('Assign', () => ({ inputs: [variable(), tf.constant([1, 2], 'int32')] })))
      .to.throw(TypeError, "Input 'value' of 'op' (op: 'Assign') has type int32 that does not match type float32 of argument 'ref'.");
    expect(() => build('Assign', () => ({ inputs: [variable(), tf.constant([1, 2, 3])] })))
      .to.throw(ValueError, "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'op' (op: 'Assign') with input shapes: [2], [3].");
    const reshaping = build('Assign', () => ({ inputs: [variable(), tf.constant([1, 2, 3])], attrs: { validate_shape: false } }));
    expect(reshaping.outputs[0].shape).to.deep.equal([3]);
  });

  for (const type of ['AssignAdd', 'AssignSub']) {
    it(`${type}: T among the number types, use_locking default false`, () => {
      const op = build(type, () => ({ inputs: [variable(), tf.constant([1, 2])] }));
      expect(op.node_def.attr).to.deep.equal({ T: FLOAT, use_locking: { b: false } });
      expect(opRegistry().get(type).refInputs).to.deep.equal([0]);
      expect(() => build(type, () => ({ inputs: [variable('bool'), tf.constant([true, false])] })))
        .to.throw(TypeError, `Value passed to parameter 'ref' of 'op' (op: '${type}') has DataType bool not in list of allowed values: float32, float64, int32, int64, int16, int8, uint16, uint8`);
      expect(() => build(type, () => ({ inputs: [variable(), tf.constant([1, 2], 'int32')] })))
        .to.throw(TypeError, `Input 'value' of 'op' (op: '${type}') has type int32 that does not match type float32 of argument 'ref'.`);
    });
  }

  it('IsVariableInitialized: a ref of type dtype, a bool output', () => {
    const op = build('IsVariableInitialized', () => ({ inputs: [variable('int32')] }));
    expect(op.node_def.attr).to.deep.equal({ dtype: INT32 });
    expect(op.outputs[0].dtype).to.equal('bool');
    expect(opRegistry().get('IsVariableInitialized').refInputs).to.deep.equal([0]);
    expect(() => build('IsVariableInitialized', () => ({ inputs: [variable('int32')], attrs: { dtype: 'float32' } })))
      .to.throw(TypeError, "Input 'ref' of 'op' (op: 'IsVariableInitialized') has type int32 that does not match type float32 of attr 'dtype'.");
  });

  it('an attr typo is a ValueError naming the op and the attr', () => {
    expect(() => build('Assign', () => ({ inputs: [variable(), tf.constant([1, 2])], attrs: { validateShape: false } })))
      .to.throw(ValueError, "Op 'op' (op: 'Assign') has no attr named 'validateShape'; did you mean 'validate_shape'?");
  });
});

describe('op schemas: training ops (TensorFlow OpDefs)', () => {
  const scalar = () => tf.constant(0.1);
  const grad = (dtype: 'float32' | 'int32' = 'float32') => tf.constant([1, 2], dtype);
  const cases: { type: string; refs: string[]; extra: Record<string, unknown> }[] = [
    { type: 'ApplyGradientDescent', refs: ['var'], extra: {} },
    { type: 'ApplyMomentum', refs: ['var', 'accum'], extra: { use_nesterov: { b: false } } },
    { type: 'ApplyAdam', refs: ['var', 'm', 'v'], extra: { use_nesterov: { b: false } } },
    { type: 'ApplyAdagrad', refs: ['var', 'accum'], extra: { update_slots: { b: true } } },
    { type: 'ApplyRMSProp', refs: ['var', 'ms', 'mom'], extra: {} },
    { type: 'ApplyCenteredRMSProp', refs: ['var', 'mg', 'ms', 'mom'], extra: {} },
  ];
  /** TF's argument order; 'grad'/'delta' is the gradient, shaped like var. */
  const ARGS: Record<string, string[]> = {
    ApplyGradientDescent: ['var', 'alpha', 'delta'],
    ApplyMomentum: ['var', 'accum', 'lr', 'grad', 'momentum'],
    ApplyAdam: ['var', 'm', 'v', 'beta1_power', 'beta2_power', 'lr', 'beta1', 'beta2', 'epsilon', 'grad'],
    ApplyAdagrad: ['var', 'accum', 'lr', 'grad'],
    ApplyRMSProp: ['var', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad'],
    ApplyCenteredRMSProp: ['var', 'mg', 'ms', 'mom', 'lr', 'rho', 'momentum', 'epsilon', 'grad'],
  };
  const inputsFor = (type: string, gradDType: 'float32' | 'int32' = 'float32') => ARGS[type].map((arg, i) =>
    (i < cases.find((c) => c.type === type)!.refs.length ? variable() : arg === 'grad' || arg === 'delta' ? grad(gradDType) : scalar()));

  for (const c of cases) {
    it(`${c.type}: ${c.refs.join(', ')} as Ref(T), T float32, use_locking default false`, () => {
      const op = build(c.type, () => ({ inputs: inputsFor(c.type) }));
      expect(op.node_def.attr).to.deep.equal({ T: FLOAT, use_locking: { b: false }, ...c.extra });
      const def = opRegistry().get(c.type);
      expect(def.inputs.map((a) => a.name)).to.deep.equal(ARGS[c.type]);
      expect(def.refInputs).to.deep.equal(c.refs.map((_, i) => i));
      expect(def.outputs).to.deep.equal([{ name: 'out', type_attr: 'T', is_ref: true }]);
      expect(op.outputs[0].shape).to.deep.equal([2]);
      const gradArg = ARGS[c.type].includes('delta') ? 'delta' : 'grad';
      expect(() => build(c.type, () => ({ inputs: inputsFor(c.type, 'int32') })))
        .to.throw(TypeError, `Input '${gradArg}' of 'op' (op: '${c.type}') has type int32 that does not match type float32 of argument 'var'.`);
    });
  }

  it('ApplyGradientDescent: T is float32 only (what the kernels update)', () => {
    expect(() => build('ApplyGradientDescent', () => ({ inputs: [variable('int32'), tf.constant(1, 'int32'), grad('int32')] })))
      .to.throw(TypeError, "Value passed to parameter 'var' of 'op' (op: 'ApplyGradientDescent') has DataType int32 not in list of allowed values: float32, float64");
  });

  it('an attr typo is a ValueError naming the op and the attr', () => {
    expect(() => build('ApplyAdam', () => ({ inputs: inputsFor('ApplyAdam'), attrs: { useNesterov: true } })))
      .to.throw(ValueError, "Op 'op' (op: 'ApplyAdam') has no attr named 'useNesterov'; did you mean 'use_nesterov'?");
  });

  it('L2Loss: t of type T (float32), a scalar output of type T', () => {
    const op = build('L2Loss', () => ({ inputs: [tf.constant([1, 2])] }));
    expect(op.node_def.attr).to.deep.equal({ T: FLOAT });
    expect(opRegistry().get('L2Loss').outputs).to.deep.equal([{ name: 'output', type_attr: 'T' }]);
    expect(() => build('L2Loss', () => ({ inputs: [tf.constant([1, 2], 'int32')] })))
      .to.throw(TypeError, "Value passed to parameter 't' of 'op' (op: 'L2Loss') has DataType int32 not in list of allowed values: float32");
  });

  it('SoftmaxCrossEntropyWithLogits: features and labels of type T, outputs loss and backprop', () => {
    const op = build('SoftmaxCrossEntropyWithLogits', () => ({ inputs: [tf.zeros([2, 3]), tf.zeros([2, 3])] }));
    expect(op.node_def.attr).to.deep.equal({ T: FLOAT });
    expect(opRegistry().get('SoftmaxCrossEntropyWithLogits').outputs.map((a) => a.name)).to.deep.equal(['loss', 'backprop']);
    expect(() => build('SoftmaxCrossEntropyWithLogits', () => ({ inputs: [tf.zeros([2, 3]), tf.zeros([2, 3], 'int32')] })))
      .to.throw(TypeError, "Input 'labels' of 'op' (op: 'SoftmaxCrossEntropyWithLogits') has type int32 that does not match type float32 of argument 'features'.");
  });

  it('SparseSoftmaxCrossEntropyWithLogits: Tlabels int32 or int64 (default int64)', () => {
    const op = build('SparseSoftmaxCrossEntropyWithLogits', () => ({ inputs: [tf.zeros([2, 3]), tf.constant([0, 2], 'int32')] }));
    expect(op.node_def.attr).to.deep.equal({ T: FLOAT, Tlabels: INT32 });
    expect(opRegistry().get('SparseSoftmaxCrossEntropyWithLogits').attrs.Tlabels.default).to.equal('int64');
    expect(() => build('SparseSoftmaxCrossEntropyWithLogits', () => ({ inputs: [tf.zeros([2, 3]), tf.constant([0, 2])] })))
      .to.throw(TypeError, "Value passed to parameter 'labels' of 'op' (op: 'SparseSoftmaxCrossEntropyWithLogits') has DataType float32 not in list of allowed values: int32, int64");
    expect(() => build('SparseSoftmaxCrossEntropyWithLogits', () => ({ inputs: [tf.zeros([2, 3], 'int32'), tf.constant([0, 2], 'int32')] })))
      .to.throw(TypeError, "Value passed to parameter 'features' of 'op' (op: 'SparseSoftmaxCrossEntropyWithLogits') has DataType int32 not in list of allowed values: float32");
  });

  it('the optimizers build their update ops with TF\'s attrs', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const w = tf.Variable(tf.zeros([2]));
      const loss = tf.reduce_sum(tf.square(w));
      const nesterov = new tf.train.MomentumOptimizer(0.1, 0.9, { use_nesterov: true }).minimize(loss);
      const update = g.get_operations().find((o) => o.type === 'ApplyMomentum')!;
      expect(update.node_def.attr).to.deep.equal({ T: FLOAT, use_locking: { b: false }, use_nesterov: { b: true } });
      void nesterov;
    });
  });
});
