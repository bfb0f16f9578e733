import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { FailedPreconditionError, InvalidArgumentError, ValueError } from '../lib/framework/errors';
import { makeOp } from '../lib/ops/op_builder';

/*
 * The model every step test trains: loss = sum(COEF * w^2) + sum(LIN * w), so the gradient
 * is 2 * COEF * w + LIN, different for every element and every step. The expected values
 * apply TF1's update rules (training_ops.cc) in float64, written out here by hand.
 */
const W0 = [1, -2, 0.5, 3];
const COEF = [0.5, 1, 2, 0.25];
const LIN = [0.1, -0.3, 0, 1];
const gradAt = (w: number[]) => w.map((x, i) => 2 * COEF[i] * x + LIN[i]);

type Rule = (w: number[], g: number[], lr: number, t: number) => number[];

/** Three steps of a rule from W0; lrs gives each step's learning rate. */
function expectedSteps(rule: Rule, lrs: number[]): number[][] {
  const out: number[][] = [];
  let w = W0.slice();
  lrs.forEach((lr, k) => { w = rule(w, gradAt(w), lr, k + 1); out.push(w.slice()); });
  return out;
}

/**
 * Runs three training steps in a fresh graph; with fedLrs, the learning rate is a
 * placeholder fed a different value each step.
 */
function actualSteps(makeOptimizer: (lr: number | tf.Tensor) => tf.train.Optimizer, lr: number, fedLrs?: number[]): number[][] {
  const g = new tf.Graph();
  return g.as_default(() => {
    const w = tf.Variable(W0, { name: 'Variable' });
    const loss = tf.add(tf.reduce_sum(tf.multiply(COEF, tf.square(w))), tf.reduce_sum(tf.multiply(LIN, w)));
    const lrInput = fedLrs ? tf.placeholder('float32', [], 'lr') : lr;
    const train = makeOptimizer(lrInput).minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const out: number[][] = [];
    for (let k = 0; k < 3; k++) {
      sess.run(train, fedLrs ? new Map([[lrInput as tf.Tensor, fedLrs[k]]]) : undefined);
      out.push(Array.from((sess.run(w) as NDArray).data));
    }
    return out;
  });
}

function expectSteps(actual: number[][], expected: number[][]): void {
  expected.forEach((row, k) => row.forEach((e, i) => {
    expect(actual[k][i], `step ${k + 1}, element ${i}`).to.be.closeTo(e, 2e-6 * Math.max(1, Math.abs(e)));
  }));
}

/** A rule with per-element state, as the slot variables hold it. */
function stateful<S>(init: () => S, step: (w: number, g: number, s: S, lr: number, t: number) => [number, S]): Rule {
  let states: S[] = [];
  return (w, g, lr, t) => {
    if (t === 1) states = w.map(() => init());
    return w.map((x, i) => { const [nw, ns] = step(x, g[i], states[i], lr, t); states[i] = ns; return nw; });
  };
}

interface OptimizerCase { name: string; make: (lr: number | tf.Tensor) => tf.train.Optimizer; rule: () => Rule }

