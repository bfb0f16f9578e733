import { Graph, GraphKeys, get_default_graph } from '../framework/graph';
import { NDArray } from '../framework/ndarray';
import { isInteger } from '../framework/dtypes';
import { KeyError, ValueError } from '../framework/errors';
import { Variable, variableForOp } from '../ops/variables';
import { pyfunc } from '../framework/python_args';

function checkIntegerStep(v: Variable): Variable {
  if (!isInteger(v.dtype)) throw new ValueError(`Existing "global_step" must be an integer type; it is ${v.dtype}`);
  return v;
}

/** The graph's global step variable: from the GLOBAL_STEP collection, else a variable named 'global_step'; null if none. */
export const get_global_step = pyfunc('get_global_step', ['graph'], 0, function get_global_step(graph?: Graph): Variable | null {
  const g = graph ?? get_default_graph();
  const steps = g.get_collection<Variable>(GraphKeys.GLOBAL_STEP);
  if (steps.length > 1) throw new ValueError('Multiple tensors in global_step collection.');
  if (steps.length === 1) return checkIntegerStep(steps[0]);
  try {
    const op = g.get_operation_by_name('global_step');
    const v = variableForOp(op);
    return v ? checkIntegerStep(v) : null;
  } catch (e) {
    if (e instanceof KeyError) return null;
    throw e;
  }
});

/** Creates the int64 scalar 'global_step' (not trainable, in GLOBAL_VARIABLES and GLOBAL_STEP), starting at 0. */
export const create_global_step = pyfunc('create_global_step', ['graph'], 0,
  function create_global_step(graph?: Graph): Variable {
  const g = graph ?? get_default_graph();
  if (get_global_step(g)) throw new ValueError('"global_step" already exists.');
  // At the root, outside control dependencies, as TF1 creates it whatever the caller's context.
  return g.control_dependencies(null, () => g.name_scope(null, () => {
    const zero = g.name_scope('global_step/', () =>
      g.create_op('Const', [], { value: NDArray.scalar(0, 'int64'), dtype: 'int64' }, 'Initializer/zeros').outputs[0]);
    return new Variable(zero, {
      name: 'global_step', trainable: false, collections: [GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
    });
  }));
});

/** tf.train.get_or_create_global_step(graph?). */
export const get_or_create_global_step = pyfunc('get_or_create_global_step', ['graph'], 0,
  function get_or_create_global_step(graph?: Graph): Variable {
  return get_global_step(graph) ?? create_global_step(graph);
});

/** tf.train.global_step(sess, global_step_tensor): the step's current value as a number. */
export const global_step = pyfunc('global_step', ['sess', 'global_step_tensor'], 2,
  function global_step(sess: { run(fetches: unknown): unknown }, global_step_tensor: Variable): number {
  return Number(sess.run(global_step_tensor));
});
