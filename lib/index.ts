/**
 * tensorgraph: TensorFlow 1.x graph mode in TypeScript.
 * `import * as tf from 'tensorgraph'` gives the TF1 names, plus the extensions listed in
 * docs/api.md. Every export is named here: helpers the modules share stay internal, and
 * code that needs one (specs, tools) imports it from its module.
 */
import { registerBuiltinOps } from './ops/builtin';
registerBuiltinOps();
import './gpu/index';

// tf.DType and the dtype constants.
export { float32, int32, int64, bool, uint8, as_dtype } from './framework/dtypes';
export { float64, double, float16, half, int16, int8, uint16, string, complex64, complex128, bfloat16, qint8, quint8, qint32 } from './framework/dtypes';
export type { DType } from './framework/dtypes';
export * as errors from './framework/errors';

// Graphs, tensors, sessions.
export { Tensor } from './framework/tensor';
export type { TensorLike } from './framework/tensor';
export { TensorShape, Dimension } from './framework/tensor_shape';
import { dimension_value } from './framework/tensor_shape';
export { Operation } from './framework/operation';
export { Graph, GraphKeys, get_default_graph, reset_default_graph, name_scope, control_dependencies } from './framework/graph';
export { get_default_session } from './framework/default_session';
export { Session, InteractiveSession } from './session/session';
export { convertToTensor as convert_to_tensor } from './framework/convert';
export { RegisterGradient, NotDifferentiable } from './registry/gradient_registry';

// Ops.
export {
  add, subtract, multiply, divide, truediv, div, realdiv, floordiv, floormod, mod, pow, maximum, minimum,
  squared_difference, scalar_mul, negative, exp, log, sqrt, rsqrt, square, abs, sign, reciprocal, floor, ceil,
  round, clip_by_value, add_n, equal, not_equal, less, less_equal, greater, greater_equal, logical_and,
  logical_or, logical_not, logical_xor, cast, to_float, to_int32, to_int64, reduce_sum, reduce_mean, reduce_max,
  reduce_min, reduce_prod, reduce_any, reduce_all, argmax, argmin, arg_max, arg_min, matmul,
} from './ops/math_ops';
export {
  placeholder, placeholder_with_default, constant, zeros, ones, identity, transpose, invert_permutation, concat, stack, unstack,
  expand_dims, squeeze, slice, pad, tile, one_hot, where,
} from './ops/array_ops';
export { shape, size, rank, reshape, fill, zeros_like, ones_like, broadcast_to, range } from './ops/shape_ops';
export { sigmoid, tanh } from './ops/nn_activation_ops';
export { strided_slice, newaxis, split, reverse, reverse_sequence, boolean_mask } from './ops/slicing_ops';
export type { IndexItem } from './framework/tensor';
export { no_op, group } from './ops/control_flow_ops';
export { Assert } from './ops/control_flow_ops';
export { cond, case_ as case } from './ops/control_flow_cond';
export { while_loop } from './ops/control_flow_while';
export { map_fn, scan, foldl, foldr } from './ops/control_flow_fn';
export { set_random_seed, get_seed, random_normal, truncated_normal, random_uniform } from './ops/random_ops';
export {
  Variable, global_variables, trainable_variables, local_variables, variables_initializer,
  global_variables_initializer, local_variables_initializer, initialize_all_variables,
  is_variable_initialized, assign, assign_add, assign_sub,
} from './ops/variables';
export { gradients, stop_gradient } from './ops/gradients';
export { get_collection, get_collection_ref, add_to_collection, add_to_collections } from './framework/graph';
export { model_variables } from './ops/variables';
export { variable_scope, get_variable, get_variable_scope, AUTO_REUSE, VariableScope } from './ops/variable_scope';
export {
  Zeros as zeros_initializer, Ones as ones_initializer, Constant as constant_initializer,
  RandomUniform as random_uniform_initializer, RandomNormal as random_normal_initializer,
  TruncatedNormal as truncated_normal_initializer, VarianceScaling as variance_scaling_initializer,
  GlorotUniform as glorot_uniform_initializer, GlorotNormal as glorot_normal_initializer,
} from './ops/init_ops';
export { tables_initializer } from './ops/lookup_ops';
export { parse_example, parse_single_example, FixedLenFeature, VarLenFeature, SparseTensor } from './ops/parsing_ops';
export { resource } from './framework/dtypes';
export {
  gather, gather_nd, scatter_nd, unsorted_segment_sum, segment_sum, scatter_update, scatter_add, scatter_sub, sequence_mask,
} from './ops/gather_ops';
export { as_string, string_join, decode_raw } from './ops/string_ops';

// Namespaces.
export * as nn from './api/nn';
export * as train from './api/train';
export * as losses from './ops/losses';
export * as metrics from './ops/metrics/index';
export * as saved_model from './saved_model/index';
import * as input_data from './examples/input_data';
/** tf.examples.tutorials.mnist.input_data, as the tutorials import it. */
export const examples = { tutorials: { mnist: { input_data } } };

