import { ValueError } from '../../../framework/errors';
import { shapeToString } from '../../../framework/shape_utils';
import type { Attrs, StaticShape, TensorSpec } from '../../../registry/op_registry';
import type { DType } from '../../../framework/dtypes';
import type { AttrSpec } from '../../register_op';
import { staticWindowDim, Padding } from '../../../framework/window_geometry';

/*
 * What Conv2D, the pools and their gradient ops share: their attrs as TensorFlow's
 * OpDefs declare them, the build-time checks of the values TF allows that tensorgraph
 * does not implement (NCHW, EXPLICIT padding), and the static output shape (unknown
 * dimensions stay unknown). Every error is a ValueError naming the op, raised while
 * the graph is built.
 */

/** The dtypes our window kernels implement (TF allows more). */
export const WINDOW_TYPES: readonly DType[] = ['float32'];

/** Conv2D's attrs and its two backprops', TF's names and defaults. */
export function convAttrSpecs(): Record<string, AttrSpec> {
  return {
    T: { type: 'type', allowed_values: WINDOW_TYPES },
    strides: { type: 'list(int)' },
    use_cudnn_on_gpu: { type: 'bool', default: true },
    padding: { type: 'string', allowed_values: ['SAME', 'VALID', 'EXPLICIT'] },
    explicit_paddings: { type: 'list(int)', default: [] },
    data_format: { type: 'string', default: 'NHWC', allowed_values: ['NHWC', 'NCHW'] },
    dilations: { type: 'list(int)', default: [1, 1, 1, 1] },
  };
}

/**
 * A pool's attrs as TF declares them: MaxPool and MaxPoolGrad also take EXPLICIT
 * padding (with explicit_paddings), MaxPool also NCHW_VECT_C; T's default is TF's where
 * it has one.
 */
export function poolAttrSpecs(o: { explicit: boolean; formats: string[]; defaultT?: DType }): Record<string, AttrSpec> {
  const specs: Record<string, AttrSpec> = {
    ksize: { type: 'list(int)', minimum: 4 },
    strides: { type: 'list(int)', minimum: 4 },
    padding: { type: 'string', allowed_values: o.explicit ? ['SAME', 'VALID', 'EXPLICIT'] : ['SAME', 'VALID'] },
  };
  if (o.explicit) specs.explicit_paddings = { type: 'list(int)', default: [] };
  specs.data_format = { type: 'string', default: 'NHWC', allowed_values: o.formats };
  specs.T = o.defaultT === undefined
    ? { type: 'type', allowed_values: WINDOW_TYPES }
    : { type: 'type', allowed_values: WINDOW_TYPES, default: o.defaultT };
  return specs;
}

/** Refuses the data formats TF allows that tensorgraph does not implement. */
export function requireNHWC(attrs: Attrs, opType: string, opName: string): void {
  const format = attrs.data_format;
  if (format !== 'NHWC') {
    throw new ValueError(`${opType} '${opName}': data_format '${format}' is not supported; tensorgraph implements NHWC only ` +
      `(transpose NCHW data to NHWC first)`);
  }
}

function isIntList(v: unknown, length: number): v is number[] {
  return Array.isArray(v) && v.length === length && v.every((d) => Number.isInteger(d) && d > 0);
}

function checkFourInts(attrs: Attrs, key: string, opType: string, opName: string, what: string): void {
  const v = attrs[key];
  if (!isIntList(v, 4)) {
    throw new ValueError(`${opType} '${opName}': ${key} must be a list of 4 positive integers [1, ${what}_h, ${what}_w, 1], ` +
      `got ${JSON.stringify(v)}`);
  }
  if (v[0] !== 1 || v[3] !== 1) {
    throw new ValueError(`${opType} '${opName}': ${key} ${JSON.stringify(v)} is not supported: ` +
      `the batch and depth entries must be 1 (TF1 does not implement windows across batch or channels)`);
  }
}

