
/** PNG color types by channel count: gray, RGB, RGBA (TF's Summary.Image.colorspace is the channel count). */
const COLOR_TYPE: Record<number, 0 | 2 | 6> = { 1: 0, 3: 2, 4: 6 };

/** Encodes height x width x channels uint8 pixels (row-major, interleaved) as an 8-bit PNG. */
export function encodePng(pixels: Uint8Array, height: number, width: number, channels: number): Uint8Array {
  // Loaded on first use: pngjs needs Node's zlib, stream and util, so the browser bundle (which stubs those) must not
  // evaluate it at start-up; there an image summary fails naming the missing module instead of the whole library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PNG } = require('pngjs') as typeof import('pngjs');
  // pngjs takes RGBA input and converts it to the requested color type.
  const rgba = Buffer.alloc(height * width * 4);
  for (let p = 0; p < height * width; p++) {
    const src = p * channels;
    const dst = p * 4;
    if (channels === 1) rgba.fill(pixels[src], dst, dst + 3);
    else { rgba[dst] = pixels[src]; rgba[dst + 1] = pixels[src + 1]; rgba[dst + 2] = pixels[src + 2]; }
    rgba[dst + 3] = channels === 4 ? pixels[src + 3] : 255;
  }
  const png = new PNG({ width, height, colorType: COLOR_TYPE[channels], inputColorType: 6, bitDepth: 8, inputHasAlpha: true });
  png.data = rgba;
  return new Uint8Array(PNG.sync.write(png, { colorType: COLOR_TYPE[channels], inputColorType: 6, bitDepth: 8, inputHasAlpha: true }));
}
