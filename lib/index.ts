/**
 * tensorgraph: TensorFlow 1.x graph mode in TypeScript.
 * `import * as tf from 'tensorgraph'` gives the TF1 names.
 */
import { registerBuiltinOps } from './ops/builtin';
registerBuiltinOps();
import './gpu/index';

export * from './framework/dtypes';
export * as errors from './framework/errors';
export { NDArray } from './framework/ndarray';
export { Tensor } from './framework/tensor';
export { Operation } from './framework/operation';
export { Graph, GraphKeys, get_default_graph, reset_default_graph, name_scope, control_dependencies } from './framework/graph';
export { get_default_session } from './framework/default_session';
export { Session, InteractiveSession } from './session/session';
export { convertToTensor as convert_to_tensor } from './framework/convert';
export { register_op } from './ops/register_op';
export type { OpSpec, InputSpec, AttrSpec } from './ops/register_op';
export type { TensorSpec, StaticShape } from './registry/op_registry';
export { RegisterGradient, NotDifferentiable } from './registry/gradient_registry';
export * from './ops/math_ops';
export * from './ops/array_ops';
export { sigmoid, tanh } from './ops/nn_activation_ops';
export * from './ops/shape_ops';
export * from './ops/control_flow_ops';
export {
  Variable, global_variables, trainable_variables, local_variables, variables_initializer,
  global_variables_initializer, local_variables_initializer, initialize_all_variables,
  is_variable_initialized, assign, assign_add, assign_sub,
} from './ops/variables';
export * from './ops/random_ops';
export { gradients, stop_gradient } from './ops/gradients';
export * as nn from './api/nn';
export * as train from './api/train';
export * as losses from './ops/losses';
export * as saved_model from './saved_model/index';
import * as input_data from './examples/input_data';
/** tf.examples.tutorials.mnist.input_data, as the tutorials import it. */
export const examples = { tutorials: { mnist: { input_data } } };
export { GpuBackend } from './gpu/index';
export type { GpuKernel, GpuKernelContext, DeviceTensor } from '../kernels/gpu/types';
