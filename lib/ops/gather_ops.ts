import { Tensor, TensorLike } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { DType, as_dtype, isInteger } from '../framework/dtypes';
import { ValueError } from '../framework/errors';
import { NameArg, nameFrom, convertToTensor, graphOf } from '../framework/convert';
import { pyfunc } from '../framework/python_args';
import { makeOp1 } from './op_builder';
import { buildOp, indexArg } from './array_ops';
import { Variable } from './variables';

/*
 * TF1's gathering, segment-sum and scatter functions (ops in lib/ops/defs/gather/).
 * JS arrays of indices become int32 constants named after the op's argument
 * ('GatherV2/indices'), as TF1's op_def_library converts Python lists.
 */

type IndexLike = TensorLike | number[] | number[][] | NDArray;

/**
 * tf.gather(params, indices, validate_indices=None, name=None, axis=0): slices of params
 * along axis. validate_indices is accepted and ignored, as TF1 does on CPU: indices are
 * always checked (an index out of range is an InvalidArgumentError when the op runs).
 */
export const gather = pyfunc('gather', ['params', 'indices', 'validate_indices', 'name', 'axis', 'batch_dims'], 2,
  function gather(params: TensorLike, indices: IndexLike, _validate_indices?: boolean | null, name?: NameArg,
  axis?: number | Tensor | null, batch_dims?: number | null): Tensor {
  if (batch_dims) throw new ValueError(`tf.gather: batch_dims=${batch_dims} is not supported; tensorgraph implements batch_dims=0`);
  return buildOp('GatherV2', 'GatherV2', [
    { arg: 'params', value: params },
    { arg: 'indices', ...indexArg(indices as TensorLike, 'tf.gather indices') },
    { arg: 'axis', value: axis ?? 0, dtype: axisDtype(axis) },
  ], {}, nameFrom(name)).outputs[0];
});

/** tf.gather_nd(params, indices, name=None): slices of params addressed by indices' last dimension. */
export const gather_nd = pyfunc('gather_nd', ['params', 'indices', 'name'], 2,
  function gather_nd(params: TensorLike, indices: IndexLike, name?: NameArg): Tensor {
  return buildOp('GatherNd', 'GatherNd', [
    { arg: 'params', value: params }, { arg: 'indices', ...indexArg(indices as TensorLike, 'tf.gather_nd indices') },
  ], {}, nameFrom(name)).outputs[0];
});

/** tf.scatter_nd(indices, updates, shape, name=None): zeros of `shape` with updates added where indices point. */
export const scatter_nd = pyfunc('scatter_nd', ['indices', 'updates', 'shape', 'name'], 3,
  function scatter_nd(indices: IndexLike, updates: TensorLike, shape: IndexLike, name?: NameArg): Tensor {
  const idx = indexArg(indices as TensorLike, 'tf.scatter_nd indices');
  const indexType = idx.value instanceof Tensor ? idx.value.dtype : 'int32';
  return buildOp('ScatterNd', 'ScatterNd', [
    { arg: 'indices', ...idx }, { arg: 'updates', value: updates }, { arg: 'shape', value: shape as TensorLike, dtype: indexType },
  ], {}, nameFrom(name)).outputs[0];
});

/** tf.unsorted_segment_sum(data, segment_ids, num_segments, name=None) (also tf.math.unsorted_segment_sum). */
export const unsorted_segment_sum = pyfunc('unsorted_segment_sum', ['data', 'segment_ids', 'num_segments', 'name'], 3,
  function unsorted_segment_sum(data: TensorLike, segment_ids: IndexLike, num_segments: number | Tensor, name?: NameArg): Tensor {
  return buildOp('UnsortedSegmentSum', 'UnsortedSegmentSum', [
    { arg: 'data', value: data },
    { arg: 'segment_ids', ...indexArg(segment_ids as TensorLike, 'tf.unsorted_segment_sum segment_ids') },
    { arg: 'num_segments', value: num_segments, dtype: axisDtype(num_segments) },
  ], {}, nameFrom(name)).outputs[0];
});

/** tf.math.segment_sum(data, segment_ids, name=None) (also tf.segment_sum): segment_ids sorted, from 0. */
export const segment_sum = pyfunc('segment_sum', ['data', 'segment_ids', 'name'], 2,
  function segment_sum(data: TensorLike, segment_ids: IndexLike, name?: NameArg): Tensor {
  return buildOp('SegmentSum', 'SegmentSum', [
    { arg: 'data', value: data },
    { arg: 'segment_ids', ...indexArg(segment_ids as TensorLike, 'tf.math.segment_sum segment_ids') },
  ], {}, nameFrom(name)).outputs[0];
});

