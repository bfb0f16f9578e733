import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '../lib/index';
import type { PySignature } from '../lib/framework/python_args';

/*
 * TF1's keyword arguments: every public function with optional Python parameters takes
 * them as a trailing options object named as in TF1 (the tf.compat.v1 signatures below),
 * and a key it does not know is Python's TypeError naming function and key.
 */

type Fn = (...args: any[]) => any;
const BAD = 'not_a_keyword';
/** A public function without its types: these specs make the wrong calls TypeScript would refuse, to check the run-time errors JavaScript callers get. */
const untyped = (f: unknown) => f as (...args: unknown[]) => any;
const unexpected = (fn: string) => `${fn}() got an unexpected keyword argument '${BAD}'`;

const x22 = () => tf.constant([[1, 2], [3, 4]], 'float32');
const NAME = ['name'];
const X_NAME = ['x', 'name'];
const XY_NAME = ['x', 'y', 'name'];
const REDUCE = ['input_tensor', 'axis', 'keepdims', 'name', 'reduction_indices', 'keep_dims'];
const ARG_REDUCE = ['input', 'axis', 'name', 'dimension', 'output_type'];
const CONV = ['use_cudnn_on_gpu', 'data_format', 'dilations', 'name', 'explicit_paddings'];
const NORMAL = ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'];

