import { ValueError } from '../../../framework/errors';
import { NDArray } from '../../../framework/ndarray';
import type { OpSpec } from '../../register_op';

/** Up to `max_images` PNG images from a [batch, height, width, channels] tensor (kernel: kernels/cpu/summary/ImageSummary.ts). */
export const ImageSummary: OpSpec = {
  name: 'ImageSummary',
  inputs: [{ name: 'tag', type: 'string' }, { name: 'tensor', type_attr: 'T' }],
  outputs: [{ name: 'summary', type: 'string' }],
  attrs: {
    max_images: { type: 'int', default: 3, minimum: 1 },
    T: { type: 'type', default: 'float32', allowed_values: ['uint8', 'float32', 'float16', 'float64'] },
    // Opaque red, as TF's default: the color of non-finite pixels, its first `channels` values used.
    bad_color: { type: 'tensor', default: new NDArray(new Uint8Array([255, 0, 0, 255]), [4], 'uint8') },
  },
  shape: ([, tensor], _attrs, name) => {
    const s = tensor.shape;
    if (s !== null && (s.length !== 4 || (s[3] !== null && ![1, 3, 4].includes(s[3])))) {
      throw new ValueError(`Tensor must be 4-D with last dim 1, 3, or 4, not [${s.map((d) => d ?? '?')}] for '${name}' (op: 'ImageSummary')`);
    }
    return { shape: [] };
  },
  gradient: null,
};
