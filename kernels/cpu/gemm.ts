/**
 * out[m×n] = op(A)·op(B) on float32 row-major data. The loop order keeps the inner
 * loop on contiguous rows of B and out, which V8 turns into tight code.
 * (The WebAssembly SIMD kernel of the CPU-speed work replaces this for large sizes.)
 */
export function gemm(m: number, n: number, k: number,
  a: Float32Array, transA: boolean, b: Float32Array, transB: boolean, out: Float32Array): void {
  out.fill(0);
  const bt = transB ? transpose(b, n, k) : b;
  for (let i = 0; i < m; i++) {
    const orow = i * n;
    for (let p = 0; p < k; p++) {
      const av = transA ? a[p * m + i] : a[i * k + p];
      if (av === 0) continue;
      const brow = p * n;
      for (let j = 0; j < n; j++) out[orow + j] += av * bt[brow + j];
    }
  }
}

/** rows×cols row-major -> cols×rows. */
export function transpose(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c];
  return out;
}
