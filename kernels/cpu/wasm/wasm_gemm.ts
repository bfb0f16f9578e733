import { WasmWorkerPool } from '../parallel/worker_pool';
import { loadKernelModule } from './wasm_module';

const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB; gemm.wasm is linked with that maximum. */
const MAX_PAGES = 65536;
const ALIGN = 64;
/** Bands of C per participating thread, so a late or slowed thread does fewer of them. */
const BANDS_PER_THREAD = 4;

interface GemmExports {
  gemm_f32(m: number, n: number, k: number, a: number, lda: number, transA: number, b: number, ldb: number,
    transB: number, c: number, ldc: number, accumulate: number, work: number): void;
  gemm_job_run(job: number, work: number): void;
  gemm_workspace_floats(): number;
  gemm_job_size(): number;
  gemm_mr(): number;
  gemm_nr(): number;
  __heap_base: WebAssembly.Global;
}

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;

/**
 * The WebAssembly SIMD GEMM (kernels/cpu/wasm/gemm.c) on a shared memory, with a pool
 * of worker threads holding instances of the same module. Operands are copied into the
 * module's memory (O(mk + kn) against O(mnk) work), multiplied there, and the result
 * copied out. Memory layout: [job descriptor][one workspace per thread][A][B][C].
 */
export class WasmGemm {
  readonly mr: number;
  readonly nr: number;
  private readonly memory: WebAssembly.Memory;
  private readonly exports: GemmExports;
  private readonly jobPtr: number;
  private readonly workBytes: number;
  private heapF32: Float32Array;
  private heapI32: Int32Array;
  private pool: WasmWorkerPool | null = null;
  private threads = 1;

  constructor(private readonly module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    this.exports = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as GemmExports;
    this.mr = this.exports.gemm_mr();
    this.nr = this.exports.gemm_nr();
    this.jobPtr = alignUp(this.exports.__heap_base.value as number, ALIGN);
    this.workBytes = alignUp(this.exports.gemm_workspace_floats() * 4, ALIGN);
    this.heapF32 = new Float32Array(this.memory.buffer);
    this.heapI32 = new Int32Array(this.memory.buffer);
  }

  /** Threads taking part in large products, the calling thread included. */
  get threadCount(): number { return this.threads; }

  setThreadCount(threads: number): void {
    if (threads === this.threads) return;
    this.pool?.close();
    this.pool = null;
    this.threads = threads;
  }

  /** Starts the worker threads now (they otherwise start with the first large product) and waits for them. */
  startWorkers(timeoutMs: number): number {
    return this.ensurePool()?.waitUntilReady(timeoutMs) ?? 0;
  }

  /**
   * out[m x n] (=|+=) op(A) op(B). parallel: split the product across the ready worker
   * threads and this one. Returns false when the operands do not fit in 4 GiB of wasm
   * memory (the caller then uses its JS loop).
   */
  run(m: number, n: number, k: number, a: Float32Array, transA: boolean, b: Float32Array, transB: boolean,
    out: Float32Array, accumulate: boolean, parallel: boolean): boolean {
    const workPtr = this.jobPtr + alignUp(this.exports.gemm_job_size(), ALIGN);
    const aPtr = workPtr + this.threads * this.workBytes;
    const bPtr = alignUp(aPtr + m * k * 4, ALIGN);
    const cPtr = alignUp(bPtr + k * n * 4, ALIGN);
    if (!this.reserve(cPtr + m * n * 4)) return false;
    const heap = this.heapF32;
    heap.set(a.subarray(0, m * k), aPtr >>> 2);
    heap.set(b.subarray(0, k * n), bPtr >>> 2);
    const c = out.subarray(0, m * n);
    if (accumulate) heap.set(c, cPtr >>> 2);
    const lda = transA ? m : k, ldb = transB ? k : n;
    const workers = parallel ? this.ensurePool()?.readyWorkers() ?? [] : [];
    if (workers.length === 0) {
      this.exports.gemm_f32(m, n, k, aPtr, lda, +transA, bPtr, ldb, +transB, cPtr, n, +accumulate, workPtr);
    } else {
      this.writeJob(m, n, k, aPtr, lda, transA, bPtr, ldb, transB, cPtr, accumulate, workers.length + 1);
      const pool = this.pool!;
      workers.forEach((w, i) => pool.post(w, 'gemm_job_run', [this.jobPtr, workPtr + (i + 1) * this.workBytes]));
      let failure: unknown = null;
      try {
        this.exports.gemm_job_run(this.jobPtr, workPtr);
      } catch (e) { failure = e; }
      // Join every worker before reporting any failure: one left running would keep
      // writing into the shared memory the next product reuses.
      for (const w of workers) {
        try { pool.join(w); } catch (e) { failure ??= e; }
      }
      if (failure !== null) throw failure;
    }
    c.set(heap.subarray(cPtr >>> 2, (cPtr >>> 2) + m * n));
    return true;
  }

  /** Cuts C into bands along its longer side (in micro-tile units) and publishes the job. */
  private writeJob(m: number, n: number, k: number, aPtr: number, lda: number, transA: boolean, bPtr: number,
    ldb: number, transB: boolean, cPtr: number, accumulate: boolean, participants: number): void {
    const splitN = n / this.nr >= m / this.mr;
    const extent = splitN ? n : m, unit = splitN ? this.nr : this.mr;
    const chunk = alignUp(Math.ceil(extent / (participants * BANDS_PER_THREAD)), unit);
    const job = this.heapI32, j = this.jobPtr >>> 2;
    const fields = [m, n, k, aPtr, lda, +transA, bPtr, ldb, +transB, cPtr, n, +accumulate,
      +splitN, chunk, Math.ceil(extent / chunk), 0];
    for (let i = 0; i < fields.length; i++) job[j + i] = fields[i];
  }

  private ensurePool(): WasmWorkerPool | null {
    if (this.threads <= 1) return null;
    if (this.pool === null) {
      try {
        this.pool = new WasmWorkerPool(this.module, this.memory, ['gemm_job_run'], this.threads - 1);
      } catch {
        this.threads = 1; // no worker_threads here: stay on the calling thread
        return null;
      }
    }
    return this.pool;
  }

  /** Grows the shared memory to hold `bytes`; false if that passes the 4 GiB limit. */
  private reserve(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / PAGE_BYTES);
      if (have / PAGE_BYTES + pages > MAX_PAGES) return false;
      try {
        this.memory.grow(pages);
      } catch {
        return false; // the address space could not be committed
      }
    }
    if (this.heapF32.buffer.byteLength !== this.memory.buffer.byteLength) {
      this.heapF32 = new Float32Array(this.memory.buffer);
      this.heapI32 = new Int32Array(this.memory.buffer);
    }
    return true;
  }
}

/** The engine, or null where the module or WebAssembly SIMD is unavailable. */
export function createWasmGemm(): WasmGemm | null {
  try {
    const module = loadKernelModule('gemm.wasm');
    return module === null ? null : new WasmGemm(module);
  } catch {
    return null; // e.g. no shared WebAssembly memory in this engine
  }
}
