import { LegacyOpSpec } from '../../register_op';
import { ValueError } from '../../../framework/errors';
import type { Attrs, TensorSpec } from '../../../registry/op_registry';
import { randomStandardNormalKernel, randomUniformKernel, randomUniformIntKernel, truncatedNormalKernel } from '../../../../kernels/cpu/random_ops';
import { dropoutMaskKernel } from '../../../../kernels/cpu/DropoutMask';
import { requireShapeVector } from '../conv/window_attrs';
import { shapeOperand } from '../known_inputs';
import { shapeToString } from '../../../framework/shape_utils';

function checkSeeds(attrs: Attrs, opType: string, opName: string): void {
  for (const key of ['seed', 'seed2']) {
    const v = attrs[key];
    if (v !== undefined && !Number.isInteger(v)) {
      throw new ValueError(`${opType} '${opName}': ${key} must be an integer, got ${JSON.stringify(v)}`);
    }
  }
}

function randomOutputs(opType: string) {
  return ([shape]: TensorSpec[], attrs: Attrs, opName: string): TensorSpec => {
    requireShapeVector(shape, null, 'shape', opType, opName);
    checkSeeds(attrs, opType, opName);
    const dtype = attrs.dtype ?? 'float32';
    if (dtype !== 'float32') throw new ValueError(`${opType} '${opName}': dtype must be float32, got ${dtype}`);
    return { dtype: 'float32', shape: shapeOperand(shape) };
  };
}

/** RandomStandardNormal(shape), attrs dtype, seed, seed2: N(0, 1) samples. */
export const RandomStandardNormal: LegacyOpSpec = {
  name: 'RandomStandardNormal', inputs: 1, stateful: true,
  outputs: randomOutputs('RandomStandardNormal'), cpu: randomStandardNormalKernel, gradient: null,
};

/** TruncatedNormal(shape): N(0, 1) samples, those of magnitude 2 or more drawn again. */
export const TruncatedNormal: LegacyOpSpec = {
  name: 'TruncatedNormal', inputs: 1, stateful: true,
  outputs: randomOutputs('TruncatedNormal'), cpu: truncatedNormalKernel, gradient: null,
};

/** RandomUniform(shape): U[0, 1) samples. */
export const RandomUniform: LegacyOpSpec = {
  name: 'RandomUniform', inputs: 1, stateful: true,
  outputs: randomOutputs('RandomUniform'), cpu: randomUniformKernel, gradient: null,
};

/** RandomUniformInt(shape, minval, maxval): int32 or int64 samples in [minval, maxval). */
export const RandomUniformInt: LegacyOpSpec = {
  name: 'RandomUniformInt', inputs: 3, stateful: true,
  outputs: ([shape, minval, maxval], attrs, opName) => {
    requireShapeVector(shape, null, 'shape', 'RandomUniformInt', opName);
    checkSeeds(attrs, 'RandomUniformInt', opName);
    if ((minval.dtype !== 'int32' && minval.dtype !== 'int64') || maxval.dtype !== minval.dtype) {
      throw new ValueError(`RandomUniformInt '${opName}': minval and maxval must both be int32 or both int64, ` +
        `got ${minval.dtype} and ${maxval.dtype}`);
    }
    for (const [what, s] of [['minval', minval.shape], ['maxval', maxval.shape]] as const) {
      if (s !== null && s.length !== 0) throw new ValueError(`RandomUniformInt '${opName}': ${what} must be a scalar, got shape ${shapeToString(s)}`);
    }
    return { dtype: minval.dtype, shape: shapeOperand(shape) };
  },
  cpu: randomUniformIntKernel,
  gradient: null,
};

/**
 * DropoutMask(noise_shape, keep_prob), attrs seed, seed2: 1 with probability
 * keep_prob, else 0. tf.nn.dropout multiplies x / keep_prob by it, where TF1 uses
 * floor(keep_prob + random_uniform(noise_shape)).
 */
export const DropoutMask: LegacyOpSpec = {
  name: 'DropoutMask', inputs: 2, stateful: true,
  outputs: ([noiseShape, keepProb], attrs, opName) => {
    requireShapeVector(noiseShape, null, 'noise_shape', 'DropoutMask', opName);
    checkSeeds(attrs, 'DropoutMask', opName);
    if (keepProb.dtype !== 'float32') throw new ValueError(`DropoutMask '${opName}': keep_prob must be float32, got ${keepProb.dtype}`);
    if (keepProb.shape !== null && keepProb.shape.length !== 0 && !(keepProb.shape.length === 1 && keepProb.shape[0] === 1)) {
      throw new ValueError(`DropoutMask '${opName}': keep_prob must be a scalar, got shape ${shapeToString(keepProb.shape)}`);
    }
    return { dtype: 'float32', shape: shapeOperand(noiseShape) };
  },
  cpu: dropoutMaskKernel,
  gradient: null,
};