/** [public path, the function, TF1's parameters in order, the required arguments of a valid call]. */
const FUNCTIONS: [string, Fn, string[], () => unknown[]][] = [
  ['tf.get_collection', tf.get_collection, ['key', 'scope'], () => ['k']],
  ['tf.model_variables', tf.model_variables, ['scope'], () => []],
  ['tf.get_variable', tf.get_variable, ['name', 'shape', 'dtype', 'initializer', 'regularizer', 'trainable', 'collections',
    'caching_device', 'partitioner', 'validate_shape', 'use_resource', 'custom_getter', 'constraint', 'synchronization',
    'aggregation'], () => ['v', [1]]],
  ...(['add', 'subtract', 'multiply', 'divide', 'truediv', 'div', 'realdiv', 'floordiv', 'floormod', 'pow', 'maximum',
    'minimum', 'squared_difference', 'equal', 'not_equal', 'less', 'less_equal', 'greater', 'greater_equal'] as const)
    .map((n): [string, Fn, string[], () => unknown[]] => [`tf.${n}`, tf[n], XY_NAME, () => [x22(), x22()]]),
  ['tf.mod', tf.mod, XY_NAME, () => [x22(), x22()]],
  ['tf.logical_and', tf.logical_and, XY_NAME, () => [true, false]],
  ['tf.logical_or', tf.logical_or, XY_NAME, () => [true, false]],
  ['tf.logical_not', tf.logical_not, X_NAME, () => [true]],
  ['tf.logical_xor', tf.logical_xor, XY_NAME, () => [true, false]],
  ['tf.scalar_mul', tf.scalar_mul, ['scalar', 'x', 'name'], () => [2, x22()]],
  ...(['negative', 'exp', 'log', 'sqrt', 'rsqrt', 'square', 'abs', 'sign', 'reciprocal', 'floor', 'ceil', 'round',
    'to_float', 'to_int32', 'to_int64'] as const)
    .map((n): [string, Fn, string[], () => unknown[]] => [`tf.${n}`, tf[n], X_NAME, () => [x22()]]),
  ['tf.clip_by_value', tf.clip_by_value, ['t', 'clip_value_min', 'clip_value_max', 'name'], () => [x22(), 0, 1]],
  ['tf.add_n', tf.add_n, ['inputs', 'name'], () => [[x22()]]],
  ['tf.cast', tf.cast, ['x', 'dtype', 'name'], () => [x22(), 'int32']],
  ...(['reduce_sum', 'reduce_mean', 'reduce_max', 'reduce_min', 'reduce_prod'] as const)
    .map((n): [string, Fn, string[], () => unknown[]] => [`tf.${n}`, tf[n], REDUCE, () => [x22()]]),
  ['tf.reduce_any', tf.reduce_any, REDUCE, () => [[true, false]]],
  ['tf.reduce_all', tf.reduce_all, REDUCE, () => [[true, false]]],
  ['tf.argmax', tf.argmax, ARG_REDUCE, () => [x22()]],
  ['tf.argmin', tf.argmin, ARG_REDUCE, () => [x22()]],
  ['tf.arg_max', tf.arg_max, ['input', 'dimension', 'output_type', 'name'], () => [x22(), 1]],
  ['tf.arg_min', tf.arg_min, ['input', 'dimension', 'output_type', 'name'], () => [x22(), 1]],
  ['tf.matmul', tf.matmul, ['a', 'b', 'transpose_a', 'transpose_b', 'adjoint_a', 'adjoint_b', 'a_is_sparse', 'b_is_sparse', 'name'], () => [x22(), x22()]],
  ['tf.placeholder', tf.placeholder, ['dtype', 'shape', 'name'], () => ['float32']],
  ['tf.placeholder_with_default', tf.placeholder_with_default, ['input', 'shape', 'name'], () => [[1, 2], [null]]],
  ['tf.constant', tf.constant, ['value', 'dtype', 'shape', 'name', 'verify_shape'], () => [1]],
  ['tf.zeros', tf.zeros, ['shape', 'dtype', 'name'], () => [[2]]],
  ['tf.ones', tf.ones, ['shape', 'dtype', 'name'], () => [[2]]],
  ['tf.identity', tf.identity, ['input', 'name'], () => [x22()]],
  ['tf.transpose', tf.transpose, ['a', 'perm', 'name', 'conjugate'], () => [x22()]],
  ['tf.invert_permutation', tf.invert_permutation, X_NAME, () => [[1, 0]]],
  ['tf.concat', tf.concat, ['values', 'axis', 'name'], () => [[x22(), x22()], 0]],
  ['tf.stack', tf.stack, ['values', 'axis', 'name'], () => [[x22(), x22()]]],
  ['tf.unstack', tf.unstack, ['value', 'num', 'axis', 'name'], () => [x22()]],
  ['tf.expand_dims', tf.expand_dims, ['input', 'axis', 'name', 'dim'], () => [x22(), 0]],
  ['tf.squeeze', tf.squeeze, ['input', 'axis', 'name', 'squeeze_dims'], () => [x22()]],
  ['tf.slice', tf.slice, ['input_', 'begin', 'size', 'name'], () => [x22(), [0, 0], [1, 1]]],
  ['tf.pad', tf.pad, ['tensor', 'paddings', 'mode', 'name', 'constant_values'], () => [x22(), [[1, 1], [0, 0]]]],
  ['tf.tile', tf.tile, ['input', 'multiples', 'name'], () => [x22(), [1, 2]]],
  ['tf.one_hot', tf.one_hot, ['indices', 'depth', 'on_value', 'off_value', 'axis', 'dtype', 'name'], () => [[0, 1], 2]],
  ['tf.where', tf.where, ['condition', 'x', 'y', 'name'], () => [[true, false]]],
  ['tf.strided_slice', tf.strided_slice, ['input_', 'begin', 'end', 'strides', 'begin_mask', 'end_mask', 'ellipsis_mask',
    'new_axis_mask', 'shrink_axis_mask', 'var', 'name'], () => [x22(), [0], [1]]],
  ['tf.split', tf.split, ['value', 'num_or_size_splits', 'axis', 'num', 'name'], () => [x22(), 2]],
  ['tf.reverse', tf.reverse, ['tensor', 'axis', 'name'], () => [x22(), [0]]],
  ['tf.reverse_sequence', tf.reverse_sequence, ['input', 'seq_lengths', 'seq_axis', 'batch_axis', 'name', 'seq_dim', 'batch_dim'],
    () => [x22(), [1, 2]]],
  ['tf.boolean_mask', tf.boolean_mask, ['tensor', 'mask', 'name', 'axis'], () => [x22(), [true, false]]],
  ['tf.nn.top_k', tf.nn.top_k, ['input', 'k', 'sorted', 'name'], () => [x22()]],
  ['tf.nn.in_top_k', tf.nn.in_top_k, ['predictions', 'targets', 'k', 'name'], () => [x22(), [0, 1], 1]],
  ['tf.shape', tf.shape, ['input', 'name', 'out_type'], () => [x22()]],
  ['tf.size', tf.size, ['input', 'name', 'out_type'], () => [x22()]],
  ['tf.rank', tf.rank, ['input', 'name'], () => [x22()]],
  ['tf.reshape', tf.reshape, ['tensor', 'shape', 'name'], () => [x22(), [4]]],
  ['tf.fill', tf.fill, ['dims', 'value', 'name'], () => [[2], 1]],
  ['tf.zeros_like', tf.zeros_like, ['tensor', 'dtype', 'name', 'optimize'], () => [x22()]],
  ['tf.ones_like', tf.ones_like, ['tensor', 'dtype', 'name', 'optimize'], () => [x22()]],
  ['tf.broadcast_to', tf.broadcast_to, ['input', 'shape', 'name'], () => [x22(), [2, 2]]],
  ['tf.range', tf.range, ['start', 'limit', 'delta', 'dtype', 'name'], () => [3]],
  ['tf.sigmoid', tf.sigmoid, X_NAME, () => [x22()]],
  ['tf.tanh', tf.tanh, X_NAME, () => [x22()]],
  ['tf.no_op', tf.no_op, NAME, () => []],
  ['tf.tables_initializer', tf.tables_initializer, NAME, () => []],
  ['tf.FixedLenFeature', tf.FixedLenFeature, ['shape', 'dtype', 'default_value'], () => [[1], tf.float32]],
  ['tf.VarLenFeature', tf.VarLenFeature, ['dtype'], () => [tf.int64]],
  ['tf.set_random_seed', tf.set_random_seed, ['seed'], () => [1]],
  ['tf.get_seed', tf.get_seed, ['op_seed'], () => []],
  ['tf.random_normal', tf.random_normal, NORMAL, () => [[2]]],
  ['tf.truncated_normal', tf.truncated_normal, NORMAL, () => [[2]]],
  ['tf.random_uniform', tf.random_uniform, ['shape', 'minval', 'maxval', 'dtype', 'seed', 'name'], () => [[2]]],
  ['tf.global_variables', tf.global_variables, ['scope'], () => []],
  ['tf.trainable_variables', tf.trainable_variables, ['scope'], () => []],
  ['tf.local_variables', tf.local_variables, ['scope'], () => []],
  ['tf.variables_initializer', tf.variables_initializer, ['var_list', 'name'], () => [[]]],
  ['tf.is_variable_initialized', tf.is_variable_initialized, ['variable'], () => [tf.Variable(1)]],
  ['tf.assign', tf.assign, ['ref', 'value', 'validate_shape', 'use_locking', 'name'], () => [tf.Variable(1), 2]],
  ['tf.assign_add', tf.assign_add, ['ref', 'value', 'use_locking', 'name'], () => [tf.Variable(1), 2]],
  ['tf.assign_sub', tf.assign_sub, ['ref', 'value', 'use_locking', 'name'], () => [tf.Variable(1), 2]],
  ['tf.gradients', tf.gradients, ['ys', 'xs', 'grad_ys', 'name', 'colocate_gradients_with_ops', 'gate_gradients',
    'aggregation_method', 'stop_gradients'], () => { const v = x22(); return [tf.square(v), v]; }],
  ['tf.stop_gradient', tf.stop_gradient, ['input', 'name'], () => [x22()]],
  ['tf.Assert', tf.Assert, ['condition', 'data', 'summarize', 'name'], () => [true, []]],
  ['tf.cond', tf.cond, ['pred', 'true_fn', 'false_fn', 'strict', 'name', 'fn1', 'fn2'], () => [tf.constant(true)]],
  ['tf.case', tf.case, ['pred_fn_pairs', 'default', 'exclusive', 'strict', 'name'], () => [[]]],
  ['tf.while_loop', tf.while_loop, ['cond', 'body', 'loop_vars', 'shape_invariants', 'parallel_iterations', 'back_prop',
    'swap_memory', 'name', 'maximum_iterations', 'return_same_structure'], () => [() => true, (x: unknown) => x, [x22()]]],
  ...(['foldl', 'foldr'] as const).map((n): [string, Fn, string[], () => unknown[]] => [`tf.${n}`, tf[n] as unknown as Fn,
    ['fn', 'elems', 'initializer', 'parallel_iterations', 'back_prop', 'swap_memory', 'name'], () => [(a: unknown) => a, x22()]]),
  ['tf.scan', tf.scan, ['fn', 'elems', 'initializer', 'parallel_iterations', 'back_prop', 'swap_memory', 'infer_shape', 'reverse', 'name'],
    () => [(a: unknown) => a, x22()]],
  ['tf.map_fn', tf.map_fn, ['fn', 'elems', 'dtype', 'parallel_iterations', 'back_prop', 'swap_memory', 'infer_shape', 'name'],
    () => [(a: unknown) => a, x22()]],
  ['tf.nn.relu', tf.nn.relu, ['features', 'name'], () => [x22()]],
  ['tf.nn.relu6', tf.nn.relu6, ['features', 'name'], () => [x22()]],
  ['tf.nn.elu', tf.nn.elu, ['features', 'name'], () => [x22()]],
  ['tf.nn.leaky_relu', tf.nn.leaky_relu, ['features', 'alpha', 'name'], () => [x22()]],
  ['tf.nn.sigmoid', tf.nn.sigmoid, X_NAME, () => [x22()]],
  ['tf.nn.tanh', tf.nn.tanh, X_NAME, () => [x22()]],
  ['tf.nn.softmax', tf.nn.softmax, ['logits', 'axis', 'name', 'dim'], () => [x22()]],
  ['tf.nn.log_softmax', tf.nn.log_softmax, ['logits', 'axis', 'name', 'dim'], () => [x22()]],
  ['tf.nn.conv2d', tf.nn.conv2d, ['input', 'filter', 'strides', 'padding', ...CONV],
    () => [tf.zeros([1, 3, 3, 1]), tf.zeros([1, 1, 1, 1]), [1, 1, 1, 1], 'SAME']],
  ['tf.nn.conv2d_backprop_input', tf.nn.conv2d_backprop_input, ['input_sizes', 'filter', 'out_backprop', 'strides', 'padding', ...CONV],
    () => [[1, 3, 3, 1], tf.zeros([1, 1, 1, 1]), tf.zeros([1, 3, 3, 1]), [1, 1, 1, 1], 'SAME']],
  ['tf.nn.conv2d_backprop_filter', tf.nn.conv2d_backprop_filter, ['input', 'filter_sizes', 'out_backprop', 'strides', 'padding', ...CONV],
    () => [tf.zeros([1, 3, 3, 1]), [1, 1, 1, 1], tf.zeros([1, 3, 3, 1]), [1, 1, 1, 1], 'SAME']],
  ['tf.nn.max_pool', tf.nn.max_pool, ['value', 'ksize', 'strides', 'padding', 'data_format', 'name'],
    () => [tf.zeros([1, 2, 2, 1]), [1, 2, 2, 1], [1, 1, 1, 1], 'VALID']],
  ['tf.nn.avg_pool', tf.nn.avg_pool, ['value', 'ksize', 'strides', 'padding', 'data_format', 'name'],
    () => [tf.zeros([1, 2, 2, 1]), [1, 2, 2, 1], [1, 1, 1, 1], 'VALID']],
  ['tf.nn.bias_add', tf.nn.bias_add, ['value', 'bias', 'data_format', 'name'], () => [x22(), [1, 2]]],
  ['tf.nn.dropout', tf.nn.dropout, ['x', 'keep_prob', 'noise_shape', 'seed', 'name', 'rate'], () => [x22(), 0.5]],
  ['tf.nn.l2_loss', tf.nn.l2_loss, ['t', 'name'], () => [x22()]],
  ['tf.nn.conv2d_transpose', tf.nn.conv2d_transpose, ['value', 'filter', 'output_shape', 'strides', 'padding', 'data_format', 'name'],
    () => [tf.zeros([1, 3, 3, 1]), tf.zeros([1, 1, 2, 1]), [1, 3, 3, 2], [1, 1, 1, 1]]],
  ['tf.nn.moments', tf.nn.moments, ['x', 'axes', 'shift', 'name', 'keep_dims', 'keepdims'], () => [x22(), [0]]],
  ['tf.nn.batch_normalization', tf.nn.batch_normalization, ['x', 'mean', 'variance', 'offset', 'scale', 'variance_epsilon', 'name'],
    () => [x22(), 0, 1, 0, 1, 0.001]],
  ['tf.nn.fused_batch_norm', tf.nn.fused_batch_norm, ['x', 'scale', 'offset', 'mean', 'variance', 'epsilon', 'data_format',
    'is_training', 'name'], () => [tf.zeros([1, 2, 2, 2]), [1, 1], [0, 0]]],
  ['tf.nn.l2_normalize', tf.nn.l2_normalize, ['x', 'axis', 'epsilon', 'name', 'dim'], () => [x22()]],
  ['tf.nn.log_uniform_candidate_sampler', tf.nn.log_uniform_candidate_sampler, ['true_classes', 'num_true', 'num_sampled', 'unique', 'range_max', 'seed', 'name'],
    () => [[[1]], 1, 2, true, 5]],
  ['tf.nn.uniform_candidate_sampler', tf.nn.uniform_candidate_sampler, ['true_classes', 'num_true', 'num_sampled', 'unique', 'range_max', 'seed', 'name'],
    () => [[[1]], 1, 2, true, 5]],
  ['tf.nn.fixed_unigram_candidate_sampler', tf.nn.fixed_unigram_candidate_sampler, ['true_classes', 'num_true', 'num_sampled', 'unique', 'range_max', 'vocab_file',
    'distortion', 'num_reserved_ids', 'num_shards', 'shard', 'unigrams', 'seed', 'name'], () => [[[1]], 1, 2, true, 5]],
  ['tf.nn.compute_accidental_hits', tf.nn.compute_accidental_hits, ['true_classes', 'sampled_candidates', 'num_true', 'seed', 'name'],
    () => [[[1]], [1, 2], 1]],
  ['tf.nn.nce_loss', tf.nn.nce_loss, ['weights', 'biases', 'labels', 'inputs', 'num_sampled', 'num_classes', 'num_true',
    'sampled_values', 'remove_accidental_hits', 'partition_strategy', 'name'], () => [tf.ones([5, 2]), tf.zeros([5]), [[1]], [[1, 2]], 2, 5]],
  ['tf.nn.sampled_softmax_loss', tf.nn.sampled_softmax_loss, ['weights', 'biases', 'labels', 'inputs', 'num_sampled', 'num_classes',
    'num_true', 'sampled_values', 'remove_accidental_hits', 'partition_strategy', 'name', 'seed'],
    () => [tf.ones([5, 2]), tf.zeros([5]), [[1]], [[1, 2]], 2, 5]],
  ['tf.train.get_global_step', tf.train.get_global_step, ['graph'], () => []],
  ['tf.train.create_global_step', tf.train.create_global_step, ['graph'], () => []],
  ['tf.train.get_or_create_global_step', tf.train.get_or_create_global_step, ['graph'], () => []],
  ['tf.train.global_step', tf.train.global_step, ['sess', 'global_step_tensor'], () => [tf.Session(), tf.Variable(1)]],
  ['tf.train.latest_checkpoint', tf.train.latest_checkpoint, ['checkpoint_dir', 'latest_filename'], () => [os.tmpdir()]],
  ['tf.train.checkpoint_exists', tf.train.checkpoint_exists, ['checkpoint_prefix'], () => ['nowhere']],
  ['tf.train.write_graph', tf.train.write_graph, ['graph_or_graph_def', 'logdir', 'name', 'as_text'], () => [tf.Graph(), os.tmpdir(), 'g.pbtxt']],
  ['tf.train.import_meta_graph', tf.train.import_meta_graph, ['meta_graph_or_file', 'clear_devices', 'import_scope'], () => ['x.meta']],
  ['tf.train.NewCheckpointReader', tf.train.NewCheckpointReader, ['filepattern'], () => ['nowhere']],
  ['tf.onnx.export', tf.onnx.export, ['sess', 'inputs', 'outputs', 'opset', 'constants', 'batch_dim', 'path'], () => [tf.Session(), [x22()], [x22()]]],
  ['tf.train.load_checkpoint', tf.train.load_checkpoint, ['ckpt_dir_or_file'], () => ['nowhere']],
  ['tf.train.list_variables', tf.train.list_variables, ['ckpt_dir_or_file'], () => ['nowhere']],
  ['tf.train.load_variable', tf.train.load_variable, ['ckpt_dir_or_file', 'name'], () => ['nowhere', 'v']],
  ['tf.losses.add_loss', tf.losses.add_loss, ['loss', 'loss_collection'], () => [x22()]],
  ['tf.losses.get_losses', tf.losses.get_losses, ['scope', 'loss_collection'], () => []],
  ['tf.losses.get_regularization_losses', tf.losses.get_regularization_losses, ['scope'], () => []],
  ['tf.losses.get_regularization_loss', tf.losses.get_regularization_loss, ['scope', 'name'], () => []],
  ['tf.losses.get_total_loss', tf.losses.get_total_loss, ['add_regularization_losses', 'name', 'scope'], () => []],  ['tf.gather', tf.gather, ['params', 'indices', 'validate_indices', 'name', 'axis', 'batch_dims'], () => [x22(), [1]]],
  ['tf.gather_nd', tf.gather_nd, ['params', 'indices', 'name'], () => [x22(), [[1]]]],
  ['tf.scatter_nd', tf.scatter_nd, ['indices', 'updates', 'shape', 'name'], () => [[[1]], [1], [2]]],
  ['tf.unsorted_segment_sum', tf.unsorted_segment_sum, ['data', 'segment_ids', 'num_segments', 'name'], () => [x22(), [0, 0], 1]],
  ['tf.segment_sum', tf.segment_sum, ['data', 'segment_ids', 'name'], () => [x22(), [0, 0]]],
  ['tf.as_string', tf.as_string, ['input', 'precision', 'scientific', 'shortest', 'width', 'fill', 'name'], () => [x22()]],
  ['tf.string_join', tf.string_join, ['inputs', 'separator', 'name'], () => [['a', 'b']]],
  ['tf.decode_raw', tf.decode_raw, ['bytes', 'out_type', 'little_endian', 'name'], () => ['abcd', tf.int32]],
  ['tf.train.summary_iterator', tf.train.summary_iterator, ['path'], () => ['no_such_events_file']],
  ...(['scatter_update', 'scatter_add', 'scatter_sub'] as const).map((n): [string, Fn, string[], () => unknown[]] =>
    [`tf.${n}`, tf[n], ['ref', 'indices', 'updates', 'use_locking', 'name'], () => [tf.Variable(tf.zeros([2])), [1], [3]]]),
  ['tf.sequence_mask', tf.sequence_mask, ['lengths', 'maxlen', 'dtype', 'name'], () => [[1, 2]]],
  ['tf.nn.embedding_lookup', tf.nn.embedding_lookup, ['params', 'ids', 'partition_strategy', 'name', 'validate_indices', 'max_norm'],
    () => [x22(), [1]]],
  ['tf.nn.static_rnn', tf.nn.static_rnn, ['cell', 'inputs', 'initial_state', 'dtype', 'sequence_length', 'scope'],
    () => [tf.nn.rnn_cell.BasicRNNCell(2), [x22()]]],
  ['tf.nn.static_bidirectional_rnn', tf.nn.static_bidirectional_rnn, ['cell_fw', 'cell_bw', 'inputs', 'initial_state_fw',
    'initial_state_bw', 'dtype', 'sequence_length', 'scope'], () => [tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.BasicRNNCell(2), [x22()]]],
  ['tf.nn.dynamic_rnn', tf.nn.dynamic_rnn, ['cell', 'inputs', 'sequence_length', 'initial_state', 'dtype', 'parallel_iterations',
    'swap_memory', 'time_major', 'scope'], () => [tf.nn.rnn_cell.BasicRNNCell(2), x22()]],
  ['tf.nn.bidirectional_dynamic_rnn', tf.nn.bidirectional_dynamic_rnn, ['cell_fw', 'cell_bw', 'inputs', 'sequence_length',
    'initial_state_fw', 'initial_state_bw', 'dtype', 'parallel_iterations', 'swap_memory', 'time_major', 'scope'],
  () => [tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.BasicRNNCell(2), x22()]],
];

