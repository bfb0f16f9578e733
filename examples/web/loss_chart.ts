/** A line chart of the training loss, redrawn whole on every update (a few hundred points). */
export function drawLossChart(canvas: HTMLCanvasElement, losses: readonly number[]): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  const pad = 36;
  ctx.clearRect(0, 0, width, height);
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = '#666';
  ctx.fillText('loss', 4, 14);
  ctx.fillText('step', width - 32, height - 6);
  if (losses.length === 0) return;
  const top = Math.max(...losses), steps = Math.max(losses.length - 1, 1);
  ctx.fillText(top.toFixed(2), 4, pad);
  ctx.fillText('0', 4, height - pad);
  ctx.fillText(String(losses.length), width - pad - 10, height - pad + 16);
  ctx.strokeStyle = '#ccc';
  ctx.strokeRect(pad, pad / 2, width - pad * 1.5, height - pad * 1.5);
  ctx.strokeStyle = '#2a7ae2';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  losses.forEach((l, i) => {
    const x = pad + (i / steps) * (width - pad * 1.5);
    const y = pad / 2 + (1 - l / top) * (height - pad * 1.5);
    if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
  });
  ctx.stroke();
}
