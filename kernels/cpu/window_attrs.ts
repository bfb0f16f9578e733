import { InvalidArgumentError } from '../../lib/framework/errors';
import { formatShape } from '../../lib/framework/ndarray';
import type { Attrs } from '../../lib/registry/op_registry';
import { window2D, Window2D, Padding } from './conv_geometry';

/*
 * Run-time checks of the concrete shapes a window kernel receives. Attributes were
 * validated when the op was built (lib/ops/defs/conv/window_attrs.ts); shapes may
 * only be known now, so mismatches here are InvalidArgumentErrors naming the op.
 */

function requireRank4(shape: readonly number[], what: string, opType: string, opName: string): void {
  if (shape.length !== 4) {
    throw new InvalidArgumentError(`${opType} '${opName}': ${what} must be 4-dimensional, got shape ${formatShape(shape)}`, opName);
  }
}

/** Conv2D geometry for input [N,H,W,C] and filter [kh,kw,C,O]. */
export function convWindow(inShape: readonly number[], filterShape: readonly number[], attrs: Attrs,
  opType: string, opName: string): Window2D {
  requireRank4(inShape, 'input', opType, opName);
  requireRank4(filterShape, 'filter', opType, opName);
  if (inShape[3] !== filterShape[2]) {
    throw new InvalidArgumentError(`${opType} '${opName}': input and filter must have the same depth: ` +
      `${inShape[3]} vs ${filterShape[2]} (input ${formatShape(inShape)}, filter ${formatShape(filterShape)})`, opName);
  }
  const dil: number[] = attrs.dilations ?? [1, 1, 1, 1];
  const g = window2D(inShape, {
    kH: filterShape[0], kW: filterShape[1], strideH: attrs.strides[1], strideW: attrs.strides[2],
    dilH: dil[1], dilW: dil[2], padding: attrs.padding as Padding,
  });
  if (typeof g === 'string') throw new InvalidArgumentError(`${opType} '${opName}': ${g}`, opName);
  return g;
}

/** Pooling geometry for input [N,H,W,C] with attrs ksize/strides/padding. */
export function poolWindow(inShape: readonly number[], attrs: Attrs, opType: string, opName: string): Window2D {
  requireRank4(inShape, 'input', opType, opName);
  const g = window2D(inShape, {
    kH: attrs.ksize[1], kW: attrs.ksize[2], strideH: attrs.strides[1], strideW: attrs.strides[2],
    dilH: 1, dilW: 1, padding: attrs.padding as Padding,
  });
  if (typeof g === 'string') throw new InvalidArgumentError(`${opType} '${opName}': ${g}`, opName);
  return g;
}

/** Checks that a gradient flowing into a window op's output has the output's shape. */
export function requireShape(actual: readonly number[], expected: readonly number[], what: string,
  opType: string, opName: string): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new InvalidArgumentError(`${opType} '${opName}': ${what} has shape ${formatShape(actual)}, ` +
      `expected ${formatShape(expected)}`, opName);
  }
}

/** Reads a 1-D int32 shape tensor such as Conv2DBackpropInput's input_sizes. */
export function shapeFromTensor(data: ArrayLike<number>, shape: readonly number[], what: string,
  opType: string, opName: string): number[] {
  if (shape.length !== 1) {
    throw new InvalidArgumentError(`${opType} '${opName}': ${what} must be a 1-D shape vector, got shape ${formatShape(shape)}`, opName);
  }
  const dims = Array.from(data);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new InvalidArgumentError(`${opType} '${opName}': ${what} must hold non-negative sizes, got [${dims.join(', ')}]`, opName);
  }
  return dims;
}

/**
 * TF's run-time message when out_backprop's height or width is not what convolving
 * input_sizes gives (a conv2d_transpose output_shape fed with the wrong sizes).
 */
export function requireBackpropSpatial(dyShape: readonly number[], g: Window2D, opType: string, opName: string): void {
  if (dyShape.length !== 4) return; // requireShape reports the rank
  const dims = [
    { got: dyShape[1], want: g.outH, input: g.inH, k: g.kH, stride: g.strideH, dilation: g.dilH },
    { got: dyShape[2], want: g.outW, input: g.inW, k: g.kW, stride: g.strideW, dilation: g.dilW },
  ];
  dims.forEach((d, i) => {
    if (d.got === d.want) return;
    throw new InvalidArgumentError(`${opType} '${opName}': Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed: ` +
      `actual = ${d.got}, computed = ${d.want} spatial_dim: ${i + 1} input: ${d.input} filter: ${d.k} output: ${d.got} ` +
      `stride: ${d.stride} dilation: ${d.dilation}`, opName);
  });
}