/** Functions whose TF1 signature has keywords, bound by hand (no `signature`): [path, call with an extra keyword]. */
const BOUND_BY_HAND: [string, string, () => unknown][] = [
  ['tf.import_graph_def', 'import_graph_def', () => tf.import_graph_def(tf.Graph().as_graph_def(), { [BAD]: 1 })],
  ['tf.variable_scope', 'variable_scope', () => tf.variable_scope('s', { [BAD]: 1 }, () => 1)],
  ['tf.VariableScope', 'VariableScope', () => tf.VariableScope(false, { [BAD]: 1 })],
  ...(['BasicRNNCell', 'BasicLSTMCell', 'LSTMCell', 'GRUCell'] as const).map((n): [string, string, () => unknown] =>
    [`tf.nn.rnn_cell.${n}`, n, () => (tf.nn.rnn_cell[n] as any)(2, { [BAD]: 1 })]),
  ['tf.nn.rnn_cell.MultiRNNCell', 'MultiRNNCell', () => tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(2)], { [BAD]: 1 })],
  ['tf.nn.rnn_cell.DropoutWrapper', 'DropoutWrapper', () => tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2), { [BAD]: 1 })],
  ...([['zeros_initializer', tf.zeros_initializer], ['ones_initializer', tf.ones_initializer], ['constant_initializer', tf.constant_initializer],
    ['random_uniform_initializer', tf.random_uniform_initializer], ['random_normal_initializer', tf.random_normal_initializer],
    ['truncated_normal_initializer', tf.truncated_normal_initializer], ['variance_scaling_initializer', tf.variance_scaling_initializer],
    ['glorot_uniform_initializer', tf.glorot_uniform_initializer], ['glorot_normal_initializer', tf.glorot_normal_initializer]] as const)
    .map(([n, cls]): [string, string, () => unknown] => [`tf.${n}`, n, () => (cls as unknown as Fn)({ [BAD]: 1 })]),
  ['tf.group', 'group', () => tf.group(tf.no_op(), { [BAD]: 1 } as never)],
  ['tf.nn.softmax_cross_entropy_with_logits_v2', 'softmax_cross_entropy_with_logits_v2',
    () => tf.nn.softmax_cross_entropy_with_logits_v2({ labels: x22(), logits: x22(), [BAD]: 1 })],
  ['tf.nn.softmax_cross_entropy_with_logits', 'softmax_cross_entropy_with_logits',
    () => tf.nn.softmax_cross_entropy_with_logits({ labels: x22(), logits: x22(), [BAD]: 1 })],
  ['tf.nn.sparse_softmax_cross_entropy_with_logits', 'sparse_softmax_cross_entropy_with_logits',
    () => tf.nn.sparse_softmax_cross_entropy_with_logits({ labels: [0, 1], logits: x22(), [BAD]: 1 })],
  ['tf.nn.sigmoid_cross_entropy_with_logits', 'sigmoid_cross_entropy_with_logits',
    () => tf.nn.sigmoid_cross_entropy_with_logits({ labels: x22(), logits: x22(), [BAD]: 1 })],
  ['tf.losses.compute_weighted_loss', 'compute_weighted_loss', () => tf.losses.compute_weighted_loss(x22(), { [BAD]: 1 })],
  ['tf.losses.sparse_softmax_cross_entropy', 'sparse_softmax_cross_entropy',
    () => tf.losses.sparse_softmax_cross_entropy([0, 1], x22(), { [BAD]: 1 })],
  ['tf.losses.softmax_cross_entropy', 'softmax_cross_entropy', () => tf.losses.softmax_cross_entropy(x22(), x22(), { [BAD]: 1 })],
  ['tf.losses.mean_squared_error', 'mean_squared_error', () => tf.losses.mean_squared_error(x22(), x22(), { [BAD]: 1 })],
  ['tf.Session', 'Session', () => tf.Session({ graph: tf.get_default_graph(), [BAD]: 1 })],
  ['tf.InteractiveSession', 'InteractiveSession', () => tf.InteractiveSession({ config: {}, [BAD]: 1 })],
  ['tf.Variable', 'Variable', () => tf.Variable(1, { [BAD]: 1 })],
  ['tf.TensorShape', 'TensorShape', () => untyped(tf.TensorShape)([1], { [BAD]: 1 })],
  ['tf.Dimension', 'Dimension', () => untyped(tf.Dimension)(1, { [BAD]: 1 })],
  ['tf.train.Saver', 'Saver', () => { tf.Variable(1); return tf.train.Saver({ max_to_keep: 1, [BAD]: 1 }); }],
  ['tf.train.GradientDescentOptimizer', 'GradientDescentOptimizer', () => tf.train.GradientDescentOptimizer(0.1, { [BAD]: 1 })],
  ['tf.train.MomentumOptimizer', 'MomentumOptimizer', () => tf.train.MomentumOptimizer(0.1, 0.9, { [BAD]: 1 })],
  ['tf.train.AdamOptimizer', 'AdamOptimizer', () => tf.train.AdamOptimizer({ [BAD]: 1 })],
  ['tf.train.AdagradOptimizer', 'AdagradOptimizer', () => tf.train.AdagradOptimizer(0.1, { [BAD]: 1 })],
  ['tf.train.RMSPropOptimizer', 'RMSPropOptimizer', () => tf.train.RMSPropOptimizer(0.1, { [BAD]: 1 })],
  ['tf.train.SessionRunArgs', 'SessionRunArgs', () => untyped(tf.train.SessionRunArgs)({ fetches: x22(), [BAD]: 1 })],
  ['tf.train.LoggingTensorHook', 'LoggingTensorHook', () => untyped(tf.train.LoggingTensorHook)({ tensors: ['a'], every_n_iter: 1, [BAD]: 1 })],
  ['tf.train.StopAtStepHook', 'StopAtStepHook', () => untyped(tf.train.StopAtStepHook)({ num_steps: 1, [BAD]: 1 })],
  ['tf.train.StepCounterHook', 'StepCounterHook', () => untyped(tf.train.StepCounterHook)({ [BAD]: 1 })],
  ['tf.train.CheckpointSaverHook', 'CheckpointSaverHook', () => untyped(tf.train.CheckpointSaverHook)('d', { save_steps: 1, [BAD]: 1 })],
  // features is itself a plain object: a trailing object of parameter names (and an unknown one) is the keywords.
  ['tf.parse_example', 'parse_example', () => tf.parse_example({ serialized: [''], features: { x: tf.VarLenFeature(tf.int64) }, [BAD]: 1 })],
  ['tf.parse_single_example', 'parse_single_example', () => tf.parse_single_example({ serialized: '', features: { x: tf.VarLenFeature(tf.int64) }, [BAD]: 1 })],
  ['tf.SparseTensor', 'SparseTensor', () => untyped(tf.SparseTensor)([[0]], [1], [1], { [BAD]: 1 })],
];

