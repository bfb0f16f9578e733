import { Tensor, TensorLike, installTensorIndexing, IndexItem } from '../framework/tensor';
import { NameArg, nameFrom, convertToTensor } from '../framework/convert';
import { ValueError } from '../framework/errors';
import { pyfunc } from '../framework/python_args';
import { makeOp1 } from './op_builder';
import { stack } from './array_ops';
import { gather } from './gather_ops';
import { TensorShape } from '../framework/tensor_shape';

/*
 * TF1's slicing and selection functions: tf.strided_slice and Python's t[...] (as
 * t.index(...)), tf.split, tf.reverse, tf.reverse_sequence, tf.boolean_mask.
 * Op definitions: lib/ops/defs/array/{StridedSlice,Split,Reverse}.ts.
 */

/** Python's `None` in a slice (t[tf.newaxis]): a new dimension of size 1. */
export const newaxis = null;

type IndexList = number[] | Tensor;

function indexOperand(v: TensorLike, g: Tensor['graph']): Tensor {
  return convertToTensor(v, v instanceof Tensor ? undefined : 'int32', undefined, g);
}

/**
 * tf.strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
 * new_axis_mask=0, shrink_axis_mask=0, var=None, name=None): strides default to ones.
 */
export const strided_slice = pyfunc('strided_slice',
  ['input_', 'begin', 'end', 'strides', 'begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask', 'var', 'name'], 3,
  function strided_slice(input_: TensorLike, begin: IndexList, end: IndexList, strides?: IndexList | null, begin_mask = 0, end_mask = 0,
    ellipsis_mask = 0, new_axis_mask = 0, shrink_axis_mask = 0, _var?: unknown, name?: NameArg): Tensor {
    const x = convertToTensor(input_);
    const b = indexOperand(begin, x.graph), e = indexOperand(end, x.graph);
    const s = strides !== undefined && strides !== null ? indexOperand(strides, x.graph)
      // Ones as a constant when begin's length is known, so the output shape can be inferred.
      : b.shape?.length === 1 && b.shape[0] !== null ? convertToTensor(new Array<number>(b.shape[0]).fill(1), b.dtype, undefined, x.graph)
      : makeOp1('OnesLike', [b]);
    const masks = { begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask };
    return x.graph.create_op('StridedSlice', [x, b, e, s], masks, nameFrom(name) ?? 'StridedSlice').outputs[0];
  });

/** One parsed entry of a Python index expression. */
type SliceEntry =
  | { kind: 'index'; value: number | Tensor }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'ellipsis' }
  | { kind: 'newaxis' };

const INT = /^[+-]?\d+$/;

/** Parses one comma-separated part of a Python index expression ('1:3', '::2', '-1', '...', 'None'). */
function parsePart(text: string, whole: string): SliceEntry {
  const t = text.trim();
  if (t === '...') return { kind: 'ellipsis' };
  if (t === 'None' || t === 'tf.newaxis' || t === 'newaxis') return { kind: 'newaxis' };
  if (INT.test(t)) return { kind: 'index', value: Number(t) };
  const parts = t.split(':').map((p) => p.trim());
  if (parts.length >= 2 && parts.length <= 3 && parts.every((p) => p === '' || INT.test(p))) {
    const num = (p: string | undefined) => (p === undefined || p === '' ? null : Number(p));
    return { kind: 'slice', start: num(parts[0]), stop: num(parts[1]), step: num(parts[2]) };
  }
  throw new ValueError(`Cannot parse '${text.trim()}' in the index expression '${whole}': expected an integer, ` +
    `a slice start:stop:step, '...' or None (tf.newaxis)`);
}

function parseIndex(items: IndexItem[]): SliceEntry[] {
  const entries: SliceEntry[] = [];
  for (const item of items) {
    if (item === null) entries.push({ kind: 'newaxis' });
    else if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new TypeError(`Only integers, slices, ellipsis, tf.newaxis and scalar int32/int64 tensors are valid indices, got ${item}`);
      entries.push({ kind: 'index', value: item });
    } else if (typeof item === 'string') {
      for (const part of item.split(',')) entries.push(parsePart(part, item));
    } else if (item instanceof Tensor) {
      if (item.dtype !== 'int32' && item.dtype !== 'int64') {
        throw new TypeError(`Only integers, slices, ellipsis, tf.newaxis and scalar int32/int64 tensors are valid indices, got ${item}`);
      }
      entries.push({ kind: 'index', value: item });
    } else {
      throw new TypeError(`Only integers, slices (as strings: '1:3'), '...', tf.newaxis and scalar int32/int64 tensors are valid indices, got ${String(item)}`);
    }
  }
  return entries;
}

