/**
 * The MNIST notebook's imageprepare(path): turns a PNG or JPEG of a dark digit on a
 * light background into the 784 values an MNIST model expects. As the notebook does
 * with PIL: grayscale, fit the longer side to 20 px (Lanczos, "ANTIALIAS"), sharpen,
 * paste centred on a white 28x28 canvas, then invert and scale so that white is 0
 * and black is 1.
 */
import * as fs from 'fs';
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';
import { InvalidArgumentError, NotFoundError } from '../framework/errors';
import { GrayImage, newGrayImage, paste, resizeLanczos, rgbaToGray, roundHalfEven, sharpen } from './mnist/pil_image';

export type { GrayImage } from './mnist/pil_image';

const CANVAS = 28;
const FIT = 20;
const WHITE = 255;

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
}
function isJpeg(b: Uint8Array): boolean { return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff; }

/** Image.open(path).convert('L') for PNG and JPEG files (recognised by content, not name). */
export function readGrayImage(path: string): GrayImage {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new NotFoundError(`imageprepare: no such image file: '${path}'`);
    throw new InvalidArgumentError(`imageprepare: cannot read '${path}': ${err.message}`);
  }
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    if (isPng(bytes)) rgba = PNG.sync.read(bytes);
    else if (isJpeg(bytes)) rgba = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    else throw new InvalidArgumentError(`cannot identify image file '${path}': it is neither a PNG nor a JPEG`);
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw e;
    throw new InvalidArgumentError(`imageprepare: '${path}' is a corrupt ${isPng(bytes) ? 'PNG' : 'JPEG'} file: ${(e as Error).message}`);
  }
  if (rgba.width < 1 || rgba.height < 1) throw new InvalidArgumentError(`imageprepare: '${path}' has no pixels (${rgba.width}x${rgba.height})`);
  return rgbaToGray(rgba.data, rgba.width, rgba.height);
}

/**
 * The notebook's steps from a grayscale image to the 28x28 canvas (white background),
 * kept separate so tests can check each step.
 */
export function fitToMnistCanvas(im: GrayImage): GrayImage {
  const width = im.width, height = im.height;
  const canvas = newGrayImage(CANVAS, CANVAS, WHITE);
  if (width > height) {
    // Same float expression and Python 3 rounding as the notebook, so sizes agree.
    const nheight = Math.max(1, roundHalfEven(FIT / width * height));
    const img = sharpen(resizeLanczos(im, FIT, nheight));
    paste(canvas, img, 4, roundHalfEven((CANVAS - nheight) / 2));
  } else {
    const nwidth = Math.max(1, roundHalfEven(FIT / height * width));
    const img = sharpen(resizeLanczos(im, nwidth, FIT));
    paste(canvas, img, roundHalfEven((CANVAS - nwidth) / 2), 4);
  }
  return canvas;
}

/** imageprepare(path): 784 numbers in [0, 1], row by row; 0 is white, 1 is black. */
export function imageprepare(path: string): number[] {
  const canvas = fitToMnistCanvas(readGrayImage(path));
  return Array.from(canvas.data, (x) => (WHITE - x) * 1.0 / 255.0);
}