/** Methods with TF1 keywords: [what, Python's function name, call with an extra keyword]. */
const METHODS: [string, string, () => unknown][] = [
  ['Session.run', 'run', () => tf.Session().run(x22(), { feed_dict: {}, [BAD]: 1 })],
  ['Tensor.eval', 'eval', () => x22().eval({ feed_dict: {}, session: tf.Session(), [BAD]: 1 })],
  ['Operation.run', 'run', () => tf.no_op().run({ feed_dict: {}, [BAD]: 1 })],
  ['Variable.eval', 'eval', () => tf.Variable(1).eval({ [BAD]: 1 })],
  ['Variable.assign', 'assign', () => tf.Variable(1).assign(2, { [BAD]: 1 })],
  ['Variable.assign_add', 'assign_add', () => tf.Variable(1).assign_add(2, { [BAD]: 1 })],
  ['Variable.assign_sub', 'assign_sub', () => tf.Variable(1).assign_sub(2, { [BAD]: 1 })],
  ['Variable.load', 'load', () => tf.Variable(1).load(2, { [BAD]: 1 })],
  ['Optimizer.minimize', 'minimize', () => { const v = tf.Variable(1.0); return tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(v), { [BAD]: 1 }); }],
  ['Optimizer.compute_gradients', 'compute_gradients', () => tf.train.GradientDescentOptimizer(0.1).compute_gradients(tf.square(tf.Variable(1.0)), { [BAD]: 1 })],
  ['Optimizer.apply_gradients', 'apply_gradients', () => tf.train.GradientDescentOptimizer(0.1).apply_gradients([], { [BAD]: 1 })],
  ['Saver.save', 'save', () => { tf.Variable(1); return tf.train.Saver().save(tf.Session(), 'p', { [BAD]: 1 }); }],
  ['Saver.export_meta_graph', 'export_meta_graph', () => { tf.Variable(1); return tf.train.Saver().export_meta_graph('m.meta', { [BAD]: 1 }); }],
  ['Saver.recover_last_checkpoints', 'recover_last_checkpoints', () => { tf.Variable(1); return tf.train.Saver().recover_last_checkpoints([], { [BAD]: 1 }); }],
  ['Saver.restore', 'restore', () => { tf.Variable(1); return tf.train.Saver().restore(tf.Session(), 'p', { [BAD]: 1 }); }],
];

