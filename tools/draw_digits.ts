/**
 * Draws the three handwritten-looking digits the SavedModel example predicts
 * (examples/assets/5.jpg, 4.png, 2.png): strokes of our own, polylines and
 * elliptical arcs, rendered with anti-aliased thick pens. They stand in for the
 * notebook's photo (5.jpg), screenshot (4.png) and drawing (2.png), so they differ
 * in size, format and colour on purpose.
 *
 *   npx tsx tools/draw_digits.ts [output dir, default examples/assets]
 */
import * as fs from 'fs';
import * as path from 'path';
import { PNG } from 'pngjs';
import * as jpeg from 'jpeg-js';

type Point = [number, number];
/** A stroke: points in a unit box, x to the right and y downwards. */
type Stroke = Point[];

/** Points along an elliptical arc; angles in degrees, 0 = right, 90 = down. */
function arc(cx: number, cy: number, rx: number, ry: number, fromDeg: number, toDeg: number, steps = 32): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = ((fromDeg + ((toDeg - fromDeg) * i) / steps) * Math.PI) / 180;
    pts.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return pts;
}

export const DIGIT_STROKES: Record<'5' | '4' | '2', Stroke[]> = {
  // Flag, then a short down stroke into an open bowl.
  '5': [
    [[0.86, 0.06], [0.52, 0.05], [0.28, 0.07]],
    [[0.28, 0.07], [0.24, 0.27], [0.2, 0.45]],
    [[0.2, 0.45], ...arc(0.47, 0.68, 0.36, 0.27, -125, 140)],
  ],
  // The open-top 4 most MNIST writers use: a bent left stroke and a long right one.
  '4': [
    [[0.22, 0.04], [0.16, 0.34], [0.12, 0.58], [0.5, 0.6], [0.9, 0.58]],
    [[0.74, 0.06], [0.72, 0.45], [0.7, 0.97]],
  ],
  // A hooked top running into a diagonal and a flat base.
  '2': [
    [...arc(0.5, 0.3, 0.37, 0.25, -165, 35), [0.1, 0.93], [0.5, 0.94], [0.93, 0.92]],
  ],
};

interface Style {
  width: number;
  height: number;
  /** Fraction of the image height the pen covers. */
  pen: number;
  /** Blank margin around the digit, in pixels. */
  margin: number;
  ink: [number, number, number];
  paper: [number, number, number];
}

function distanceToSegment(px: number, py: number, a: Point, b: Point): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2));
  const ex = a[0] + t * dx - px, ey = a[1] + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** RGBA pixels of the strokes: each pixel's ink is how far inside the pen its centre lies (a 1-px ramp). */
export function renderStrokes(strokes: Stroke[], style: Style): Uint8Array {
  const { width, height, margin } = style;
  const toPixels = ([x, y]: Point): Point => [margin + x * (width - 2 * margin), margin + y * (height - 2 * margin)];
  const segments: [Point, Point][] = [];
  for (const s of strokes) for (let i = 1; i < s.length; i++) segments.push([toPixels(s[i - 1]), toPixels(s[i])]);
  const halfPen = (style.pen * height) / 2;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let d = Infinity;
      for (const [a, b] of segments) d = Math.min(d, distanceToSegment(x + 0.5, y + 0.5, a, b));
      const ink = Math.max(0, Math.min(1, halfPen + 0.5 - d));
      const p = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) rgba[p + c] = Math.round(style.paper[c] * (1 - ink) + style.ink[c] * ink);
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

function encodePng(rgba: Uint8Array, width: number, height: number, colorType: 0 | 2): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  return PNG.sync.write(png, { colorType, inputColorType: 6 });
}

export function drawAssets(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const save = (name: string, bytes: Buffer) => { const f = path.join(outDir, name); fs.writeFileSync(f, bytes); written.push(f); };

  // A small photo-like JPEG, 28x28 as in the notebook's comment.
  const five: Style = { width: 28, height: 28, pen: 0.13, margin: 3, ink: [20, 20, 24], paper: [250, 250, 248] };
  save('5.jpg', jpeg.encode({ data: renderStrokes(DIGIT_STROKES['5'], five), width: 28, height: 28 }, 92).data);

  // A "screenshot": RGB, dark blue ink on an off-white page, taller than wide.
  const four: Style = { width: 96, height: 128, pen: 0.13, margin: 8, ink: [16, 24, 60], paper: [244, 244, 238] };
  save('4.png', encodePng(renderStrokes(DIGIT_STROKES['4'], four), 96, 128, 2));

  // A larger grayscale drawing.
  const two: Style = { width: 150, height: 180, pen: 0.13, margin: 12, ink: [0, 0, 0], paper: [255, 255, 255] };
  save('2.png', encodePng(renderStrokes(DIGIT_STROKES['2'], two), 150, 180, 0));
  return written;
}

if (require.main === module) {
  const outDir = process.argv[2] ?? path.join('examples', 'assets');
  for (const f of drawAssets(outDir)) console.log('wrote', f);
}
