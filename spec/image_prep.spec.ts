import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';
import { fitToMnistCanvas, imageprepare, readGrayImage } from '../lib/examples/image_prep';
import { GrayImage, resizeLanczos, rgbaToGray, roundHalfEven, sharpen } from '../lib/examples/mnist/pil_image';
import { InvalidArgumentError, NotFoundError } from '../lib/framework/errors';
import { drawAssets } from '../tools/draw_digits';

/** The repository root, whether this runs from spec/ (tsx) or dist/spec/ (compiled). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}
const FIXTURES = path.join(repoRoot(), 'spec', 'fixtures', 'image_prep');
const ASSETS = path.join(repoRoot(), 'examples', 'assets');
// Outputs of the notebook's imageprepare under Pillow, made by fixtures/image_prep/make_reference.py.
const reference = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pillow_reference.json'), 'utf8')) as {
  imageprepare: Record<string, number[]>; steps: Record<string, number[]>;
};

function gray(width: number, height: number, values: number[]): GrayImage {
  return { width, height, data: Uint8Array.from(values) };
}

function tempDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'tg-img-')); }

describe('imageprepare (the notebook\'s image preparation)', () => {
  for (const name of ['wide_gray.png', 'tall_gray.png', 'tiny_rgb.png', 'small_wide_rgb.png', 'one_column_rgb.png', 'square_gray.png']) {
    it(`gives Pillow's values exactly for ${name}`, () => {
      const expected = reference.imageprepare[name].map((x) => (255 - x) * 1.0 / 255.0);
      expect(imageprepare(path.join(FIXTURES, name))).to.deep.equal(expected);
    });
  }

  it("gives Pillow's values exactly for the example's PNG digits", () => {
    for (const name of ['4.png', '2.png']) {
      const canvas = fitToMnistCanvas(readGrayImage(path.join(ASSETS, name)));
      expect(Array.from(canvas.data)).to.deep.equal(reference.imageprepare[`assets/${name}`]);
    }
  });

  it("is within 2 levels of Pillow for the JPEG digit (the JPEG decoders' IDCTs round differently)", () => {
    const canvas = fitToMnistCanvas(readGrayImage(path.join(ASSETS, '5.jpg')));
    const expected = reference.imageprepare['assets/5.jpg'];
    let maxDiff = 0;
    canvas.data.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - expected[i])); });
    expect(maxDiff).to.be.at.most(2);
  });

  it('returns 784 values in [0, 1] with white 0 and black 1', () => {
    const values = imageprepare(path.join(ASSETS, '2.png'));
    expect(values).to.have.length(784);
    expect(values[0]).to.equal(0);
    expect(Math.max(...values)).to.equal(1);
    expect(values.every((v) => v >= 0 && v <= 1)).to.equal(true);
  });

  it('fits a wide image to 20 px wide and centres it vertically with Python 3 rounding', () => {
    // 300x40 -> 20 x round(2.667) = 3 rows, top = round(12.5) = 12 (half to even; half-up would give 13).
    const black = gray(300, 40, new Array(300 * 40).fill(0));
    const canvas = fitToMnistCanvas(black);
    const inkRows = new Set<number>(), inkCols = new Set<number>();
    canvas.data.forEach((v, i) => { if (v !== 255) { inkRows.add(Math.floor(i / 28)); inkCols.add(i % 28); } });
    expect([...inkRows].sort((a, b) => a - b)).to.deep.equal([12, 13, 14]);
    expect(Math.min(...inkCols)).to.equal(4);
    expect(Math.max(...inkCols)).to.equal(23);
  });

  it('fits a tall image to 20 px high, and a one-pixel-wide one to at least 1 px', () => {
    const canvas = fitToMnistCanvas(gray(1, 50, new Array(50).fill(0)));
    const ink: number[] = [];
    canvas.data.forEach((v, i) => { if (v !== 255) ink.push(i); });
    // width round(0.4) = 0 -> 1; left = round(13.5) = 14 (half to even); rows 4..23.
    expect(ink).to.deep.equal(Array.from({ length: 20 }, (_, r) => (r + 4) * 28 + 14));
  });

  it('names the file when it is missing, not an image, or corrupt', () => {
    const dir = tempDir();
    try {
      expect(() => imageprepare(path.join(dir, 'nope.png'))).to.throw(NotFoundError, /no such image file: '.*nope\.png'/);
      const text = path.join(dir, 'notes.png');
      fs.writeFileSync(text, 'just some text');
      expect(() => imageprepare(text)).to.throw(InvalidArgumentError, /cannot identify image file '.*notes\.png'/);
      const png = fs.readFileSync(path.join(ASSETS, '2.png'));
      const cut = path.join(dir, 'cut.png');
      fs.writeFileSync(cut, png.subarray(0, png.length >> 1));
      expect(() => imageprepare(cut)).to.throw(InvalidArgumentError, /'.*cut\.png' is a corrupt PNG file/);
      const jpg = fs.readFileSync(path.join(ASSETS, '5.jpg'));
      const badJpg = path.join(dir, 'bad.jpg');
      fs.writeFileSync(badJpg, jpg.subarray(0, 40));
      expect(() => imageprepare(badJpg)).to.throw(InvalidArgumentError, /'.*bad\.jpg' is a corrupt JPEG file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Pillow operations', () => {
  it("convert('L') uses ITU-R 601-2 weights in 16-bit fixed point and ignores alpha", () => {
    const rgba = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 0, 255, 255, 255, 255, 90, 90, 90, 0];
    expect(Array.from(rgbaToGray(rgba, 5, 1).data)).to.deep.equal([76, 150, 29, 255, 90]);
    const png = PNG.sync.read(fs.readFileSync(path.join(FIXTURES, 'tiny_rgb.png')));
    expect(Array.from(rgbaToGray(png.data, png.width, png.height).data)).to.deep.equal(reference.steps.gray_tiny_rgb);
  });

  it('resize with ANTIALIAS matches Pillow and keeps a flat image flat', () => {
    const wide = readGrayImage(path.join(FIXTURES, 'wide_gray.png'));
    expect(Array.from(resizeLanczos(wide, 20, 3).data)).to.deep.equal(reference.steps.resize_wide_gray_to_20x3);
    const flat = gray(37, 23, new Array(37 * 23).fill(173));
    for (const [w, h] of [[20, 12], [50, 31], [37, 5], [1, 1]]) {
      const out = resizeLanczos(flat, w, h);
      expect([out.width, out.height]).to.deep.equal([w, h]);
      expect(Array.from(out.data).every((v) => v === 173)).to.equal(true);
    }
  });

  it('resize to the same size is an unchanged copy', () => {
    const img = gray(3, 2, [1, 2, 3, 4, 5, 6]);
    const out = resizeLanczos(img, 3, 2);
    expect(Array.from(out.data)).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(out.data).to.not.equal(img.data);
    expect(() => resizeLanczos(img, 0, 2)).to.throw(InvalidArgumentError, /positive integers, got 0x2/);
  });

  it('SHARPEN matches Pillow: 3x3 kernel / 16, rounded, border kept', () => {
    const img = readGrayImage(path.join(FIXTURES, 'small_wide_rgb.png'));
    expect(Array.from(sharpen(img).data)).to.deep.equal(reference.steps.sharpen_small_wide_rgb_as_gray);
    // One dark pixel on white: its value 2*0 - 8*255/8 clips to 0; a neighbour's 2*255 - 7*255/8 clips to 255.
    const dot = gray(5, 5, new Array(25).fill(255)); dot.data[12] = 0;
    expect(Array.from(sharpen(dot).data)).to.deep.equal(Array.from(dot.data));
    // 2*100 - (7*100 + 180)/8 = 90 exactly; 2*100 - (7*100 + 181)/8 = 89.875 rounds to 90; 2*100 - (7*100 + 184)/8 = 89.5 rounds up to 90.
    for (const [corner, want] of [[180, 90], [181, 90], [184, 90], [185, 89]]) {
      const g = gray(3, 3, [corner, 100, 100, 100, 100, 100, 100, 100, 100]);
      expect(sharpen(g).data[4]).to.equal(want);
    }
    // Smaller than the kernel: unchanged.
    expect(Array.from(sharpen(gray(2, 2, [0, 50, 100, 150])).data)).to.deep.equal([0, 50, 100, 150]);
  });

  it('rounds halves to even as Python 3 round() does', () => {
    expect([0.5, 1.5, 2.5, 6.5, 7.5, 2.4999, 2.5001, 13.5, 12.5].map(roundHalfEven)).to.deep.equal([0, 2, 2, 6, 8, 2, 3, 14, 12]);
  });
});

describe('tools/draw_digits', () => {
  it('redraws the committed example images (5.jpg, 4.png, 2.png) pixel for pixel', () => {
    const dir = tempDir();
    try {
      drawAssets(dir);
      for (const name of ['4.png', '2.png']) {
        const mine = PNG.sync.read(fs.readFileSync(path.join(dir, name)));
        const committed = PNG.sync.read(fs.readFileSync(path.join(ASSETS, name)));
        expect([mine.width, mine.height]).to.deep.equal([committed.width, committed.height]);
        expect(Buffer.compare(mine.data, committed.data)).to.equal(0);
      }
      const mine = jpeg.decode(fs.readFileSync(path.join(dir, '5.jpg')), { useTArray: true });
      const committed = jpeg.decode(fs.readFileSync(path.join(ASSETS, '5.jpg')), { useTArray: true });
      expect(Array.from(mine.data)).to.deep.equal(Array.from(committed.data));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws dark digits on light paper, in the sizes and formats the notebook used', () => {
    const five = readGrayImage(path.join(ASSETS, '5.jpg'));
    const four = readGrayImage(path.join(ASSETS, '4.png'));
    const two = readGrayImage(path.join(ASSETS, '2.png'));
    expect([five.width, five.height, four.width, four.height, two.width, two.height]).to.deep.equal([28, 28, 96, 128, 150, 180]);
    for (const img of [five, four, two]) {
      expect(img.data[0]).to.be.above(230);
      expect(Math.min(...img.data)).to.be.below(60);
    }
  });
});
