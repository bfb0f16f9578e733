import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { knownInts } from '../known_inputs';
import { requireRank } from './checks';
import { makeOp1 } from '../../op_builder';

/* ReverseV2 (tf.reverse) and ReverseSequence (tf.reverse_sequence). Kernels: kernels/cpu/Reverse.ts. */

export const ReverseV2: OpSpec = {
  name: 'ReverseV2',
  inputs: [{ name: 'tensor', type_attr: 'T' }, { name: 'axis', type_attr: 'Tidx' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: { Tidx: indexTypeAttr(), T: { type: 'type' } },
  shape: ([x, axisSpec], _attrs, opName) => {
    requireRank(axisSpec, 1, 'axis', opName, 'ReverseV2');
    const axes = knownInts(axisSpec);
    if (x.shape !== null && axes !== null) {
      const rank = x.shape.length, seen = new Set<number>();
      for (const a of axes) {
        if (a < -rank || a >= rank) throw new ValueError(`'axis'[${axes.indexOf(a)}] = ${a} is out of valid range [${-rank}, ${rank - 1}] for '${opName}' (op: 'ReverseV2')`);
        const d = a < 0 ? a + rank : a;
        if (seen.has(d)) throw new ValueError(`axis ${d} specified more than once. for '${opName}' (op: 'ReverseV2')`);
        seen.add(d);
      }
    }
    return { shape: x.shape };
  },
  // A reversal is its own inverse.
  gradient: (op, [dy]) => [makeOp1('ReverseV2', [dy!, op.inputs[1]]), null],
};

export const ReverseSequence: OpSpec = {
  name: 'ReverseSequence',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'seq_lengths', type_attr: 'Tlen' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    seq_dim: { type: 'int' },
    batch_dim: { type: 'int', default: 0 },
    T: { type: 'type' },
    Tlen: indexTypeAttr('int64'),
  },
  shape: ([x, lengths], attrs, opName) => {
    requireRank(lengths, 1, 'seq_lengths', opName, 'ReverseSequence');
    if (x.shape === null) return { shape: null };
    const rank = x.shape.length, seq: number = attrs.seq_dim, batch: number = attrs.batch_dim;
    const where = `for '${opName}' (op: 'ReverseSequence') with input shapes: ${shapeToString(x.shape)}, ${shapeToString(lengths.shape)}.`;
    if (batch === seq) throw new ValueError(`batch_dim == seq_dim == ${seq} ${where}`);
    if (seq < 0 || seq >= rank) throw new ValueError(`seq_dim must be < input rank ( ${seq} vs. ${rank}) ${where}`);
    if (batch < 0 || batch >= rank) throw new ValueError(`batch_dim must be < input rank ( ${batch} vs. ${rank}) ${where}`);
    const b = x.shape[batch], n = lengths.shape?.[0] ?? null;
    if (b !== null && n !== null && b !== n) throw new ValueError(`Dimensions must be equal, but are ${b} and ${n} ${where}`);
    return { shape: x.shape.map((d, i) => (i === batch ? d ?? n : d)) };
  },
  gradient: (op, [dy]) => [makeOp1('ReverseSequence', [dy!, op.inputs[1]], { seq_dim: op.attrs.seq_dim, batch_dim: op.attrs.batch_dim }), null],
};
