import { Worker } from 'worker_threads';
import { WORKER_SOURCE } from './worker_source';

/**
 * Each worker's slot in the shared control buffer: Int32 flags, then Float64 arguments.
 * READY: 0 starting, 1 ready, -1 failed to start. SEQ: bumped by the caller to post a
 * call. DONE: the last SEQ finished. FN: index into the export names (-1 = exit).
 * WORKER_SLEEPING / CALLER_SLEEPING: set while that side sleeps in Atomics.wait, so the
 * other side calls Atomics.notify only then (Atomics.wait re-checks the awaited value
 * after the flag is set, so no wake-up is lost). spinPolls: how many times either side
 * polls before sleeping: a few µs. Longer spins (0.1 and 1 ms) were measured on the
 * shared 2-core machine and made things worse: a spinning thread uses up its time
 * slice and then loses its core to other processes exactly when the work arrives.
 */
const LAYOUT = {
  READY: 0, SEQ: 1, DONE: 2, FN: 3, NARGS: 4, FAILED: 5, WORKER_SLEEPING: 6, CALLER_SLEEPING: 7,
  flagCount: 8, maxArgs: 16, spinPolls: 1024,
};
const SLOT_BYTES = LAYOUT.flagCount * 4 + LAYOUT.maxArgs * 8;

/**
 * Whether this thread may block in Atomics.wait: Node's threads and Web Workers may, a
 * page's main thread may not (it throws a TypeError before it looks at the value, so a
 * zero-timeout wait on a value that differs tells). Where it may not, the pool spins on
 * Atomics.load instead of sleeping, as Emscripten's pthreads do on the main thread.
 */
function threadMayBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Worker threads that each hold an instance of one WebAssembly module on one shared
 * memory, so a kernel's work can be split between them without copying. Calls are
 * synchronous from the caller's view: post to some workers, do a share of the work on
 * the calling thread, then block in Atomics.wait until the workers are done (allowed on
 * Node's main thread). Workers start in the background; until one is ready the caller
 * simply runs without it, so nothing ever waits for a thread to boot.
 */
export class WasmWorkerPool {
  private readonly workers: Worker[] = [];
  private readonly flags: Int32Array[] = [];
  private readonly args: Float64Array[] = [];
  private readonly exportIndex = new Map<string, number>();
  private readonly mayBlock = threadMayBlock();

  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, exportNames: string[], size: number) {
    exportNames.forEach((name, i) => this.exportIndex.set(name, i));
    const control = new SharedArrayBuffer(Math.max(1, size) * SLOT_BYTES);
    for (let i = 0; i < size; i++) {
      const slotOffset = i * SLOT_BYTES;
      this.flags.push(new Int32Array(control, slotOffset, LAYOUT.flagCount));
      this.args.push(new Float64Array(control, slotOffset + LAYOUT.flagCount * 4, LAYOUT.maxArgs));
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory, control, slotOffset, exportNames, layout: LAYOUT },
      });
      // An idle pool must not keep the process alive, and a crashed worker only
      // shrinks the pool (its READY flag is never 1, so no call is posted to it).
      worker.unref();
      worker.on('error', () => Atomics.store(this.flags[i], LAYOUT.READY, -1));
      this.workers.push(worker);
    }
  }

  get size(): number { return this.workers.length; }

  /** Indices of the workers ready to take a call now. */
  readyWorkers(): number[] {
    const ready: number[] = [];
    for (let i = 0; i < this.flags.length; i++) if (Atomics.load(this.flags[i], LAYOUT.READY) === 1) ready.push(i);
    return ready;
  }

  /**
   * Blocks until every worker has started (or failed to), at most timeoutMs; returns how
   * many are ready. On a page's main thread it returns at once: a Web Worker may not start
   * before the page's current task ends, so waiting there could only run out the timeout.
   */
  waitUntilReady(timeoutMs = 10_000): number {
    if (!this.mayBlock) return this.readyWorkers().length;
    const deadline = Date.now() + timeoutMs;
    for (const flags of this.flags) {
      while (Atomics.load(flags, LAYOUT.READY) === 0) {
        const left = deadline - Date.now();
        if (left <= 0) return this.readyWorkers().length;
        Atomics.wait(flags, LAYOUT.READY, 0, left);
      }
    }
    return this.readyWorkers().length;
  }

  /** Posts exportName(...args) to worker i; pair with join(i). */
  post(i: number, exportName: string, args: number[]): void {
    const fn = this.exportIndex.get(exportName);
    if (fn === undefined) throw new Error(`WasmWorkerPool: unknown export '${exportName}'`);
    if (args.length > LAYOUT.maxArgs) throw new Error(`WasmWorkerPool: at most ${LAYOUT.maxArgs} arguments`);
    const flags = this.flags[i];
    this.args[i].set(args);
    Atomics.store(flags, LAYOUT.NARGS, args.length);
    Atomics.store(flags, LAYOUT.FN, fn);
    Atomics.add(flags, LAYOUT.SEQ, 1);
    if (Atomics.load(flags, LAYOUT.WORKER_SLEEPING)) Atomics.notify(flags, LAYOUT.SEQ);
  }

  /** Blocks until worker i has finished its posted call; throws if the call trapped. */
  join(i: number): void {
    const flags = this.flags[i];
    const seq = Atomics.load(flags, LAYOUT.SEQ);
    for (let n = 1, done = Atomics.load(flags, LAYOUT.DONE); done !== seq; n++, done = Atomics.load(flags, LAYOUT.DONE)) {
      if (n % LAYOUT.spinPolls === 0 && this.mayBlock) {
        Atomics.store(flags, LAYOUT.CALLER_SLEEPING, 1);
        Atomics.wait(flags, LAYOUT.DONE, done);
        Atomics.store(flags, LAYOUT.CALLER_SLEEPING, 0);
      }
    }
    if (Atomics.load(flags, LAYOUT.FAILED)) throw new Error(`WasmWorkerPool: the call on worker ${i} trapped`);
  }

  /** Stops the workers (they exit after any call in progress). */
  close(): void {
    for (let i = 0; i < this.workers.length; i++) {
      Atomics.store(this.flags[i], LAYOUT.FN, -1);
      Atomics.add(this.flags[i], LAYOUT.SEQ, 1);
      Atomics.notify(this.flags[i], LAYOUT.SEQ);
      Atomics.store(this.flags[i], LAYOUT.READY, -1);
    }
    this.workers.length = 0;
  }
}