// TF 1.13+ spellings (tf.math.*, tf.random.*) and TF 1.14-1.15's tf.compat.v1.*: the same functions.
// They, and the TF1 namespaces tensorgraph lacks, throw AttributeError for a missing member (lib/api/missing_api.ts).
import { withMissingNames, missingNamespace } from './api/missing_api';
import type { MissingNamespace } from './api/missing_api';
import * as mathNamespace from './api/math';
import * as randomNamespace from './api/random';
import * as initializersNamespace from './api/initializers';
import * as contribLayersNamespace from './api/contrib_layers';
import * as layersNamespace from './layers/index';
import * as contribRnnNamespace from './api/contrib_rnn';
import * as self from './index';
export const math: typeof mathNamespace = withMissingNames('tf.math', mathNamespace);
export const random: typeof randomNamespace = withMissingNames('tf.random', randomNamespace);
/** tf.compat.v1 is this namespace (tf.compat.v1.placeholder === tf.placeholder); tf.compat.dimension_value as TF 1.15's. */
import * as estimatorNamespace from './api/estimator';
import * as loggingNamespace from './api/logging';
/** tf.estimator (docs/estimator.md) and tf.logging, the logger it prints through. */
export const estimator: typeof estimatorNamespace = withMissingNames('tf.estimator', {
  ...estimatorNamespace,
  inputs: withMissingNames('tf.estimator.inputs', estimatorNamespace.inputs),
  export: withMissingNames('tf.estimator.export', estimatorNamespace.export),
});
export const logging: typeof loggingNamespace = withMissingNames('tf.logging', loggingNamespace);
export const compat: { readonly v1: typeof self; readonly dimension_value: typeof dimension_value } =
  withMissingNames('tf.compat', { v1: withMissingNames('tf.compat.v1', self), dimension_value });
import * as contribLookupNamespace from './api/contrib_lookup';
/** tf.contrib: tf.contrib.layers' initializers and regularizers, tf.contrib.rnn's cells, tf.contrib.lookup's tables; any other member is missing. */
export const contrib: { readonly layers: typeof contribLayersNamespace; readonly rnn: typeof contribRnnNamespace;
  readonly lookup: typeof contribLookupNamespace } =
  withMissingNames('tf.contrib', { layers: withMissingNames('tf.contrib.layers', contribLayersNamespace),
    rnn: withMissingNames('tf.contrib.rnn', contribRnnNamespace), lookup: withMissingNames('tf.contrib.lookup', contribLookupNamespace) });
export const keras: MissingNamespace = missingNamespace('tf.keras');
import * as summaryNamespace from './summary/index';
/** tf.summary: summary ops, FileWriter (lib/summary/). */
export const summary: typeof summaryNamespace = withMissingNames('tf.summary', summaryNamespace);
import * as dataNamespace from './data/index';
/** tf.data: Dataset pipelines and iterators (docs/data.md). */
export const data: typeof dataNamespace = withMissingNames('tf.data', dataNamespace);
import * as pythonIoNamespace from './api/python_io';
/** tf.python_io: TFRecordWriter, tf_record_iterator, TFRecordOptions. */
export const python_io: typeof pythonIoNamespace = withMissingNames('tf.python_io', pythonIoNamespace);
export const image: MissingNamespace = missingNamespace('tf.image');
import * as appNamespace from './platform/app';
import * as flagsNamespace from './platform/flags';
import * as gfileNamespace from './platform/gfile';
/** tf.app.run and tf.app.flags, tf.flags (absl-style flags), tf.gfile (docs/data.md). */
export const app: typeof appNamespace = withMissingNames('tf.app', appNamespace);
export const flags: typeof flagsNamespace = withMissingNames('tf.flags', flagsNamespace);
export const gfile: typeof gfileNamespace = withMissingNames('tf.gfile', gfileNamespace);
export const io: MissingNamespace = missingNamespace('tf.io');
export const linalg: MissingNamespace = missingNamespace('tf.linalg');
export const sparse: MissingNamespace = missingNamespace('tf.sparse');
export const strings: MissingNamespace = missingNamespace('tf.strings');
export const distributions: MissingNamespace = missingNamespace('tf.distributions');
export const feature_column: MissingNamespace = missingNamespace('tf.feature_column');
/** tf.layers: dense, conv2d, pooling, flatten, dropout, batch_normalization and their Layer classes (docs/api.md). */
export const layers: typeof layersNamespace = withMissingNames('tf.layers', layersNamespace);
export const initializers: typeof initializersNamespace = withMissingNames('tf.initializers', initializersNamespace);

// Extensions (docs/api.md): host arrays, custom ops with their CPU and gpu.js kernels, the gpu.js backend.
export { NDArray } from './framework/ndarray';
/** NumPy's printing and seeded data helpers for ported scripts (docs/api.md; not a NumPy clone). */
export * as numpy_like from './framework/numpy_like';
export { register_op } from './ops/register_op';
export type { OpSpec, OutputSpec, ArgSpec, AttrSpec, AttrType } from './ops/register_op';
export type { CpuKernel, KernelContext } from './registry/kernel_registry';
export type { NodeDef, AttrValue } from './framework/node_def';
export type { TensorSpec, StaticShape } from './registry/op_registry';
export { GpuBackend } from './gpu/index';
export type { GpuKernel, GpuKernelContext, DeviceTensor } from '../kernels/gpu/types';
export { import_graph_def } from './saved_model/tf_import/import_graph_def';
import './saved_model/tf_import/io_kernels';
export * as onnx from './onnx/index';
/** tf.graph_util: convert_variables_to_constants (freezing), extract_sub_graph, remove_training_nodes. */
export * as graph_util from './framework/graph_util';
