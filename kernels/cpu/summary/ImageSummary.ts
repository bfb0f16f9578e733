import { InvalidArgumentError } from '../../../lib/framework/errors';
import type { NDArray } from '../../../lib/framework/ndarray';
import type { CpuKernel } from '../../../lib/registry/kernel_registry';
import { serializedSummary, debugShape } from './summary_value';
import { encodePng } from './png_image';

/**
 * ImageSummary: the first `max_images` images as PNGs, tagged `tag/image/i` (or `tag/image` when
 * max_images is 1: TF tags by the number requested, not produced). uint8 images are taken as
 * they are; float images are scaled into uint8 per image (normalizeFloatImage).
 */
export const imageSummaryKernel: CpuKernel = ([tag, tensor], ctx) => {
  const maxImages = ctx.attrs.max_images as number;
  const badColor = ctx.attrs.bad_color as NDArray;
  const [batch, height, width, channels] = tensor.shape;
  if (tensor.rank !== 4 || ![1, 3, 4].includes(channels)) {
    throw new InvalidArgumentError(`Tensor must be 4-D with last dim 1, 3, or 4, not ${debugShape(tensor.shape)}`, ctx.op.name);
  }
  if (badColor.size < channels) {
    throw new InvalidArgumentError(`bad_color must have at least ${channels} elements, got ${badColor.size}`, ctx.op.name);
  }
  const base = tag.stringAt(0);
  const pixelsPerImage = height * width * channels;
  const values = [];
  for (let i = 0; i < Math.min(batch, maxImages); i++) {
    const image = tensor.data.subarray(i * pixelsPerImage, (i + 1) * pixelsPerImage);
    const pixels = tensor.dtype === 'uint8' ? Uint8Array.from(image) : normalizeFloatImage(image, channels, badColor.data);
    values.push({
      tag: maxImages > 1 ? `${base}/image/${i}` : `${base}/image`,
      value: { case: 'image' as const, value: { height, width, colorspace: channels, encodedImageString: encodePng(pixels, height, width, channels) } },
    });
  }
  return serializedSummary(values);
};

/**
 * TF's float-to-uint8 mapping, in float32: all values >= 0 are scaled so the largest is 255; with
 * any negative value, 0 maps to 128 and the largest magnitude to 128 +- 127. The cast truncates.
 * A pixel with any non-finite channel is bad_color, and is left out of the min and max.
 */
function normalizeFloatImage(image: ArrayLike<number>, channels: number, badColor: ArrayLike<number>): Uint8Array {
  const pixels = image.length / channels;
  const finite = (p: number) => { for (let c = 0; c < channels; c++) if (!Number.isFinite(image[p * channels + c])) return false; return true; };
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < pixels; p++) {
    if (!finite(p)) continue;
    for (let c = 0; c < channels; c++) { const v = image[p * channels + c]; if (v < min) min = v; if (v > max) max = v; }
  }
  const zeroThreshold = 1e-6;
  let scale: number;
  let offset: number;
  if (min < 0) {
    const maxMagnitude = Math.max(Math.abs(min), Math.abs(max));
    scale = maxMagnitude < zeroThreshold ? 0 : Math.fround(127 / maxMagnitude);
    offset = 128;
  } else {
    scale = max < zeroThreshold ? 0 : Math.fround(255 / max);
    offset = 0;
  }
  const out = new Uint8Array(image.length);
  for (let p = 0; p < pixels; p++) {
    const ok = finite(p);
    for (let c = 0; c < channels; c++) {
      const k = p * channels + c;
      out[k] = ok ? Math.trunc(Math.fround(Math.fround(image[k] * scale) + offset)) : badColor[c];
    }
  }
  return out;
}