const B1 = 0.9, B2 = 0.999, EPS = 1e-8;
const CASES: OptimizerCase[] = [
  {
    name: 'GradientDescentOptimizer',
    make: (lr) => tf.train.GradientDescentOptimizer(lr),
    rule: () => (w, g, lr) => w.map((x, i) => x - lr * g[i]),
  },
  {
    name: 'MomentumOptimizer',
    make: (lr) => tf.train.MomentumOptimizer(lr, 0.9),
    rule: () => stateful(() => 0, (w, g, a, lr) => { const acc = a * 0.9 + g; return [w - lr * acc, acc]; }),
  },
  {
    name: 'MomentumOptimizer (use_nesterov)',
    make: (lr) => tf.train.MomentumOptimizer(lr, 0.9, { use_nesterov: true }),
    rule: () => stateful(() => 0, (w, g, a, lr) => { const acc = a * 0.9 + g; return [w - (g * lr + acc * 0.9 * lr), acc]; }),
  },
  {
    name: 'AdamOptimizer',
    make: (lr) => tf.train.AdamOptimizer(lr),
    rule: () => stateful(() => ({ m: 0, v: 0 }), (w, g, s, lr, t) => {
      const lrT = lr * Math.sqrt(1 - B2 ** t) / (1 - B1 ** t);
      const m = B1 * s.m + (1 - B1) * g, v = B2 * s.v + (1 - B2) * g * g;
      return [w - lrT * m / (Math.sqrt(v) + EPS), { m, v }];
    }),
  },
  {
    name: 'AdagradOptimizer',
    make: (lr) => tf.train.AdagradOptimizer(lr),
    rule: () => stateful(() => 0.1, (w, g, acc, lr) => { const a = acc + g * g; return [w - lr * g / Math.sqrt(a), a]; }),
  },
  {
    name: 'RMSPropOptimizer (momentum 0.5)',
    make: (lr) => tf.train.RMSPropOptimizer(lr, { momentum: 0.5 }),
    // The mean-square slot starts at 1, as TF1's.
    rule: () => stateful(() => ({ ms: 1, mom: 0 }), (w, g, s, lr) => {
      const ms = 0.9 * s.ms + 0.1 * g * g;
      const mom = 0.5 * s.mom + lr * g / Math.sqrt(ms + 1e-10);
      return [w - mom, { ms, mom }];
    }),
  },
  {
    name: 'RMSPropOptimizer (centered)',
    make: (lr) => tf.train.RMSPropOptimizer(lr, 0.8, 0.3, 1e-6, false, true),
    rule: () => stateful(() => ({ ms: 1, mg: 0, mom: 0 }), (w, g, s, lr) => {
      const ms = 0.8 * s.ms + 0.2 * g * g, mg = 0.8 * s.mg + 0.2 * g;
      const mom = 0.3 * s.mom + lr * g / Math.sqrt(ms - mg * mg + 1e-6);
      return [w - mom, { ms, mg, mom }];
    }),
  },
];

describe('optimizers: the first three steps follow TF1\'s update rules', () => {
  for (const c of CASES) {
    it(`${c.name} with a constant learning rate`, () => {
      expectSteps(actualSteps(c.make, 0.1), expectedSteps(c.rule(), [0.1, 0.1, 0.1]));
    });
    it(`${c.name} with a learning-rate placeholder fed per run`, () => {
      const lrs = [0.1, 0.03, 0.2];
      expectSteps(actualSteps(c.make, 0, lrs), expectedSteps(c.rule(), lrs));
    });
  }

  // The update kernels write a fresh staged buffer from the old value; a second update
  // of the same variable in one run reads and writes that staged buffer in place.
  for (const c of CASES.filter((k) => k.name !== 'AdamOptimizer')) {
    it(`${c.name}: two updates of one variable in one run compose, and the next run starts from their result`, () => {
      const grads = [[0.5, -1, 2, 0.25], [-0.75, 0.5, 1, 3], [1, 1, -2, 0.5]];
      const actual = new tf.Graph().as_default(() => {
        const w = tf.Variable(W0, { name: 'Variable' });
        const opt = c.make(0.1);
        const first = opt.apply_gradients([[tf.constant(grads[0]), w]]);
        const second = tf.control_dependencies([first], () => opt.apply_gradients([[tf.constant(grads[1]), w]]));
        const third = opt.apply_gradients([[tf.constant(grads[2]), w]]);
        const sess = new tf.Session();
        sess.run(tf.global_variables_initializer());
        sess.run(second);
        const afterTwo = Array.from((sess.run(w) as NDArray).data);
        sess.run(third);
        return [afterTwo, Array.from((sess.run(w) as NDArray).data)];
      });
      const rule = c.rule();
      const w1 = rule(W0, grads[0], 0.1, 1), w2 = rule(w1, grads[1], 0.1, 2), w3 = rule(w2, grads[2], 0.1, 3);
      expectSteps(actual, [w2, w3]);
    });
  }
});

