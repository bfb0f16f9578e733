import type { OpSpec } from '../../register_op';
import { as_dtype } from '../../../framework/dtypes';
import { InvalidArgumentError, ValueError } from '../../../framework/errors';
import { formatShape } from '../../../framework/ndarray';
import { argReduceKernel } from '../../../../kernels/cpu/arg_reduce';
import { requireDType, NUMERIC, INTEGERS } from './checks';
import { knownInts } from '../known_inputs';
import { argReductionStaticShape } from './static_shapes';

/** ArgMax/ArgMin: inputs (input, dimension: int scalar), attr output_type (int64 by default). */
function argOp(name: string, findMax: boolean): OpSpec {
  return {
    name,
    inputs: 2,
    outputs: ([input, dim], attrs, opName) => {
      requireDType(name, opName, input, NUMERIC, 'input');
      requireDType(name, opName, dim, INTEGERS, 'dimension');
      const outType = as_dtype(attrs.output_type ?? 'int64');
      if (outType !== 'int32' && outType !== 'int64') {
        throw new ValueError(`'${opName}' (${name}): output_type must be int32 or int64, got ${outType}`);
      }
      if (input.shape === null) return { dtype: outType, shape: null };
      const value = knownInts(dim);
      if (value !== null) return { dtype: outType, shape: argReductionStaticShape(input.shape, value, opName, name) };
      return { dtype: outType, shape: input.shape.length > 0 ? new Array(input.shape.length - 1).fill(null) : null };
    },
    cpu: ([x, dim], ctx) => {
      const rank = x.rank;
      if (dim.size !== 1) throw new InvalidArgumentError(`dimension of '${ctx.op.name}' must be a scalar, got shape ${formatShape(dim.shape)}`, ctx.op.name);
      const axis = dim.data[0];
      if (axis < -rank || axis >= rank) {
        throw new InvalidArgumentError(`Expected dimension in the range [${-rank}, ${rank}), but got ${axis} in '${ctx.op.name}'`, ctx.op.name);
      }
      const a = axis < 0 ? axis + rank : axis;
      if (x.shape[a] === 0) {
        throw new InvalidArgumentError(`Reduction axis ${axis} is empty in shape ${formatShape(x.shape)} in '${ctx.op.name}'`, ctx.op.name);
      }
      return argReduceKernel(ctx, x, a, findMax, as_dtype(ctx.attrs.output_type ?? 'int64'));
    },
    gradient: null,
  };
}

export const ArgMax = argOp('ArgMax', true);
export const ArgMin = argOp('ArgMin', false);
