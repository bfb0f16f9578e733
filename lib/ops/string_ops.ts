/** TF1's string ops: tf.as_string, tf.string_join, tf.decode_raw (all host ops; see docs/dtypes.md). */
import { Tensor, TensorLike } from '../framework/tensor';
import { convertToTensor, graphOf } from '../framework/convert';
import { as_dtype, DType } from '../framework/dtypes';
import { pyfunc } from '../framework/python_args';

/** tf.as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill='', name=None) */
export const as_string = pyfunc('as_string', ['input', 'precision', 'scientific', 'shortest', 'width', 'fill', 'name'], 1,
  function as_string(input: TensorLike, precision?: number, scientific?: boolean, shortest?: boolean, width?: number,
    fill?: string, name?: string | null): Tensor {
    const x = convertToTensor(input);
    return x.graph.create_op('AsString', [x], {
      precision: precision ?? -1, scientific: scientific ?? false, shortest: shortest ?? false, width: width ?? -1, fill: fill ?? '',
    }, name ?? 'AsString').outputs[0];
  });

/** tf.string_join(inputs, separator='', name=None): scalars repeat against the other inputs' shape. */
export const string_join = pyfunc('string_join', ['inputs', 'separator', 'name'], 1,
  function string_join(inputs: TensorLike[], separator?: string, name?: string | null): Tensor {
    const g = graphOf(inputs);
    const tensors = inputs.map((x) => convertToTensor(x, 'string', undefined, g));
    return g.create_op('StringJoin', tensors, { separator: separator ?? '' }, name ?? 'StringJoin').outputs[0];
  });

/** tf.decode_raw(bytes, out_type, little_endian=True, name=None) */
export const decode_raw = pyfunc('decode_raw', ['bytes', 'out_type', 'little_endian', 'name'], 2,
  function decode_raw(bytes: TensorLike, out_type: DType | string, little_endian?: boolean, name?: string | null): Tensor {
    const x = convertToTensor(bytes, 'string');
    return x.graph.create_op('DecodeRaw', [x], { out_type: as_dtype(out_type), little_endian: little_endian ?? true },
      name ?? 'DecodeRaw').outputs[0];
  });