describe('optimizers: graph structure', () => {
  beforeEach(() => tf.reset_default_graph());

  function model() {
    const v = tf.Variable([1, 2], { name: 'Variable' });
    const loss = tf.reduce_sum(tf.square(v));
    return { v, loss };
  }

  it('work with and without new', () => {
    const { loss } = model();
    const made = [
      new tf.train.GradientDescentOptimizer(0.1), tf.train.GradientDescentOptimizer(0.1),
      new tf.train.MomentumOptimizer(0.1, 0.9), tf.train.MomentumOptimizer(0.1, 0.9),
      new tf.train.AdamOptimizer(), tf.train.AdamOptimizer(),
      new tf.train.AdagradOptimizer(0.1), tf.train.AdagradOptimizer(0.1),
      new tf.train.RMSPropOptimizer(0.1), tf.train.RMSPropOptimizer(0.1),
    ];
    for (const opt of made) expect(opt).to.be.instanceOf(tf.train.Optimizer);
    expect(made.map((o) => o.minimize(loss).name)).to.deep.equal([
      'GradientDescent', 'GradientDescent_1', 'Momentum', 'Momentum_1', 'Adam', 'Adam_1', 'Adagrad', 'Adagrad_1', 'RMSProp', 'RMSProp_1']);
  });

  it('group one update op per variable under the optimizer\'s name, as TF1', () => {
    const { loss } = model();
    const b = tf.Variable(3, { name: 'bias' });
    const train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.add(loss, b));
    expect(train.name).to.equal('GradientDescent');
    expect(train.type).to.equal('NoOp');
    expect(train.control_inputs.map((o) => o.name)).to.deep.equal([
      'GradientDescent/update_Variable/ApplyGradientDescent', 'GradientDescent/update_bias/ApplyGradientDescent']);
    expect(tf.get_default_graph().get_operation_by_name('GradientDescent/learning_rate').type).to.equal('Const');
    expect(tf.get_default_graph().get_collection('train_op')).to.deep.equal([train]);
  });

  it('AdamOptimizer: TF1 defaults, positional and options forms', () => {
    const { v, loss } = model();
    const positional = tf.train.AdamOptimizer(1e-4);
    const options = tf.train.AdamOptimizer({ learning_rate: 1e-4, beta1: 0.8, name: 'MyAdam' });
    expect(positional.get_name()).to.equal('Adam');
    expect(options.get_name()).to.equal('MyAdam');
    positional.minimize(loss);
    const attr = (name: string) => (tf.get_default_graph().get_operation_by_name(name).get_attr('value') as NDArray).data[0];
    expect(attr('Adam/learning_rate')).to.equal(Math.fround(1e-4));
    expect(attr('Adam/beta1')).to.equal(Math.fround(0.9));
    expect(attr('Adam/beta2')).to.equal(Math.fround(0.999));
    expect(attr('Adam/epsilon')).to.equal(Math.fround(1e-8));
    expect(positional.get_slot(v, 'm')!.op.name).to.equal('Variable/Adam');
    expect(() => tf.train.AdamOptimizer({ learning_rat: 0.1 })).to.throw(TypeError, "AdamOptimizer() got an unexpected keyword argument 'learning_rat'");
  });

  it('Adam creates slots Variable/Adam, Variable/Adam_1 and beta1_power/beta2_power, global and not trainable', () => {
    const { v, loss } = model();
    const opt = tf.train.AdamOptimizer(0.01);
    const train = opt.minimize(loss);
    const names = tf.global_variables().map((x) => x.op.name);
    expect(names).to.include.members(['Variable/Adam', 'Variable/Adam_1', 'beta1_power', 'beta2_power']);
    expect(tf.trainable_variables().map((x) => x.op.name)).to.deep.equal(['Variable']);
    expect(opt.get_slot_names()).to.deep.equal(['m', 'v']);
    expect(opt.get_slot(v, 'v')!.op.name).to.equal('Variable/Adam_1');
    expect(opt.variables().map((x) => x.op.name)).to.deep.equal(['Variable/Adam', 'Variable/Adam_1', 'beta1_power', 'beta2_power']);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const [b1, b2] = tf.global_variables().filter((x) => x.op.name.startsWith('beta'));
    expect(sess.run(b1)).to.be.closeTo(0.9, 1e-7);
    sess.run(train);
    sess.run(train);
    // The powers advance after the updates, once per run.
    expect(sess.run(b1)).to.be.closeTo(0.9 ** 3, 1e-6);
    expect(sess.run(b2)).to.be.closeTo(0.999 ** 3, 1e-6);
    expect(Array.from((sess.run(opt.get_slot(v, 'm')!) as NDArray).data).every((x) => x !== 0)).to.equal(true);
  });

  it('names and initializes the other optimizers\' slots as TF1', () => {
    const { v, loss } = model();
    const momentum = tf.train.MomentumOptimizer(0.1, 0.9);
    const adagrad = tf.train.AdagradOptimizer(0.1, 0.25);
    const rms = tf.train.RMSPropOptimizer(0.1);
    momentum.minimize(loss); adagrad.minimize(loss); rms.minimize(loss);
    expect(momentum.get_slot(v, 'momentum')!.op.name).to.equal('Variable/Momentum');
    expect(adagrad.get_slot(v, 'accumulator')!.op.name).to.equal('Variable/Adagrad');
    expect(rms.get_slot(v, 'rms')!.op.name).to.equal('Variable/RMSProp');
    expect(rms.get_slot(v, 'momentum')!.op.name).to.equal('Variable/RMSProp_1');
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const value = (x: tf.Variable) => Array.from((sess.run(x) as NDArray).data);
    expect(value(momentum.get_slot(v, 'momentum')!)).to.deep.equal([0, 0]);
    expect(value(adagrad.get_slot(v, 'accumulator')!)).to.deep.equal([0.25, 0.25]);
    expect(value(rms.get_slot(v, 'rms')!)).to.deep.equal([1, 1]);
    expect(value(rms.get_slot(v, 'momentum')!)).to.deep.equal([0, 0]);
    expect(momentum.get_slot(v, 'momentum')!.trainable).to.equal(false);
  });

  it('initializes the slots of a large variable with Fill (small graphs), to zeros', () => {
    const w = tf.Variable(tf.ones([40, 30]), { name: 'W' });
    const opt = tf.train.AdamOptimizer();
    opt.minimize(tf.reduce_sum(w));
    const m = opt.get_slot(w, 'm')!;
    expect(m.initial_value.op.type).to.equal('Fill');
    expect(m.shape).to.deep.equal([40, 30]);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    const data = (sess.run(m) as NDArray).data;
    expect(data.length).to.equal(1200);
    expect(data.every((x) => x === 0)).to.equal(true);
  });

  it('reuses slots when one optimizer minimizes twice', () => {
    const { v, loss } = model();
    const opt = tf.train.MomentumOptimizer(0.1, 0.9);
    opt.minimize(loss);
    opt.minimize(tf.multiply(loss, 2));
    expect(tf.global_variables().filter((x) => x.op.name.startsWith('Variable/')).map((x) => x.op.name)).to.deep.equal(['Variable/Momentum']);
    expect(opt.get_slot(v, 'momentum')).to.not.equal(null);
  });

  it('learning_rate may be a Variable or a function', () => {
    const { v, loss } = model();
    const lr = tf.Variable(0.5, { name: 'lr', trainable: false });
    const step1 = tf.train.GradientDescentOptimizer(lr).minimize(loss);
    const step2 = tf.train.GradientDescentOptimizer(() => 0.25).minimize(loss);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    sess.run(step1);
    expect(Array.from((sess.run(v) as NDArray).data)).to.deep.equal([0, 0]);
    sess.run(tf.assign(v, [2, 4]));
    sess.run(step2);
    expect(Array.from((sess.run(v) as NDArray).data)).to.deep.equal([1, 2]);
  });
});

