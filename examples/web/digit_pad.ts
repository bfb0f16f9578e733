/**
 * The drawing pad: a 280x280 canvas (28x28 scaled by 10) drawn on with a mouse, pen or
 * finger (pointer events), and its conversion to an MNIST input as MNIST's digits were
 * made: the ink's bounding box scaled to fit 20x20, anti-aliased, then placed in 28x28 so
 * that its centre of mass is the centre. Without that step a digit drawn small or off
 * centre is misread by a network that only ever saw centred ones.
 */
export const SIDE = 28;
const INK_BOX = 20;

export class DigitPad {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private last: { x: number; y: number } | null = null;

  /** onStroke: after each stroke segment (throttled to animation frames) and when a stroke ends. */
  constructor(readonly canvas: HTMLCanvasElement, private readonly onStroke: () => void) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear();
    let scheduled = false;
    const changed = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; this.onStroke(); });
    };
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.drawing = true;
      this.last = this.point(e);
      this.segment(this.last, this.last);
      changed();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const p = this.point(e);
      this.segment(this.last ?? p, p);
      this.last = p;
      changed();
    });
    const end = () => { if (this.drawing) { this.drawing = false; this.last = null; this.onStroke(); } };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Paints a 28x28 image (values in [0, 1]) over the whole pad, as if it had been drawn. */
  paint(pixels: ArrayLike<number>): void {
    const small = document.createElement('canvas');
    small.width = small.height = SIDE;
    const image = small.getContext('2d')!.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const v = Math.round(pixels[i] * 255);
      image.data.set([v, v, v, 255], i * 4);
    }
    small.getContext('2d')!.putImageData(image, 0, 0);
    this.ctx.imageSmoothingEnabled = false;
    this.ctx.drawImage(small, 0, 0, this.canvas.width, this.canvas.height);
  }

  /** The drawing as an MNIST input: 784 values in [0, 1], white ink on black; all zeros when blank. */
  toMnist(): Float32Array {
    const { width, height } = this.canvas;
    const ink = this.ctx.getImageData(0, 0, width, height).data;
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (ink[(y * width + x) * 4] > 12) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      }
    }
    if (x1 < 0) return new Float32Array(SIDE * SIDE);
    const w = x1 - x0 + 1, h = y1 - y0 + 1;
    const scale = INK_BOX / Math.max(w, h);
    const boxed = resample(this.canvas, [x0, y0, w, h], [(SIDE - w * scale) / 2, (SIDE - h * scale) / 2, w * scale, h * scale]);
    const [cx, cy] = centreOfMass(boxed.values);
    const dx = Math.round(SIDE / 2 - cx), dy = Math.round(SIDE / 2 - cy);
    const small = resample(boxed.canvas, [0, 0, SIDE, SIDE], [dx, dy, SIDE, SIDE]);
    return small.values;
  }

  private point(e: PointerEvent) {
    const r = this.canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * (this.canvas.width / r.width), y: (e.clientY - r.top) * (this.canvas.height / r.height) };
  }

  private segment(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const ctx = this.ctx;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = this.canvas.width / 12;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
}

/** Draws src's rectangle `from` into `to` of a fresh 28x28 canvas (smoothed); returns it and its grey values in [0, 1]. */
function resample(src: HTMLCanvasElement, from: number[], to: number[]) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIDE;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, SIDE, SIDE);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, from[0], from[1], from[2], from[3], to[0], to[1], to[2], to[3]);
  const rgba = ctx.getImageData(0, 0, SIDE, SIDE).data;
  const values = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < values.length; i++) values[i] = rgba[i * 4] / 255;
  return { canvas, values };
}

function centreOfMass(values: Float32Array): [number, number] {
  let total = 0, sx = 0, sy = 0;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) { const v = values[y * SIDE + x]; total += v; sx += v * (x + 0.5); sy += v * (y + 0.5); }
  }
  return total > 0 ? [sx / total, sy / total] : [SIDE / 2, SIDE / 2];
}
