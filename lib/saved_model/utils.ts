import { Tensor } from '../framework/tensor';
import { Graph, get_default_graph } from '../framework/graph';
import { ValueError } from '../framework/errors';
import { TensorInfo } from './meta_graph';

/** tf.saved_model.utils.build_tensor_info: the TensorInfo (name, dtype, shape) of a tensor or Variable. */
export function build_tensor_info(tensor: Tensor | { _asTensor(): Tensor }): TensorInfo {
  const t = tensor instanceof Tensor ? tensor
    : tensor && typeof (tensor as any)._asTensor === 'function' ? (tensor as any)._asTensor() as Tensor : null;
  if (!t) throw new ValueError(`build_tensor_info needs a Tensor or Variable, got ${String(tensor)}`);
  return {
    name: t.name,
    dtype: t.dtype,
    tensor_shape: t.shape === null
      ? { dim: [], unknown_rank: true }
      : { dim: t.shape.map((d) => ({ size: d === null ? -1 : d })) },
  };
}

/** tf.saved_model.utils.get_tensor_from_tensor_info: the tensor a TensorInfo names, in graph (default: the default graph). */
export function get_tensor_from_tensor_info(info: TensorInfo, graph?: Graph): Tensor {
  const g = graph ?? get_default_graph();
  if (!info || typeof info.name !== 'string') throw new ValueError(`get_tensor_from_tensor_info needs a TensorInfo with a name, got ${JSON.stringify(info)}`);
  return g.get_tensor_by_name(info.name);
}
