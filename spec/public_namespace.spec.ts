import { expect } from 'chai';
import * as tf from '../lib/index';

/* `import * as tf` holds TF1 names and the extensions docs/api.md lists, and no internals. */
describe('the public namespace (lib/index.ts)', () => {
  it('has the TF1 names the tutorials use', () => {
    for (const name of ['placeholder', 'Variable', 'matmul', 'add', 'reduce_mean', 'argmax', 'equal', 'cast', 'reshape',
      'zeros', 'constant', 'truncated_normal', 'random_normal', 'set_random_seed', 'sigmoid', 'tanh', 'gradients',
      'stop_gradient', 'global_variables_initializer', 'Session', 'InteractiveSession', 'Graph', 'GraphKeys',
      'get_default_graph', 'reset_default_graph', 'name_scope', 'control_dependencies', 'convert_to_tensor',
      'float32', 'int32', 'as_dtype', 'errors', 'nn', 'train', 'losses', 'saved_model', 'examples', 'group',
      'variable_scope', 'get_variable', 'get_variable_scope', 'AUTO_REUSE', 'VariableScope', 'get_collection', 'add_to_collection',
      'glorot_uniform_initializer', 'zeros_initializer', 'initializers', 'contrib']) {
      expect(tf, name).to.have.property(name);
    }
    for (const name of ['relu', 'softmax', 'conv2d', 'max_pool', 'dropout', 'softmax_cross_entropy_with_logits_v2']) {
      expect(tf.nn, `nn.${name}`).to.have.property(name);
    }
    for (const name of ['AdamOptimizer', 'GradientDescentOptimizer', 'Saver', 'get_or_create_global_step']) {
      expect(tf.train, `train.${name}`).to.have.property(name);
    }
    expect(tf.examples.tutorials.mnist.input_data).to.have.property('read_data_sets');
  });

  it('has the documented extensions', () => {
    for (const name of ['NDArray', 'register_op', 'RegisterGradient', 'NotDifferentiable', 'GpuBackend']) {
      expect(tf, name).to.have.property(name);
    }
  });

  it('does not expose internals', () => {
    for (const name of ['setOutputAllocator', 'outputArrayFor', 'overwrittenOutputArrayFor', 'typedArrayFor', 'coerce',
      'typedArrayMatches', 'isFloating', 'isInteger', 'shapeArgTensor', 'DEFAULT_GRAPH_SEED', 'callable',
      'installTensorOperators', 'bindArgs']) {
      expect(tf, name).not.to.have.property(name);
    }
    for (const name of ['isOptionsObject', 'bindArgs']) expect(tf.nn, `nn.${name}`).not.to.have.property(name);
  });
});
