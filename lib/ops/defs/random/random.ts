import { INDEX } from '../type_attrs';
import type { AttrSpec, OpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { Attrs, TensorSpec } from '../../../registry/op_registry';
import { requireShapeVector } from '../conv/window_attrs';
import { shapeOperand } from '../known_inputs';
import { shapeToString } from '../../../framework/shape_utils';

/*
 * The stateful random ops (kernels: kernels/cpu/random_ops.ts, kernels/cpu/DropoutMask.ts).
 * seed and seed2 pick the op's stream, both 0 meaning a fresh one per session, as in
 * TF1; the session keeps each op's stream, so a run draws on from where the last ended.
 */


/** TF's attrs of a sampler: seeds, the output dtype (the float ones our kernels draw), T of the shape operand. */
function samplerAttrs(): Record<string, AttrSpec> {
  return {
    seed: { type: 'int', default: 0 },
    seed2: { type: 'int', default: 0 },
    dtype: { type: 'type', allowed_values: ['float32'] },
    T: { type: 'type', allowed_values: INDEX },
  };
}

function samplerShape(opType: string) {
  return ([shape]: TensorSpec[], _attrs: Attrs, opName: string) => {
    requireShapeVector(shape, null, 'shape', opType, opName);
    return { shape: shapeOperand(shape) };
  };
}

function sampler(name: string): OpSpec {
  return {
    name,
    inputs: [{ name: 'shape', type_attr: 'T' }],
    outputs: [{ name: 'output', type_attr: 'dtype' }],
    attrs: samplerAttrs(),
    is_stateful: true,
    shape: samplerShape(name),
    gradient: null,
  };
}

function requireScalar(spec: TensorSpec, what: string, opType: string, opName: string): void {
  if (spec.shape !== null && spec.shape.length !== 0) {
    throw new ValueError(`${opType} '${opName}': ${what} must be a scalar, got shape ${shapeToString(spec.shape)}`);
  }
}

/** RandomStandardNormal(shape): N(0, 1) samples. */
export const RandomStandardNormal: OpSpec = sampler('RandomStandardNormal');

/** TruncatedNormal(shape): N(0, 1) samples, those of magnitude 2 or more drawn again. */
export const TruncatedNormal: OpSpec = sampler('TruncatedNormal');

/** RandomUniform(shape): U[0, 1) samples. */
export const RandomUniform: OpSpec = sampler('RandomUniform');

/** RandomUniformInt(shape, minval, maxval): Tout samples in [minval, maxval). */
export const RandomUniformInt: OpSpec = {
  name: 'RandomUniformInt',
  inputs: [{ name: 'shape', type_attr: 'T' }, { name: 'minval', type_attr: 'Tout' }, { name: 'maxval', type_attr: 'Tout' }],
  outputs: [{ name: 'output', type_attr: 'Tout' }],
  attrs: {
    seed: { type: 'int', default: 0 },
    seed2: { type: 'int', default: 0 },
    Tout: { type: 'type', allowed_values: ['int32', 'int64'] },
    T: { type: 'type', allowed_values: INDEX },
  },
  is_stateful: true,
  shape: ([shape, minval, maxval], _attrs, opName) => {
    requireShapeVector(shape, null, 'shape', 'RandomUniformInt', opName);
    requireScalar(minval, 'minval', 'RandomUniformInt', opName);
    requireScalar(maxval, 'maxval', 'RandomUniformInt', opName);
    return { shape: shapeOperand(shape) };
  },
  gradient: null,
};

/**
 * DropoutMask(noise_shape, keep_prob): 1 with probability keep_prob, else 0. Not a TF
 * op (TF1 builds floor(keep_prob + random_uniform(noise_shape))): tf.nn.dropout
 * multiplies x / keep_prob by it. Its schema is a sampler's, keep_prob giving dtype.
 */
export const DropoutMask: OpSpec = {
  name: 'DropoutMask',
  inputs: [{ name: 'noise_shape', type_attr: 'T' }, { name: 'keep_prob', type_attr: 'dtype' }],
  outputs: [{ name: 'output', type_attr: 'dtype' }],
  attrs: samplerAttrs(),
  is_stateful: true,
  shape: ([noiseShape, keepProb], _attrs, opName) => {
    requireShapeVector(noiseShape, null, 'noise_shape', 'DropoutMask', opName);
    if (keepProb.shape !== null && keepProb.shape.length !== 0 && !(keepProb.shape.length === 1 && keepProb.shape[0] === 1)) {
      throw new ValueError(`DropoutMask '${opName}': keep_prob must be a scalar, got shape ${shapeToString(keepProb.shape)}`);
    }
    return { shape: shapeOperand(noiseShape) };
  },
  gradient: null,
};
