import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import { knownInts, constantInts } from '../known_inputs';
import { requireRank, unknownDims } from './checks';
import { transpose, invert_permutation } from '../../array_ops';

/** Permutes the dimensions of x: output dim i is input dim perm[i]. Kernels of both ops: kernels/cpu/Transpose.ts. */
export const Transpose: OpSpec = {
  name: 'Transpose',
  inputs: [{ name: 'x', type_attr: 'T' }, { name: 'perm', type_attr: 'Tperm' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: {
    T: { type: 'type' },
    Tperm: indexTypeAttr(),
  },
  shape: (specs, _attrs, opName) => {
    const [x, perm] = specs;
    requireRank(perm, 1, 'perm', opName, 'Transpose');
    const p = knownInts(perm);
    const rank = x.shape?.length ?? p?.length ?? (perm.shape?.[0] ?? null);
    if (rank === null) return { shape: null };
    if (p === null) return { shape: unknownDims(rank) };
    checkPermutation(p, rank, opName, x.shape === null ? null : shapeToString(x.shape));
    return { shape: p.map((d) => (x.shape === null ? null : x.shape[d])) };
  },
  // Transposing back with the inverse permutation routes each gradient entry home.
  gradient: (op, [dy]) => {
    const perm = op.inputs[1];
    const p = constantInts(perm);
    const inverse = p ? inversePermutation(p) : invert_permutation(perm);
    return [transpose(dy!, inverse), null];
  },
};

function checkPermutation(p: number[], rank: number, opName: string, shape: string | null): void {
  const where = `for '${opName}' (op: 'Transpose')${shape ? ` with input shape ${shape}` : ''}`;
  if (p.length !== rank) throw new ValueError(`Dimension must be ${rank} but is ${p.length} ${where}: perm [${p}]`);
  const seen = new Set<number>();
  for (const d of p) {
    if (!(Number.isInteger(d) && d >= 0 && d < rank)) throw new ValueError(`perm entry ${d} is out of range [0, ${rank}) ${where}`);
    if (seen.has(d)) throw new ValueError(`perm entry ${d} is repeated in [${p}] ${where}`);
    seen.add(d);
  }
}

export function inversePermutation(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => { inv[d] = i; });
  return inv;
}

/** The inverse of a permutation vector (TF's InvertPermutation). */
export const InvertPermutation: OpSpec = {
  name: 'InvertPermutation',
  inputs: [{ name: 'x', type_attr: 'T' }],
  outputs: [{ name: 'y', type_attr: 'T' }],
  attrs: { T: indexTypeAttr() },
  shape: ([x], _attrs, opName) => {
    requireRank(x, 1, 'x', opName, 'InvertPermutation');
    return { shape: x.shape };
  },
  gradient: null,
};
