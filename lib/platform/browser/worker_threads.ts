/**
 * The browser build's `worker_threads`. The CPU backend's thread pool blocks the calling
 * thread in Atomics.wait, which a page's main thread may not do, so the browser runs the
 * WebAssembly kernels on the main thread alone: constructing a Worker throws, and the
 * pool's owner (kernels/cpu/wasm/wasm_gemm.ts) then stays on the calling thread.
 */
export const isMainThread = true;
export const workerData = undefined;
export const parentPort = null;
export class Worker {
  constructor() {
    throw new Error('worker_threads is not available in the browser: the WebAssembly kernels run on the main thread');
  }
}
export default { isMainThread, workerData, parentPort, Worker };
