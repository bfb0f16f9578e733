/* What MaxPooling2D and AveragePooling2D share (TF1's pooling.Pooling2D): no weights, one pooling op. */
import { Tensor } from '../framework/tensor';
import { bindArgs } from '../framework/python_args';
import { Layer, LayerOptions, checkDataFormat, normalizePadding, normalizePair } from './base';

export interface PoolingOptions extends LayerOptions {
  pool_size: number | number[];
  strides: number | number[];
  padding?: string;
  data_format?: string;
}

export const POOLING_PARAMS = ['pool_size', 'strides', 'padding', 'data_format', 'name'] as const;
const CLASS_PARAMS = [...POOLING_PARAMS, 'dtype', 'trainable', '_scope'] as (keyof PoolingOptions & string)[];

export abstract class Pooling2D extends Layer {
  readonly pool_size: [number, number];
  readonly strides: [number, number];
  readonly padding: 'VALID' | 'SAME';

  constructor(className: string, args: unknown[]) {
    const o = bindArgs<PoolingOptions>(className, args, CLASS_PARAMS, {}, 2);
    super(o);
    this.pool_size = normalizePair(o.pool_size, 'pool_size');
    this.strides = normalizePair(o.strides, 'strides');
    this.padding = normalizePadding(o.padding ?? 'valid');
    checkDataFormat(o.data_format);
  }

  protected abstract pool(inputs: Tensor, ksize: number[], strides: number[]): Tensor;

  call(inputs: Tensor): Tensor { return this.pool(inputs, [1, ...this.pool_size, 1], [1, ...this.strides, 1]); }
}
