/**
 * The browser build's `worker_threads`: just enough for the CPU backend's pool
 * (kernels/cpu/parallel/worker_pool.ts) over Web Workers. `new Worker(source, {eval: true,
 * workerData})` starts a Web Worker from a Blob URL whose script waits for its first
 * message (the workerData: the WebAssembly module, the shared memory, the control
 * buffer) and only then runs the pool's source, with a `require('worker_threads')` that
 * answers that data. Sharing a WebAssembly.Memory with a worker needs a cross-origin
 * isolated page; elsewhere the module has no shared memory and the CPU backend never
 * builds a pool. The page's main thread may not call Atomics.wait, so the pool spins
 * there instead (worker_pool.ts); the workers themselves may block.
 */
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };
declare const self: { Worker?: new (url: string) => WebWorker } | undefined;
interface WebWorker {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (event: unknown) => void): void;
  terminate(): void;
}

export const isMainThread = true;
export const workerData = undefined;
export const parentPort = null;

/**
 * Wraps the Node-style eval source so that it runs once the workerData has arrived; when
 * it returns (the pool closed), the worker closes itself, as a Node worker exits.
 */
function webWorkerScript(source: string): string {
  return `self.onmessage = (message) => {\n  self.onmessage = null;\n` +
    `  const require = () => ({ workerData: message.data });\n${source}\n  self.close();\n};\n`;
}

export class Worker {
  private readonly worker: WebWorker;

  constructor(source: string, options: { eval?: boolean; workerData?: unknown } = {}) {
    const WebWorkerClass = typeof self !== 'undefined' ? self.Worker : undefined;
    if (!options.eval || WebWorkerClass === undefined) {
      throw new Error('worker_threads in the browser: only eval workers, where Web Workers exist');
    }
    // The URL stays valid: a worker may fetch its script after the constructor returns, and a pool starts few workers.
    const url = URL.createObjectURL(new Blob([webWorkerScript(source)], { type: 'text/javascript' }));
    this.worker = new WebWorkerClass(url);
    this.worker.postMessage(options.workerData);
  }

  on(event: string, listener: (error: unknown) => void): this {
    if (event === 'error') this.worker.addEventListener('error', listener);
    return this;
  }

  /** A page's workers never keep anything alive. */
  unref(): void {}

  terminate(): Promise<number> {
    this.worker.terminate();
    return Promise.resolve(0);
  }
}
export default { isMainThread, workerData, parentPort, Worker };
