import { Tensor } from '../../../framework/tensor';
import type { Graph } from '../../../framework/graph';
import { convertToTensor } from '../../../framework/convert';
import { makeOp1 } from '../../op_builder';

/* Small graph-building helpers the array gradients share. */

/**
 * An index argument as an int32 tensor of graph g (JS arrays would otherwise become
 * float32 constants of the default graph).
 */
export function indices(v: number | number[] | number[][] | Tensor, g: Graph): Tensor {
  return v instanceof Tensor ? v : convertToTensor(v, 'int32', undefined, g);
}

/** x reshaped to `shape` (numbers, or a shape tensor such as shapeOf(y), whose known dims the result keeps). */
export function reshapeTo(x: Tensor, shape: number[] | Tensor): Tensor {
  return x.graph.create_op('Reshape', [x, indices(shape, x.graph)]).outputs[0];
}

export function castInt32(t: Tensor): Tensor {
  return t.dtype === 'int32' ? t : makeOp1('Cast', [t], { DstT: 'int32' });
}
