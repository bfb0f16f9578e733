import { indexTypeAttr } from '../type_attrs';
import type { OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { Operation } from '../../../framework/operation';
import type { Tensor } from '../../../framework/tensor';
import { knownInts, shapeOf } from '../known_inputs';
import { unknownDims } from './checks';
import { reshapeTo } from './graph_helpers';
import { hasGradient } from '../../../framework/dtypes';

/** Both only relabel dimensions, so the gradient is dy reshaped to the input's shape. */
function reshapeBack(op: Operation, [dy]: (Tensor | null)[]): (Tensor | null)[] {
  const x = op.inputs[0];
  return [hasGradient(x.dtype) ? reshapeTo(dy!, shapeOf(x)) : null, ...op.inputs.slice(1).map(() => null)];
}

/**
 * Inserts a dimension of size 1 at index `dim` (negative: counted from the end, -1
 * appends). Kernels of both ops: kernels/cpu/reshape_views.ts.
 */
export const ExpandDims: OpSpec = {
  name: 'ExpandDims',
  inputs: [{ name: 'input', type_attr: 'T' }, { name: 'dim', type_attr: 'Tdim' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    T: { type: 'type' },
    Tdim: indexTypeAttr(),
  },
  shape: (specs, _attrs, opName) => {
    const [x, dimSpec] = specs;
    if (dimSpec.shape !== null && dimSpec.shape.length > 1) {
      throw new ValueError(`'dim' of '${opName}' (op: 'ExpandDims') must be a scalar, got shape ${shapeToString(dimSpec.shape)}`);
    }
    if (x.shape === null) return { shape: null };
    const rank = x.shape.length;
    const dim = knownInts(dimSpec);
    if (dim === null) return { shape: unknownDims(rank + 1) };
    if (dim.length !== 1) throw new ValueError(`'dim' of '${opName}' (op: 'ExpandDims') must hold one value, got [${dim}]`);
    let d = dim[0];
    if (d < -rank - 1 || d > rank) {
      throw new ValueError(`dim ${d} not in the interval [${-rank - 1}, ${rank}] for '${opName}' (op: 'ExpandDims') ` +
        `with input shape ${shapeToString(x.shape)}`);
    }
    if (d < 0) d += rank + 1;
    return { shape: [...x.shape.slice(0, d), 1, ...x.shape.slice(d)] };
  },
  gradient: reshapeBack,
};

/** Removes dimensions of size 1: those in squeeze_dims, or all of them when it is empty. */
export const Squeeze: OpSpec = {
  name: 'Squeeze',
  inputs: [{ name: 'input', type_attr: 'T' }],
  outputs: [{ name: 'output', type_attr: 'T' }],
  attrs: {
    T: { type: 'type' },
    squeeze_dims: { type: 'list(int)', default: [], minimum: 0 },
  },
  shape: ([x], attrs, opName) => {
    const requested: number[] = attrs.squeeze_dims;
    if (x.shape === null) return { shape: null };
    const rank = x.shape.length;
    if (requested.length === 0) {
      // An unknown dimension may or may not be 1, so the result's rank is unknown.
      if (x.shape.some((d) => d === null)) return { shape: null };
      return { shape: x.shape.filter((d) => d !== 1) };
    }
    const drop = new Set<number>();
    for (const a of requested) {
      if (a < -rank || a >= rank) {
        throw new ValueError(`Tried to squeeze dim index ${a} for tensor with ${rank} dimensions for '${opName}' (op: 'Squeeze') ` +
          `with input shape ${shapeToString(x.shape)}`);
      }
      const d = a < 0 ? a + rank : a;
      if (x.shape[d] !== null && x.shape[d] !== 1) {
        throw new ValueError(`Can not squeeze dim[${d}], expected a dimension of 1, got ${x.shape[d]} for '${opName}' ` +
          `(op: 'Squeeze') with input shape ${shapeToString(x.shape)}`);
      }
      drop.add(d);
    }
    return { shape: x.shape.filter((_, i) => !drop.has(i)) };
  },
  gradient: reshapeBack,
};