describe('optimizers: compute_gradients / apply_gradients / global step', () => {
  beforeEach(() => tf.reset_default_graph());

  it('compute_gradients returns [grad, var] pairs for the trainable variables, null where unconnected', () => {
    const a = tf.Variable([1, 2], { name: 'a' });
    const b = tf.Variable(3, { name: 'b' });
    const loss = tf.reduce_sum(tf.square(a));
    const opt = tf.train.GradientDescentOptimizer(0.1);
    const pairs = opt.compute_gradients(loss);
    expect(pairs.map(([, v]) => v)).to.deep.equal([a, b]);
    expect(pairs[1][0]).to.equal(null);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(Array.from((sess.run(pairs[0][0]!) as NDArray).data)).to.deep.equal([2, 4]);
    // apply_gradients skips the null gradient.
    const train = opt.apply_gradients(pairs);
    expect(train.control_inputs.map((o) => o.name)).to.deep.equal(['GradientDescent/update_a/ApplyGradientDescent']);
    sess.run(train);
    expect(Array.from((sess.run(a) as NDArray).data)).to.deep.equal([0.8, 1.6].map(Math.fround));
    expect(sess.run(b)).to.equal(3);
    // var_list restricts the variables; processed gradients can be applied.
    const only = opt.compute_gradients(loss, { var_list: [a] });
    expect(only).to.have.length(1);
    const clipped = opt.apply_gradients([[tf.multiply(only[0][0]!, 0), a]], { name: 'Clipped' });
    expect(clipped.name).to.equal('Clipped');
  });

  it('errors when no variable gets a gradient, or nothing can be optimized', () => {
    const a = tf.Variable([1, 2], { name: 'a' });
    const unrelated = tf.reduce_sum(tf.constant([1, 2]));
    const opt = tf.train.GradientDescentOptimizer(0.1);
    expect(() => opt.minimize(unrelated)).to.throw(ValueError,
      'No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ' +
      `["<tf.Variable 'a:0' shape=(2,) dtype=float32_ref>"] and loss`);
    expect(() => opt.apply_gradients([[null, a]])).to.throw(ValueError, 'No gradients provided for any variable:');
    expect(() => opt.minimize(tf.reduce_sum(a), { var_list: [] })).to.throw(ValueError, 'No variables to optimize.');
    expect(() => opt.minimize(tf.constant(1, 'int32') as tf.Tensor)).to.throw(ValueError, 'Invalid type int32');
    expect(() => tf.train.GradientDescentOptimizer('fast' as any)).to.throw(ValueError, 'learning_rate must be a number');
    expect(() => tf.train.AdagradOptimizer(0.1, 0)).to.throw(ValueError, 'initial_accumulator_value must be positive: 0');
    expect(() => tf.train.GradientDescentOptimizer(tf.constant(1, 'int32')).minimize(tf.reduce_sum(a)))
      .to.throw(ValueError, 'learning_rate must be float32');
  });

  it('get_or_create_global_step makes one int64 scalar, non-trainable, in GLOBAL_STEP', () => {
    expect(tf.train.get_global_step()).to.equal(null);
    const step = tf.train.get_or_create_global_step();
    expect(step.op.name).to.equal('global_step');
    expect(step.dtype).to.equal('int64');
    expect(step.shape).to.deep.equal([]);
    expect(step.trainable).to.equal(false);
    expect(tf.get_default_graph().get_collection(tf.GraphKeys.GLOBAL_STEP)).to.deep.equal([step]);
    expect(tf.global_variables()).to.deep.equal([step]);
    expect(tf.train.get_or_create_global_step()).to.equal(step);
    expect(tf.train.get_global_step()).to.equal(step);
    expect(() => tf.train.create_global_step()).to.throw(ValueError, '"global_step" already exists.');
  });

  it('minimize with global_step increments it after the updates, once per run', () => {
    const v = tf.Variable([1, 2], { name: 'Variable' });
    const step = tf.train.get_or_create_global_step();
    const train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(v)), { global_step: step });
    expect(train.name).to.equal('Adam');
    expect(train.type).to.equal('AssignAdd');
    expect(train.control_inputs.map((o) => o.name)).to.deep.equal(['Adam/update']);
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    for (let i = 0; i < 3; i++) sess.run(train);
    expect(sess.run(step)).to.equal(3);
    expect(tf.train.global_step(sess, step)).to.equal(3);
  });

  it('a run that fails after the updates changes no variable', () => {
    const v = tf.Variable([1, 2], { name: 'Variable' });
    const label = tf.placeholder('int32', [1]);
    const step = tf.train.get_or_create_global_step();
    const train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(tf.square(v)), { global_step: step });
    const after = tf.control_dependencies([train], () => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: label, logits: [[1, 2]] }));
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(() => sess.run(after, new Map([[label, [5]]]))).to.throw(InvalidArgumentError, 'Received a label value of 5');
    expect(Array.from((sess.run(v) as NDArray).data)).to.deep.equal([1, 2]);
    expect(sess.run(step)).to.equal(0);
    sess.run(after, new Map([[label, [1]]]));
    expect(Array.from((sess.run(v) as NDArray).data)).to.deep.equal([0.8, 1.6].map(Math.fround));
    expect(sess.run(step)).to.equal(1);
  });

  it('slots must be initialized: running before the initializer is a FailedPreconditionError naming the slot', () => {
    const v = tf.Variable([1, 2], { name: 'Variable' });
    const init = tf.global_variables_initializer();
    const train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduce_sum(v));
    const sess = new tf.Session();
    sess.run(init);
    expect(() => sess.run(train)).to.throw(FailedPreconditionError, 'Attempting to use uninitialized value Variable/Momentum');
  });

  it('update ops check shapes when built and learning rates are scalars when run', () => {
    const v = tf.Variable([1, 2], { name: 'Variable' });
    expect(() => makeOp('ApplyGradientDescent', [v._ref, 0.1, [1, 2, 3]], {}, 'bad'))
      .to.throw(ValueError, /incompatible for 'bad' \(op: 'ApplyGradientDescent'\)/);
    expect(() => makeOp('ApplyGradientDescent', [v._ref, [0.1, 0.2], [1, 2]], {}, 'bad2'))
      .to.throw(ValueError, "Shape must be rank 0 but is rank 1 for 'bad2' (op: 'ApplyGradientDescent')");
    const lr = tf.placeholder('float32', null);
    const train = tf.train.GradientDescentOptimizer(lr).minimize(tf.reduce_sum(v));
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    expect(() => sess.run(train, new Map([[lr, [0.1, 0.2]]]))).to.throw(InvalidArgumentError, 'alpha is not a scalar: (2,)');
  });

  it('tf.train.Optimizer can be subclassed with _apply_dense', () => {
    class HalfStep extends tf.train.Optimizer {
      constructor() { super(false, 'HalfStep'); }
      protected override _apply_dense(grad: tf.Tensor, v: tf.Variable) { return v.assign_sub(tf.multiply(grad, 0.5)); }
    }
    const v = tf.Variable([1, 2], { name: 'Variable' });
    const train = new HalfStep().minimize(tf.reduce_sum(tf.square(v)));
    expect(train.name).to.equal('HalfStep');
    const sess = new tf.Session();
    sess.run(tf.global_variables_initializer());
    sess.run(train);
    expect(Array.from((sess.run(v) as NDArray).data)).to.deep.equal([0, 0]);
  });
});