/**
 * Python's t[...] (TF1's Tensor.__getitem__): t.index(':, -1') is t[:, -1]; items may also
 * be given apart, t.index(0, '1:3', tf.newaxis, i) for t[0, 1:3, tf.newaxis, i] with a scalar
 * tensor i. Builds one StridedSlice named 'strided_slice', with TF1's masks.
 */
export function tensorIndex(x: Tensor, items: IndexItem[]): Tensor {
  const entries = parseIndex(items);
  const begin: (number | Tensor)[] = [], end: (number | Tensor)[] = [], strides: number[] = [];
  const masks = { begin_mask: 0, end_mask: 0, ellipsis_mask: 0, new_axis_mask: 0, shrink_axis_mask: 0 };
  let ellipses = 0;
  entries.forEach((entry, i) => {
    const bit = 1 << i;
    switch (entry.kind) {
      case 'slice':
        if (entry.step === 0) throw new ValueError('slice step cannot be zero');
        begin.push(entry.start ?? 0); end.push(entry.stop ?? 0); strides.push(entry.step ?? 1);
        if (entry.start === null) masks.begin_mask |= bit;
        if (entry.stop === null) masks.end_mask |= bit;
        break;
      case 'ellipsis':
        if (++ellipses > 1) throw new ValueError('Multiple ellipses in slice spec not allowed');
        begin.push(0); end.push(0); strides.push(1); masks.ellipsis_mask |= bit;
        break;
      case 'newaxis':
        begin.push(0); end.push(0); strides.push(1); masks.new_axis_mask |= bit;
        break;
      case 'index': {
        const v = entry.value;
        begin.push(v);
        end.push(typeof v === 'number' ? v + 1 : makeOp1('Add', [v, convertToTensor(1, v.dtype, undefined, v.graph)]));
        strides.push(1);
        masks.shrink_axis_mask |= bit;
        break;
      }
    }
  });
  const g = x.graph;
  // TF1's names: strided_slice/stack, stack_1 and stack_2 for begin, end and strides.
  return g.name_scope('strided_slice', (scope) => {
    const operand = (vs: (number | Tensor)[], name: string): Tensor => {
      const tensorDtype = vs.find((v): v is Tensor => v instanceof Tensor)?.dtype;
      if (!tensorDtype) return convertToTensor(Int32Array.from(vs as number[]), 'int32', name, g);
      return stack(vs.map((v) => (v instanceof Tensor ? v : convertToTensor(v, tensorDtype, undefined, g))), 0, name);
    };
    const b = operand(begin, 'stack'), e = operand(end, 'stack_1');
    const s = convertToTensor(Int32Array.from(strides), b.dtype, 'stack_2', g);
    return g.create_op('StridedSlice', [x, b, e, s], masks, scope).outputs[0];
  });
}

installTensorIndexing(tensorIndex);

/**
 * tf.split(value, num_or_size_splits, axis=0, num=None, name='split'): a number makes that
 * many equal parts (op Split), a list or 1-D tensor parts of those sizes, one -1
 * inferred (op SplitV; num is needed when a tensor's length is unknown).
 */
export const split = pyfunc('split', ['value', 'num_or_size_splits', 'axis', 'num', 'name'], 2,
  function split(value: TensorLike, num_or_size_splits: number | number[] | Tensor, axis: number | Tensor = 0,
    num?: number | null, name?: NameArg): Tensor[] {
    const x = convertToTensor(value);
    const g = x.graph;
    const axisT = convertToTensor(axis, 'int32', undefined, g);
    const n = nameFrom(name) ?? 'split';
    if (typeof num_or_size_splits === 'number') {
      if (!Number.isInteger(num_or_size_splits) || num_or_size_splits < 1) {
        throw new ValueError(`num_or_size_splits must be a positive integer or a list of sizes, got ${num_or_size_splits}`);
      }
      return g.create_op('Split', [axisT, x], { num_split: num_or_size_splits }, n).outputs.slice();
    }
    const sizes = num_or_size_splits instanceof Tensor ? num_or_size_splits : convertToTensor(Int32Array.from(num_or_size_splits), 'int32', undefined, g);
    let count = num ?? null;
    if (count === null) {
      const len = sizes.shape?.length === 1 ? sizes.shape[0] : null;
      if (len === null) throw new ValueError(`Cannot infer num from shape ${sizes.shape === null ? '<unknown>' : `(${sizes.shape.join(', ')})`}`);
      count = len;
    }
    return g.create_op('SplitV', [x, sizes, axisT], { num_split: count }, n).outputs.slice();
  });

/** tf.reverse(tensor, axis, name=None) (ReverseV2): axis lists the dimensions to reverse. */
export const reverse = pyfunc('reverse', ['tensor', 'axis', 'name'], 2,
  function reverse(tensor: TensorLike, axis: number | number[] | Tensor, name?: NameArg): Tensor {
    const x = convertToTensor(tensor);
    const a = axis instanceof Tensor ? axis : convertToTensor(Int32Array.from(Array.isArray(axis) ? axis : [axis]), 'int32', undefined, x.graph);
    return x.graph.create_op('ReverseV2', [x, a], {}, nameFrom(name) ?? 'ReverseV2').outputs[0];
  });

