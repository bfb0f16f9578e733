/*
 * tf.layers.Conv2DTranspose and tf.layers.conv2d_transpose (TF1's convolutional.Conv2DTranspose):
 * kernel [kh, kw, filters, in_channels], built on tf.nn.conv2d_transpose (Conv2DBackpropInput).
 * Output size per spatial dimension as TF1's deconv_output_length: 'same' in*stride, 'valid'
 * in*stride + max(kernel - stride, 0).
 */
import { Tensor, TensorLike } from '../framework/tensor';
import { pyfunc } from '../framework/python_args';
import { conv2d_transpose as nnConv2dTranspose } from '../ops/nn_conv_ops';
import { shape } from '../ops/shape_ops';
import { add, multiply } from '../ops/math_ops';
import { slice, squeeze, stack } from '../ops/array_ops';
import { CONV_PARAMS, ConvBase, functionalOptions } from './conv2d';

/** TF1's conv_utils.deconv_output_length for 'same' and 'valid'. */
function deconvLength(inSize: number | null, kernel: number, stride: number, padding: 'VALID' | 'SAME'): number | null {
  if (inSize === null) return null;
  return padding === 'SAME' ? inSize * stride : inSize * stride + Math.max(kernel - stride, 0);
}

export class Conv2DTranspose extends ConvBase {
  /** tf.layers.Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding='valid', data_format='channels_last', activation=None, use_bias=True, ...). */
  constructor(...args: unknown[]) { super('Conv2DTranspose', args); }

  protected kernelShape(inChannels: number): number[] { return [...this.kernel_size, this.filters, inChannels]; }

  call(inputs: Tensor): Tensor {
    const dims = inputs.shape!;
    const outH = deconvLength(dims[1], this.kernel_size[0], this.strides[0], this.padding);
    const outW = deconvLength(dims[2], this.kernel_size[1], this.strides[1], this.padding);
    const known = dims[0] !== null && outH !== null && outW !== null;
    let outputShape: TensorLike;
    if (known) outputShape = [dims[0] as number, outH, outW, this.filters];
    else {
      // Unknown sizes are read at run time: batch, height and width from the input's shape.
      const s = shape(inputs);
      const dim = (i: number) => squeeze(slice(s, [i], [1]), [0]);
      const spatial = (i: number, k: number, st: number) =>
        this.padding === 'SAME' ? multiply(dim(i), st) : add(multiply(dim(i), st), Math.max(k - st, 0));
      outputShape = stack([dim(0), spatial(1, this.kernel_size[0], this.strides[0]), spatial(2, this.kernel_size[1], this.strides[1]), this.filters]);
    }
    const out = nnConv2dTranspose(inputs, this.kernel, outputShape, [1, ...this.strides, 1], this.padding);
    out.set_shape([dims[0], outH, outW, this.filters]);
    return this.finish(out);
  }
}

/**
 * tf.layers.conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding='valid',
 * data_format='channels_last', activation=None, use_bias=True, kernel_initializer=None,
 * bias_initializer=zeros, kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
 * kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None).
 */
const TRANSPOSE_PARAMS = CONV_PARAMS.filter((p) => p !== 'dilation_rate');
export const conv2d_transpose = pyfunc('conv2d_transpose', ['inputs', ...TRANSPOSE_PARAMS, 'reuse'], 3,
  function conv2d_transpose(inputs: TensorLike, ...rest: unknown[]): Tensor {
  const values = TRANSPOSE_PARAMS.map((_, i) => rest[i]);
  values.splice(CONV_PARAMS.indexOf('dilation_rate'), 0, undefined);
  return new Conv2DTranspose(functionalOptions(values, rest[TRANSPOSE_PARAMS.length])).apply(inputs);
});
