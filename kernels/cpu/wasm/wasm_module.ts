import * as fs from 'fs';
import * as path from 'path';

/**
 * Finds a built kernel module (e.g. 'gemm.wasm') and compiles it synchronously, so the
 * kernels that use it stay synchronous. Looks next to this file (source tree, or a copy
 * in dist/) and then in kernels/cpu/wasm/ of each folder above (dist/ holds no .wasm:
 * tsc copies only .ts output). Returns null when the file is missing or
 * TENSORGRAPH_WASM=0, and throws when this engine cannot compile it (no WebAssembly
 * SIMD or threads); callers then use their JS code.
 */
export function loadKernelModule(fileName: string): WebAssembly.Module | null {
  if (process.env.TENSORGRAPH_WASM === '0' || typeof WebAssembly !== 'object') return null;
  const file = findKernelFile(fileName);
  if (file === null) return null;
  const bytes = fs.readFileSync(file);
  // Throws for a file this engine cannot compile (no SIMD or threads, or a damaged
  // build); the caller reports it rather than silently taking the slow path.
  return new WebAssembly.Module(bytes);
}

function findKernelFile(fileName: string): string | null {
  const beside = path.join(__dirname, fileName);
  if (fs.existsSync(beside)) return beside;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'kernels', 'cpu', 'wasm', fileName);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}