/**
 * tf.reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None, seq_dim=None,
 * batch_dim=None): reverses the first seq_lengths[b] entries along seq_axis of each batch entry b.
 */
export const reverse_sequence = pyfunc('reverse_sequence', ['input', 'seq_lengths', 'seq_axis', 'batch_axis', 'name', 'seq_dim', 'batch_dim'], 2,
  function reverse_sequence(input: TensorLike, seq_lengths: TensorLike, seq_axis?: number | null, batch_axis?: number | null,
    name?: NameArg, seq_dim?: number | null, batch_dim?: number | null): Tensor {
    const seq = deprecatedAlias('seq_axis', seq_axis, 'seq_dim', seq_dim);
    const batch = deprecatedAlias('batch_axis', batch_axis, 'batch_dim', batch_dim) ?? 0;
    if (seq === null) throw new TypeError("reverse_sequence() missing required argument 'seq_axis'");
    const x = convertToTensor(input);
    const lengths = seq_lengths instanceof Tensor ? seq_lengths : convertToTensor(seq_lengths, 'int64', undefined, x.graph);
    return x.graph.create_op('ReverseSequence', [x, lengths], { seq_dim: seq, batch_dim: batch }, nameFrom(name) ?? 'ReverseSequence').outputs[0];
  });

/** TF1's deprecated_argument_lookup: the new name or the old one, not both. */
function deprecatedAlias(newName: string, newValue: number | null | undefined, oldName: string, oldValue: number | null | undefined): number | null {
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(newValue) && given(oldValue)) throw new ValueError(`Cannot specify both '${newName}' and '${oldName}'`);
  return given(newValue) ? newValue! : given(oldValue) ? oldValue! : null;
}


/**
 * tf.boolean_mask(tensor, mask, name='boolean_mask', axis=None): the entries of tensor
 * where mask (covering dimensions axis .. axis+rank(mask)-1) is true, those dimensions
 * flattened into one. As TF1: the masked dimensions are reshaped into one, Where gives
 * the kept positions, and GatherV2 along that axis picks them (its gradient scatters back).
 */
export const boolean_mask = pyfunc('boolean_mask', ['tensor', 'mask', 'name', 'axis'], 2,
  function boolean_mask(tensor: TensorLike, mask: TensorLike, name?: NameArg, axis?: number | null): Tensor {
    const x = convertToTensor(tensor);
    const g = x.graph;
    const m = convertToTensor(mask, 'bool', undefined, g);
    const maskRank = m.shape === null ? null : m.shape.length;
    if (maskRank === 0) throw new ValueError('mask cannot be scalar.');
    if (maskRank === null) {
      throw new ValueError('Number of mask dimensions must be specified, even if some dimensions are None.  ' +
        'E.g. shape=[None] is ok, but shape=None is not.');
    }
    return g.name_scope(nameFrom(name) ?? 'boolean_mask', () => gatherMasked(x, m, axis ?? 0, maskRank));
  });

function gatherMasked(x: Tensor, m: Tensor, axis: number, maskRank: number): Tensor {
  const g = x.graph;
  if (x.shape !== null) {
    const covered = x.shape.slice(axis, axis + maskRank);
    const ok = covered.length === maskRank && covered.every((d, i) => d === null || m.shape![i] === null || d === m.shape![i]);
    if (!ok) {
      throw new ValueError(`Shapes ${new TensorShape(covered)} and ${new TensorShape(m.shape)} are incompatible`);
    }
  }
  const i32 = (v: number[]) => convertToTensor(Int32Array.from(v), 'int32', undefined, g);
  const zeroAxis = convertToTensor(0, 'int32', undefined, g);
  const xShape = makeOp1('Shape', [x], { out_type: 'int32' });
  const dims = (from: number, to: number | null) => strided_slice(xShape, [from], [to ?? 0], [1], { end_mask: to === null ? 1 : 0 });
  const masked = makeOp1('Prod', [dims(axis, axis + maskRank), i32([0])], { keep_dims: true });
  const flatShape = makeOp1('ConcatV2', [dims(0, axis), masked, dims(axis + maskRank, null), zeroAxis], { N: 3 });
  const flat = makeOp1('Reshape', [x, flatShape]);
  const kept = makeOp1('Squeeze', [makeOp1('Where', [makeOp1('Reshape', [m, i32([-1])])])], { squeeze_dims: [1] });
  const out = gather(flat, kept, { axis });
  if (x.shape !== null) out.set_shape([...x.shape.slice(0, axis), null, ...x.shape.slice(axis + maskRank)]);
  return out;
}