/**
 * Public functions without a keyword to check here: classes and functions with no optional
 * Python parameter, names that are not TF1's, and tf.saved_model (another part of #18).
 */
const NO_KEYWORDS = new Set([
  'tf.as_dtype', 'tf.Tensor', 'tf.Operation', 'tf.Graph', 'tf.get_default_graph', 'tf.reset_default_graph', 'tf.name_scope',
  'tf.control_dependencies', 'tf.get_default_session', 'tf.convert_to_tensor',
  'tf.RegisterGradient', 'tf.NotDifferentiable', 'tf.global_variables_initializer', 'tf.local_variables_initializer',
  'tf.initialize_all_variables', 'tf.NDArray', 'tf.register_op', 'tf.GpuBackend', 'tf.train.Optimizer',
  'tf.train.get_checkpoint_state', 'tf.get_variable_scope', 'tf.get_collection_ref', 'tf.add_to_collection', 'tf.add_to_collections',
  // Hook base classes and the timer: constructed by the run loop, or without optional parameters.
  'tf.train.SessionRunHook', 'tf.train.SessionRunContext', 'tf.train.SessionRunValues', 'tf.train.SecondOrStepTimer',
]);

function publicFunctions(): string[] {
  const out: string[] = [];
  const spaces: [string, Record<string, unknown>][] = [['tf', tf as never], ['tf.nn', tf.nn as never], ['tf.train', tf.train as never], ['tf.losses', tf.losses as never]];
  for (const [prefix, ns] of spaces) {
    for (const [k, v] of Object.entries(ns)) if (typeof v === 'function') out.push(`${prefix}.${k}`);
  }
  return out;
}