/** Validates strides, padding, data_format (and ksize for pools, dilations for convolutions). */
export function checkWindowAttrs(attrs: Attrs, opType: string, opName: string, kind: 'conv' | 'pool'): void {
  requireNHWC(attrs, opType, opName);
  if (attrs.padding === 'EXPLICIT') {
    throw new ValueError(`${opType} '${opName}': padding 'EXPLICIT' is not supported; tensorgraph implements 'SAME' and 'VALID' ` +
      `(pad the input with tf.pad first)`);
  }
  if (attrs.explicit_paddings !== undefined && attrs.explicit_paddings.length !== 0) {
    throw new ValueError(`${opType} '${opName}': explicit_paddings must be empty unless padding is 'EXPLICIT', ` +
      `got ${JSON.stringify(attrs.explicit_paddings)}`);
  }
  checkFourInts(attrs, 'strides', opType, opName, 'stride');
  if (kind === 'pool') checkFourInts(attrs, 'ksize', opType, opName, 'window');
  if (kind === 'conv') checkFourInts(attrs, 'dilations', opType, opName, 'dilation');
}

/** The rank check TF1 makes, with its message. */
export function requireRank(shape: StaticShape, rank: number, opType: string, opName: string, inputs: TensorSpec[]): void {
  if (shape !== null && shape.length !== rank) {
    throw new ValueError(`Shape must be rank ${rank} but is rank ${shape.length} for '${opName}' (op: '${opType}') ` +
      `with input shapes: ${inputs.map((s) => shapeToString(s.shape)).join(', ')}.`);
  }
}

/** A 1-D shape operand (input_sizes, filter_sizes, orig_input_shape, a random op's shape); the schema gives its dtype. */
export function requireShapeVector(spec: TensorSpec, length: number | null, what: string, opType: string, opName: string): void {
  const s = spec.shape;
  if (s !== null && (s.length !== 1 || (length !== null && s[0] !== null && s[0] !== length))) {
    throw new ValueError(`${opType} '${opName}': ${what} must be a 1-D vector` + (length !== null ? ` of ${length} sizes` : '') +
      `, got shape ${shapeToString(s)}`);
  }
}

/** [batch, out_h, out_w] of a window op over an NHWC input of static shape `input`. */
export function staticWindowOutput(input: StaticShape, kH: number | null, kW: number | null, attrs: Attrs,
  opType: string, opName: string): (number | null)[] {
  const s = input ?? [null, null, null, null];
  // Pools have no dilations.
  const dil: number[] = attrs.dilations ?? [1, 1, 1, 1];
  const h = staticWindowDim(s[1], kH, attrs.strides[1], dil[1], attrs.padding as Padding);
  const w = staticWindowDim(s[2], kW, attrs.strides[2], dil[2], attrs.padding as Padding);
  if (h === 'negative' || w === 'negative') {
    throw new ValueError(`${opType} '${opName}': Computed output size would be negative: input ${shapeToString(s)}, ` +
      `window ${kH}x${kW}` + (dil[1] > 1 || dil[2] > 1 ? ` dilated by ${dil[1]}x${dil[2]}` : '') + ` with VALID padding`);
  }
  return [s[0], h, w];
}

/** Merges what two static shapes say about one tensor; a conflict is a ValueError naming the op. */
export function mergeDims(a: (number | null)[], b: StaticShape, what: string, opType: string, opName: string): (number | null)[] {
  if (b === null) return a;
  if (b.length !== a.length) {
    throw new ValueError(`${opType} '${opName}': ${what} must have rank ${a.length}, got shape ${shapeToString(b)}`);
  }
  return a.map((d, i) => {
    const e = b[i];
    if (d !== null && e !== null && d !== e) {
      throw new ValueError(`${opType} '${opName}': ${what} has shape ${shapeToString(b)}, expected ${shapeToString(a)}`);
    }
    return d ?? e;
  });
}
