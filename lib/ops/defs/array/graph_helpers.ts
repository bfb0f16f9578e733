import { Tensor } from '../../../framework/tensor';
import type { Graph } from '../../../framework/graph';
import { convertToTensor } from '../../../framework/convert';
import { makeOp1 } from '../../op_builder';
import { fullyKnown } from './known_values';

/* Small graph-building helpers the array gradients share. */

/**
 * An index argument as an int32 tensor of graph g (JS arrays would otherwise become
 * float32 constants of the default graph).
 */
export function indices(v: number | number[] | number[][] | Tensor, g: Graph): Tensor {
  return v instanceof Tensor ? v : convertToTensor(v, 'int32', undefined, g);
}

/** x's shape as an int32 vector: a constant when the static shape is fully known. */
export function shapeOf(x: Tensor): Tensor {
  const dims = fullyKnown(x.shape);
  return dims ? indices(dims, x.graph) : makeOp1('Shape', [x], { out_type: 'int32' });
}

export function reshapeTo(x: Tensor, shape: number[] | Tensor): Tensor {
  return makeOp1('Reshape', [x, indices(shape, x.graph)]);
}

export function castInt32(t: Tensor): Tensor {
  return t.dtype === 'int32' ? t : makeOp1('Cast', [t], { DstT: 'int32' });
}