describe('keyword arguments (TF1 signatures as options objects)', () => {
  beforeEach(() => tf.reset_default_graph());

  describe('an unknown keyword is a TypeError naming the function and the key', () => {
    for (const [where, fn, params, required] of FUNCTIONS) {
      it(`${where}(${params.join(', ')})`, () => {
        const sig = (fn as unknown as { signature: PySignature }).signature;
        expect(sig.params).to.deep.equal(params);
        expect(() => fn(...required(), { [BAD]: 1 })).to.throw(TypeError, unexpected(sig.name));
      });
    }
    for (const [where, pyName, call] of [...BOUND_BY_HAND, ...METHODS]) {
      it(where, () => expect(call).to.throw(TypeError, unexpected(pyName)));
    }
  });

  it('the tables cover every public function of tf, tf.nn, tf.train and tf.losses', () => {
    const listed = new Set([...FUNCTIONS.map(([w]) => w), ...BOUND_BY_HAND.map(([w]) => w), ...NO_KEYWORDS]);
    expect(publicFunctions().filter((f) => !listed.has(f))).to.deep.equal([]);
  });

  it('reduce_mean: positional, trailing options, all keywords and TF1\'s older names give the same op', () => {
    const x = x22();
    const sess = tf.Session();
    const forms = [
      tf.reduce_mean(x, 1), tf.reduce_mean(x, { axis: 1 }), tf.reduce_mean({ input_tensor: x, axis: 1 }),
      tf.reduce_mean(x, { reduction_indices: 1 }), tf.reduce_mean(x, 1, false, 'm'),
    ];
    for (const f of forms) expect(sess.run(f).toArray()).to.deep.equal([1.5, 3.5]);
    expect(forms[4].op.name).to.equal('m');
    expect(tf.reduce_mean(x, { axis: 1, keep_dims: true }).shape).to.deep.equal([2, 1]);
    expect(tf.reduce_mean({ input_tensor: x, keepdims: true, name: 'kd' }).op.name).to.equal('kd');
  });

  it('binding errors are Python\'s TypeErrors, not a failed tensor conversion', () => {
    const x = x22();
    expect(() => tf.reduce_mean(x, { keep: true })).to.throw(TypeError,
      "reduce_mean() got an unexpected keyword argument 'keep'; it accepts input_tensor, axis, keepdims, name, reduction_indices, keep_dims");
    expect(() => tf.reduce_mean({ axis: 1 })).to.throw(TypeError, "reduce_mean() missing 1 required positional argument: 'input_tensor'");
    expect(() => tf.reduce_mean(x, 1, { axis: 0 })).to.throw(TypeError, "reduce_mean() got multiple values for argument 'axis'");
    expect(() => untyped(tf.reduce_mean)(x, 1, false, 'n', null, null, 7)).to.throw(TypeError, 'reduce_mean() takes at most 6 positional arguments');
    // add(x, y=1) in Python: the object is keywords, never a tensor value.
    expect(tf.Session().run(tf.add(x, { y: 1 })).toArray()).to.deep.equal([[2, 3], [4, 5]]);
    expect(() => untyped(tf.add)(x, { z: 1 })).to.throw(TypeError, "add() got an unexpected keyword argument 'z'");
    expect(() => tf.add(x)).to.throw(TypeError, "add() missing 1 required positional argument: 'y'");
    expect(() => untyped(tf.add)(x, 1, { nam: 'a' })).to.throw(TypeError, "add() got an unexpected keyword argument 'nam'");
    expect(() => untyped(tf.reshape)(x, [4], { nmae: 'r' })).to.throw(TypeError, "reshape() got an unexpected keyword argument 'nmae'");
  });

  it('a positional argument in another parameter\'s place is an error, not ignored', () => {
    const x = x22();
    // TF1's third positional of matmul is transpose_a, not the name.
    expect(() => untyped(tf.matmul)(x, x, 'mm')).to.throw(TypeError, "matmul() argument 'transpose_a' must be a bool, got \"mm\"");
    expect(tf.matmul(x, x, true).op.get_attr('transpose_a')).to.equal(true);
    // TF1's second positional of Variable is trainable.
    expect(() => tf.Variable(1, 'w')).to.throw(TypeError, "Variable() argument 'trainable' must be a bool");
    expect(tf.Variable(1, false).trainable).to.equal(false);
    expect(tf.Variable(1, { name: 'w' }).op.name).to.equal('w');
    // The fifth positional of conv2d is use_cudnn_on_gpu: a name there fails the attr check.
    expect(() => untyped(tf.nn.conv2d)(tf.zeros([1, 3, 3, 1]), tf.zeros([1, 1, 1, 1]), [1, 1, 1, 1], 'SAME', 'c'))
      .to.throw(tf.errors.ValueError, "Attr 'use_cudnn_on_gpu'");
  });

  it('keyword forms of common TF1 calls: concat, random_normal, conv2d, max_pool, transpose, one_hot, constant', () => {
    const x = x22();
    const sess = tf.Session();
    expect(sess.run(tf.concat({ values: [x, x], axis: 0, name: 'c' })).shape).to.deep.equal([4, 2]);
    expect(tf.concat([x, x], 1, { name: 'cc' }).op.name).to.equal('cc');
    tf.set_random_seed(3);
    const a = tf.random_normal([3], { mean: 10, stddev: 0.001, seed: 1 });
    const b = tf.random_normal({ shape: [3], mean: 10, stddev: 0.001, seed: 1, name: 'rn' });
    const s = tf.Session();
    const [va, vb] = s.run([a, b]);
    expect(Array.from(va.data as Float32Array)).to.deep.equal(Array.from(vb.data as Float32Array));
    for (const v of va.data as Float32Array) expect(v).to.be.closeTo(10, 0.01);
    expect(b.op.name).to.equal('rn');
    const img = tf.ones([1, 2, 2, 1]);
    const c = tf.nn.conv2d(img, tf.ones([1, 1, 1, 1]), { strides: [1, 1, 1, 1], padding: 'SAME', name: 'conv' });
    expect(c.op.name).to.equal('conv');
    expect(tf.nn.max_pool(img, { ksize: [1, 2, 2, 1], strides: [1, 1, 1, 1], padding: 'VALID' }).shape).to.deep.equal([1, 1, 1, 1]);
    expect(tf.transpose({ a: x, perm: [1, 0] }).shape).to.deep.equal([2, 2]);
    expect(s.run(tf.one_hot([1], 2, { on_value: 5, off_value: -1 })).toArray()).to.deep.equal([[-1, 5]]);
    expect(tf.constant([1, 2], 'int32').dtype).to.equal('int32');
    expect(tf.constant({ value: 1, dtype: 'float32', shape: [2], name: 'k' }).op.name).to.equal('k');
    expect(() => tf.constant([1, 2], { shape: [2, 1], verify_shape: true })).to.throw(TypeError, "Expected Tensor's shape: (2, 1), got (2,).");
  });

  it('TF1\'s older parameter names and later positions bind as in Python', () => {
    const x = x22();
    const sess = tf.Session();
    expect(tf.expand_dims(x, { dim: 0 }).shape).to.deep.equal([1, 2, 2]);
    expect(tf.squeeze(tf.zeros([1, 2, 1]), { squeeze_dims: [0] }).shape).to.deep.equal([2, 1]);
    expect(tf.squeeze(tf.zeros([1, 2, 1]), null, 'sq').op.name).to.equal('sq');
    expect(tf.shape(x, 'sh', 'int64').dtype).to.equal('int64');
    expect(tf.shape(x, { out_type: 'int64' }).dtype).to.equal('int64');
    expect(tf.zeros_like(x, 'int32', 'zl').dtype).to.equal('int32');
    expect(sess.run(tf.range(1, { limit: 7, delta: 2 })).toArray()).to.deep.equal([1, 3, 5]);
    expect(sess.run(tf.pad([1], [[1, 1]], { constant_values: 9 })).toArray()).to.deep.equal([9, 1, 9]);
    expect(tf.stack([x, x], 1, 'st').shape).to.deep.equal([2, 2, 2]);
    expect(tf.unstack(x, { axis: 1 }).length).to.equal(2);
    expect(sess.run(tf.nn.softmax([[0, 0], [0, 0]], { dim: 0 })).toArray()).to.deep.equal([[0.5, 0.5], [0.5, 0.5]]);
    expect(tf.nn.bias_add(x, [1, 1], 'NHWC', 'ba').op.name).to.equal('ba');
    expect(tf.nn.leaky_relu(x, { alpha: 0.1 }).op.get_attr('alpha')).to.be.closeTo(0.1, 1e-7);
    expect(tf.argmax(x, { dimension: 1, output_type: 'int32' }).dtype).to.equal('int32');
    expect(tf.cast({ x, dtype: 'int32' }).dtype).to.equal('int32');
  });

  it('tf.gradients(ys, xs, grad_ys, name, ..., stop_gradients) positional or by keyword', () => {
    const a = tf.Variable(2.0);
    const b = tf.multiply(a, 3);
    const y = tf.multiply(a, b);
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    const [full] = tf.gradients(y, a);
    const [stopped] = tf.gradients(y, a, { stop_gradients: [b], name: 'g' });
    const [positional] = tf.gradients(y, [a], null, 'g2', false, false, null, [b]);
    expect(sess.run(full)).to.equal(12);
    expect(sess.run(stopped)).to.equal(6);
    expect(sess.run(positional)).to.equal(6);
    expect(stopped!.name.startsWith('g/')).to.equal(true);
    expect(positional!.name.startsWith('g2/')).to.equal(true);
  });

  it('dropout takes keep_prob or TF1.13+\'s rate (1 - keep_prob), not both, not neither', () => {
    const x = tf.ones([1000]);
    const byRate = tf.nn.dropout(x, { rate: 0.75, seed: 5 });
    const byKeep = tf.nn.dropout(x, { keep_prob: 0.25, seed: 5 });
    const sess = tf.Session();
    const [r, k] = sess.run([byRate, byKeep]);
    const kept = (a: { data: ArrayLike<number> }) => Array.from(a.data).filter((v) => v !== 0);
    expect(kept(r).length).to.be.within(150, 350);
    for (const v of kept(r)) expect(v).to.equal(4);
    for (const v of kept(k)) expect(v).to.equal(4);
    expect(() => tf.nn.dropout(x, 0.5, { rate: 0.5 })).to.throw(tf.errors.ValueError, "Cannot specify both 'rate' and 'keep_prob'");
    expect(() => tf.nn.dropout(x)).to.throw(tf.errors.ValueError, 'You must provide a rate to dropout.');
    const rate = tf.placeholder('float32', []);
    expect(sess.run(tf.nn.dropout(x, { rate }), { [rate.name]: 0 }).data[0]).to.equal(1);
  });

  it('optimizers: minimize({loss}), compute_gradients({loss}), apply_gradients({grads_and_vars, global_step})', () => {
    const v = tf.Variable(3.0);
    const step = tf.train.get_or_create_global_step();
    const opt = tf.train.GradientDescentOptimizer(0.5);
    const pairs = opt.compute_gradients({ loss: tf.square(v), var_list: [v] });
    const train = opt.apply_gradients({ grads_and_vars: pairs, global_step: step });
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    sess.run(train);
    expect(sess.run(v)).to.equal(0);
    expect(sess.run(step)).to.equal(1);
    const m = opt.minimize({ loss: tf.square(v), global_step: step, name: 'mini' });
    expect(m.name).to.equal('mini');
    expect(() => opt.apply_gradients({ global_step: step })).to.throw(TypeError, "apply_gradients() missing 1 required positional argument: 'grads_and_vars'");
  });

  it('Variable methods: assign(value, {read_value}), eval({session}), load(value, {session})', () => {
    const v = tf.Variable(1.0, { name: 'v' });
    const sess = tf.Session();
    sess.run(v.initializer);
    expect(v.assign(5, { read_value: false })).to.be.instanceOf(tf.Operation);
    sess.run(tf.assign(v, 2, { name: 'set2' }));
    expect(v.eval({ session: sess })).to.equal(2);
    v.load(7, { session: sess });
    expect(v.eval(sess)).to.equal(7);
    expect(tf.global_variables('v').length).to.equal(1);
    expect(tf.global_variables({ scope: 'w' }).length).to.equal(0);
  });
});

