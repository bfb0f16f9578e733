import type { OpSpec } from '../../register_op';
import type { StaticShape } from '../../../registry/op_registry';
import { mergeShapes } from './shape_merge';

/** A value the caller must feed; running it unfed is an error naming it (kernel: kernels/cpu/Placeholder.ts). */
export const Placeholder: OpSpec = {
  name: 'Placeholder',
  inputs: [],
  outputs: [{ name: 'output', type_attr: 'dtype' }],
  attrs: {
    dtype: { type: 'type' },
    // TF's default is the unknown-rank shape ({unknown_rank: true}).
    shape: { type: 'shape', default: null },
  },
  shape: (_inputs, attrs) => ({ shape: attrs.shape as StaticShape }),
  gradient: null,
};

/**
 * Its input unless fed (tf.placeholder_with_default). The input must fit the declared
 * `shape`, which is the output's (it may be less precise than the input's, so a feed
 * may differ from the default where the declared shape leaves a dimension open).
 */
export const PlaceholderWithDefault: OpSpec = {
  name: 'PlaceholderWithDefault',
  inputs: [{ name: 'input', type_attr: 'dtype' }],
  outputs: [{ name: 'output', type_attr: 'dtype' }],
  attrs: {
    dtype: { type: 'type' },
    shape: { type: 'shape' },
  },
  shape: (inputs, attrs, opName) => {
    mergeShapes(inputs[0].shape, attrs.shape as StaticShape, inputs, opName, 'PlaceholderWithDefault');
    return { shape: attrs.shape as StaticShape };
  },
  gradient: null,
};