function scatterFn(type: string, fnName: string, lockingDefault: boolean) {
  return pyfunc(fnName, ['ref', 'indices', 'updates', 'use_locking', 'name'], 3,
    (ref: Variable, indices: IndexLike, updates: TensorLike, use_locking?: boolean | null, name?: NameArg): Tensor => {
      if (!(ref instanceof Variable)) throw new TypeError(`tf.${fnName}: ref must be a Variable, got ${String(ref)}`);
      return buildOp(type, type, [
        { arg: 'ref', value: ref._ref },
        { arg: 'indices', ...indexArg(indices as TensorLike, `tf.${fnName} indices`) },
        { arg: 'updates', value: updates, dtype: ref.dtype },
      ], { use_locking: use_locking ?? lockingDefault }, nameFrom(name)).outputs[0];
    });
}

/** tf.scatter_update(ref, indices, updates, use_locking=True, name=None): rows of a variable set; gives the updated ref. */
export const scatter_update = scatterFn('ScatterUpdate', 'scatter_update', true);
/** tf.scatter_add(ref, indices, updates, use_locking=False, name=None) */
export const scatter_add = scatterFn('ScatterAdd', 'scatter_add', false);
/** tf.scatter_sub(ref, indices, updates, use_locking=False, name=None) */
export const scatter_sub = scatterFn('ScatterSub', 'scatter_sub', false);

/**
 * tf.sequence_mask(lengths, maxlen=None, dtype=tf.bool, name=None): mask[i..., j] =
 * j < lengths[i...], for j in [0, maxlen) (maxlen: the largest length when not given).
 * Built from Max, Maximum, Range, ExpandDims, Cast and Less under 'SequenceMask', as TF1.
 */
export const sequence_mask = pyfunc('sequence_mask', ['lengths', 'maxlen', 'dtype', 'name'], 1,
  function sequence_mask(lengths: TensorLike, maxlen?: number | Tensor | null, dtype?: DType | string | null, name?: NameArg): Tensor {
  const g = graphOf([lengths, maxlen]);
  return g.name_scope(nameFrom(name) ?? 'SequenceMask', () => {
    const lenArg = indexArg(lengths, 'tf.sequence_mask lengths');
    const len = convertToTensor(lenArg.value, lenArg.dtype, undefined, g);
    if (!isInteger(len.dtype)) throw new TypeError(`tf.sequence_mask: lengths must be integers, got ${len.dtype}`);
    let limit: Tensor;
    if (maxlen === undefined || maxlen === null) {
      const rank = len.shape?.length ?? null;
      const axes = rank === null ? makeOp1('Range', [0, makeOp1('Rank', [len]), 1].map((v) => convertToTensor(v as TensorLike, 'int32', undefined, g)), { Tidx: 'int32' })
        : convertToTensor(Array.from({ length: rank }, (_, i) => i), 'int32', 'Const', g);
      const longest = makeOp1('Max', [len, axes], { keep_dims: false });
      limit = makeOp1('Maximum', [convertToTensor(0, len.dtype, 'Const', g), longest]);
    } else {
      limit = convertToTensor(maxlen, maxlen instanceof Tensor ? undefined : len.dtype, undefined, g);
    }
    if (limit.shape !== null && limit.shape.length !== 0) throw new ValueError('maxlen must be scalar for sequence_mask');
    const row = makeOp1('Range', [convertToTensor(0, limit.dtype, 'Const', g), limit, convertToTensor(1, limit.dtype, 'Const', g)],
      { Tidx: limit.dtype });
    const expanded = buildOp('ExpandDims', 'ExpandDims', [{ arg: 'input', value: len }, { arg: 'dim', value: -1, dtype: 'int32' }], {}).outputs[0];
    const matrix = makeOp1('Cast', [expanded], { DstT: limit.dtype });
    const mask = makeOp1('Less', [row, matrix]);
    const dt = dtype ? as_dtype(dtype) : 'bool';
    return dt === 'bool' ? mask : makeOp1('Cast', [mask], { DstT: dt });
  });
});

/** An axis or count given as a JS number is int32; a tensor keeps its dtype. */
function axisDtype(v: unknown): DType | undefined {
  return v instanceof Tensor ? undefined : 'int32';
}