describe('Session.run, Tensor.eval and Operation.run keywords', () => {
  beforeEach(() => tf.reset_default_graph());

  it('sess.run(fetches, {feed_dict, options, run_metadata}) beside sess.run(fetches, feeds) and run({fetches, feed_dict})', () => {
    const p = tf.placeholder('float32', [], 'p');
    const y = tf.multiply(p, 2);
    const sess = tf.Session();
    expect(sess.run(y, { feed_dict: { [p.name]: 3 } })).to.equal(6);
    expect(sess.run(y, { feed_dict: { 'p:0': 4 }, options: {}, run_metadata: {} })).to.equal(8);
    expect(sess.run(y, { [p.name]: 5 })).to.equal(10);
    expect(sess.run(y, [[p, 6]])).to.equal(12);
    expect(sess.run(y, { 'p:0': 1 }, {}, {})).to.equal(2);
    expect(sess.run({ fetches: y, feed_dict: { [p.name]: 7 } })).to.equal(14);
    // A dict of fetches (no 'fetches' key) is still fetches.
    expect(sess.run({ a: y, b: p }, { feed_dict: { [p.name]: 1 } })).to.deep.equal({ a: 2, b: 1 });
    expect(sess.run(tf.constant(1), { options: {} })).to.equal(1);
  });

  it('sess.run argument errors are TypeErrors', () => {
    const sess = tf.Session();
    const c = tf.constant(1);
    // With feed_dict among its keys the object is the keywords, so a misspelt one is named.
    expect(() => sess.run(c, { feed_dict: {}, option: {} })).to.throw(TypeError, "run() got an unexpected keyword argument 'option'");
    expect(() => sess.run(c, { optons: {} })).to.throw(TypeError, "Cannot interpret feed_dict key 'optons' as a Tensor");
    expect(() => sess.run(c, {}, {}, {}, {})).to.throw(TypeError, 'run() takes at most 4 positional arguments');
    expect(() => sess.run(c, {}, { feed_dict: {} })).to.throw(TypeError, "run() got multiple values for argument 'feed_dict'");
  });

  it('run_async takes the same keywords', async () => {
    const p = tf.placeholder('float32', [], 'p');
    const sess = tf.Session();
    expect(await sess.run_async(tf.add(p, 1), { feed_dict: { [p.name]: 1 } })).to.equal(2);
    let caught: unknown = null;
    await sess.run_async(p, { feed_dict: {}, [BAD]: 1 }).catch((e: unknown) => { caught = e; });
    expect(caught).to.be.instanceOf(TypeError);
  });

  it('t.eval(feed_dict, session), t.eval({feed_dict, session}), op.run({feed_dict, session})', () => {
    const p = tf.placeholder('float32', [], 'p');
    const v = tf.Variable(0.0);
    const set = tf.assign(v, p).op;
    const sess = tf.Session();
    expect(tf.add(p, 1).eval({ [p.name]: 2 }, sess)).to.equal(3);
    expect(tf.add(p, 1).eval({ feed_dict: { [p.name]: 3 }, session: sess })).to.equal(4);
    set.run({ feed_dict: [[p, 9]], session: sess });
    expect(v.eval({ session: sess })).to.equal(9);
    set.run(new Map([[p, 8]]), sess);
    expect(sess.run(v)).to.equal(8);
    sess.as_default(() => expect(p.eval({ feed_dict: { [p.name]: 5 } })).to.equal(5));
    expect(() => p.eval({ [p.name]: 1 }, 'sess')).to.throw(TypeError, "eval() argument 'session' must be a Session");
    expect(() => p.eval({ feed_dict: {} }, sess, 3)).to.throw(TypeError, 'eval() takes at most 2 positional arguments');
  });
});

