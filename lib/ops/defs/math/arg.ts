import type { OpSpec } from '../../register_op';
import { knownInts } from '../known_inputs';
import { argReductionStaticShape } from './static_shapes';
import { NUMERIC, INDEX, typeAttr } from '../type_attrs';

/**
 * ArgMax/ArgMin(input: T, dimension: Tidx) -> output: output_type, the index of the
 * extreme along one axis (kernels: kernels/cpu/arg_reduce.ts).
 */
function argOp(name: string): OpSpec {
  return {
    name,
    inputs: [{ name: 'input', type_attr: 'T' }, { name: 'dimension', type_attr: 'Tidx' }],
    outputs: [{ name: 'output', type_attr: 'output_type' }],
    attrs: {
      T: typeAttr(NUMERIC),
      Tidx: typeAttr(INDEX, 'int32'),
      output_type: typeAttr(INDEX, 'int64'),
    },
    shape: ([input, dim], _attrs, opName) => {
      if (input.shape === null) return { shape: null };
      const value = knownInts(dim);
      if (value !== null) return { shape: argReductionStaticShape(input.shape, value, opName, name) };
      return { shape: input.shape.length > 0 ? new Array(input.shape.length - 1).fill(null) : null };
    },
    gradient: null,
  };
}

export const ArgMax = argOp('ArgMax');
export const ArgMin = argOp('ArgMin');