describe('Saver arguments as TF1 binds them', () => {
  let tmp: string;
  beforeEach(() => { tf.reset_default_graph(); tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-kw-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('save(sess, path, 7) is global_step=7; a non-number there is a TypeError', () => {
    const v = tf.Variable(1.0, { name: 'v' });
    const saver = tf.train.Saver();
    const sess = tf.Session();
    sess.run(v.initializer);
    const prefix = path.join(tmp, 'model');
    expect(saver.save(sess, prefix, 7)).to.equal(`${prefix}-7`);
    expect(saver.save(sess, prefix, { global_step: 8, write_meta_graph: false })).to.equal(`${prefix}-8`);
    expect(fs.existsSync(`${prefix}-8.meta`)).to.equal(false);
    expect(saver.save({ sess, save_path: prefix, global_step: 9, meta_graph_suffix: 'mg' })).to.equal(`${prefix}-9`);
    expect(fs.existsSync(`${prefix}-9.mg`)).to.equal(true);
    expect(() => saver.save(sess, prefix, 'ckpt')).to.throw(TypeError, "save() argument 'global_step' must be a number, a Variable or a Tensor, got \"ckpt\"");
    expect(() => saver.save(sess)).to.throw(TypeError, "save() missing 1 required positional argument: 'save_path'");
  });

  it('Saver(var_list) takes a list or a dict positionally, keywords by name', () => {
    const a = tf.Variable(1.0, { name: 'a' });
    const b = tf.Variable(2.0, { name: 'b' });
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    const prefix = path.join(tmp, 'm');
    tf.train.Saver([a]).save(sess, prefix, { write_meta_graph: false });
    // Keys are checkpoint names, not keywords: this dict is the var_list.
    tf.train.Saver({ renamed: b }).save(sess, `${prefix}2`, { write_meta_graph: false });
    const onlyA = tf.train.Saver([a], null, null, 1);
    expect(() => onlyA.restore(sess, `${prefix}2`)).to.throw(tf.errors.NotFoundError);
    const keyword = tf.train.Saver({ var_list: { renamed: a }, max_to_keep: 1 });
    keyword.restore(sess, `${prefix}2`);
    expect(sess.run(a)).to.equal(2);
    expect(() => tf.train.Saver({ var_list: [a], sharded: true })).to.throw(tf.errors.ValueError, 'sharded is not supported');
  });
});
