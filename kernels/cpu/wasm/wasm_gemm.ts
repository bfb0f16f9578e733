import type { Window2D } from '../conv_geometry';
import { WasmWorkerPool } from '../parallel/worker_pool';
import { loadKernelModule } from './wasm_module';
import type { RunInfo } from '../../../lib/registry/kernel_registry';

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
  conv_job_run(job: number, work: number): void;
  conv_job_size(): number;
  conv_sum_accumulators(out: number, first: number, stride: number, count: number, n: number): void;
  adam_job_run(job: number, work: number): void;
  adam_job_size(): number;
  gradient_descent_f32(n: number, variable: number, grad: number, out: number, alpha: number): void;
  relu_f32(x: number, out: number, n: number): void;
  relu_grad_f32(dy: number, x: number, out: number, n: number): void;
  bias_add_f32(x: number, b: number, out: number, rows: number, c: number): void;
  column_sums_f32(x: number, acc: number, out: number, rows: number, c: number): void;
  max_pool_f32(x: number, out: number, ...window: number[]): void;
  max_pool_grad_f32(x: number, dy: number, dx: number, ...window: number[]): void;
  exp_f32(x: number, out: number, n: number): void;
  log_f32(x: number, out: number, n: number): void;
  softmax_f32(x: number, out: number, rows: number, cols: number): void;
  gemm_mr(): number;
  gemm_nr(): number;
  __heap_base: WebAssembly.Global;
}

/** Exported functions the worker threads may be asked to run. */
const WORKER_EXPORTS = ['gemm_job_run', 'conv_job_run', 'adam_job_run'];

/** elementwise.c's kernels: each takes its inputs' and output's addresses, then its int arguments. */
export type ElementwiseKernel = 'relu_f32' | 'relu_grad_f32' | 'bias_add_f32' | 'column_sums_f32' | 'max_pool_f32' |
  'max_pool_grad_f32' | 'exp_f32' | 'log_f32' | 'softmax_f32';

/** int32-sized fields of training.c's adam_job. */
const ADAM_JOB_FIELDS = 16;
/** Parameters per share of an Adam update that a thread takes (128 KB of each array). */
const ADAM_CHUNK = 32768;

/**
 * One ApplyAdam update: reads var0, m0, v0 and grad, writes var, m, v (each may be the
 * same array as its old value). alpha is TF1's lr_t.
 */
export interface AdamProblem {
  var0: Float32Array; m0: Float32Array; v0: Float32Array; grad: Float32Array;
  var: Float32Array; m: Float32Array; v: Float32Array;
  alpha: number; beta1: number; beta2: number; epsilon: number; nesterov: boolean;
}

/** int32 fields of conv.c's conv_job (conv() writes them in order). */
const CONV_JOB_FIELDS = 30;

/** The convolutions conv.c runs; the values are conv_job.kind. */
export enum ConvKind { Forward = 0, InputGrad = 1, FilterGrad = 2 }

/**
 * A convolution for WasmGemm.conv. Operands by kind (matrices row-major):
 *   Forward:    first = x [N,H,W,C],  second = filter [kh*kw*C, O], out = y [N,oh,ow,O]
 *   InputGrad:  first = dy [N,oh,ow,O], second = filter,           out = dx [N,H,W,C]
 *   FilterGrad: first = x,            second = dy,               out = dw [kh*kw*C, O]
 * imagesPerTask: images in each share of the batch that a thread takes. The filter
 * gradient sums the tasks' products in task order, so its bits depend on this (keep it
 * independent of the thread count) but not on which thread ran what.
 * imagesPerBlock: images whose patch matrix a thread builds and multiplies at a time.
 */
export interface ConvProblem {
  kind: ConvKind; g: Window2D; outC: number; imagesPerTask: number; imagesPerBlock: number;
  first: Float32Array; second: Float32Array; out: Float32Array;
}

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;

/**
 * The WebAssembly SIMD kernels (kernels/cpu/wasm/*.c: the GEMM, convolutions, optimizer
 * updates, element-wise kernels) on one shared memory, with a pool of worker threads
 * holding instances of the same module. Operands that live in the memory (resident
 * arrays: variables' and recycled outputs' buffers) are used in place; others are
 * copied in (O(mk + kn) against O(mnk) work for a product) and results copied out.
 * Memory layout: [job descriptor][resident arrays][one workspace per thread][operand
 * copies of the current call].
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
  /** How many threads took part in the last convolution (took at least one of its tasks). */
  lastConvThreads = 0;
  /**
   * The A operand the last product copied, when it was a feed of the run that product
   * belonged to (RunInfo.isFeed: nothing writes a feed until its run ends): a product
   * later in the same run (same run id) with the same A finds it still in place and
   * skips the copy. Cleared by anything else that writes the operand area.
   */
  private copiedFeed: { data: Float32Array; length: number; ptr: number; runId: number } | null = null;
  /** Operand copies skipped thanks to copiedFeed (tests read it). */
  feedCopiesSkipped = 0;
  /** The id of the last run a product was told of: a feed copy from any other run is stale. */
  private lastRunId: number | null = null;
  /**
   * The most memory reserve() grows to. Tests lower it to make the entries decline (as
   * past 4 GiB) and so reach their callers' JS paths.
   */
  memoryLimitBytes = MAX_PAGES * PAGE_BYTES;
  /**
   * Resident arrays (allocateResident) lie below residentTop, above the job
   * descriptor; the workspaces and operand copies of each call lie above it. Freed
   * regions are kept by size for the next array of that size.
   */
  private residentTop: number;
  private readonly freeRegions = new Map<number, number[]>();
  /** Resident regions handed out (by address): freeing one twice would give it two owners. */
  private readonly liveRegions = new Set<number>();
  /** Every ArrayBuffer the memory has had (it gets a new one when it grows): views on them are resident. */
  private readonly memoryBuffers = new WeakSet<ArrayBufferLike>();
  /** Resident arrays handed out and not freed (tests read it). */
  residentArrays = 0;
  /** Tests set this to fill freed regions with NaN, so that a use after free shows. */
  poisonFreedRegions = false;

  constructor(private readonly module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    this.exports = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as GemmExports;
    this.mr = this.exports.gemm_mr();
    this.nr = this.exports.gemm_nr();
    this.jobPtr = alignUp(this.exports.__heap_base.value as number, ALIGN);
    this.workBytes = alignUp(this.exports.gemm_workspace_floats() * 4, ALIGN);
    this.heapF32 = new Float32Array(this.memory.buffer);
    this.heapI32 = new Int32Array(this.memory.buffer);
    this.memoryBuffers.add(this.memory.buffer);
    const e = this.exports;
    this.residentTop =
      this.jobPtr + alignUp(Math.max(e.gemm_job_size(), e.conv_job_size(), e.adam_job_size()), ALIGN);
    if (this.exports.conv_job_size() !== CONV_JOB_FIELDS * 4) {
      throw new Error(`WasmGemm: conv_job is ${this.exports.conv_job_size()} bytes; expected ${CONV_JOB_FIELDS} int32 fields`);
    }
    if (this.exports.adam_job_size() !== ADAM_JOB_FIELDS * 4) {
      throw new Error(`WasmGemm: adam_job is ${this.exports.adam_job_size()} bytes; expected ${ADAM_JOB_FIELDS} fields`);
    }
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
   * threads and this one. run: the run the product is part of (null: none), whose
   * feeds' copies may be reused within it. Returns false when the operands do not fit
   * in 4 GiB of wasm memory (the caller then uses its JS loop).
   */
  run(m: number, n: number, k: number, a: Float32Array, transA: boolean, b: Float32Array, transB: boolean,
    out: Float32Array, accumulate: boolean, parallel: boolean, run: RunInfo | null = null): boolean {
    const workPtr = this.workspacesPtr();
    // A feed copy left by another run (or with no run to vouch for it) is dead: placing B
    // and C above it would waste its length, and keeping it would keep that run's feed
    // array (perhaps of a closed session) alive.
    this.lastRunId = run?.id ?? null;
    if (this.copiedFeed !== null && this.copiedFeed.runId !== this.lastRunId) this.copiedFeed = null;
    // Copies of A and B go here, unless they are resident arrays (a variable's or a
    // recycled output's buffer), which are read in place. A product whose A is resident
    // leaves a feed copy at aCopyPtr (copiedFeed) in place: B and C go above all of it.
    const aCopyPtr = workPtr + this.threads * this.workBytes;
    const feedEnd = this.isResident(a) ? this.operandsAboveFeed() : 0;
    const bCopyPtr = Math.max(alignUp(aCopyPtr + m * k * 4, ALIGN), feedEnd);
    let cPtr = alignUp(bCopyPtr + k * n * 4, ALIGN);
    if (!this.reserve(cPtr + m * n * 4)) return false;
    const heap = this.heapF32;
    const aPtr = this.isResident(a) ? a.byteOffset : aCopyPtr, bPtr = this.isResident(b) ? b.byteOffset : bCopyPtr;
    const copied = this.copiedFeed;
    if (aPtr === aCopyPtr) {
      if (run !== null && copied !== null && copied.runId === run.id && copied.data === a &&
        copied.length === m * k && copied.ptr === aPtr) {
        this.feedCopiesSkipped++;
      } else {
        heap.set(a.subarray(0, m * k), aPtr >>> 2);
        this.copiedFeed = run !== null && run.isFeed(a) ? { data: a, length: m * k, ptr: aPtr, runId: run.id } : null;
      }
    }
    if (bPtr === bCopyPtr) heap.set(b.subarray(0, k * n), bPtr >>> 2);
    const c = out.subarray(0, m * n);
    const cResident = this.isResident(out);
    if (cResident) cPtr = out.byteOffset;
    else if (accumulate) heap.set(c, cPtr >>> 2);
    const lda = transA ? m : k, ldb = transB ? k : n;
    const workers = parallel ? this.ensurePool()?.readyWorkers() ?? [] : [];
    if (workers.length === 0) {
      this.exports.gemm_f32(m, n, k, aPtr, lda, +transA, bPtr, ldb, +transB, cPtr, n, +accumulate, workPtr);
    } else {
      this.writeJob(m, n, k, aPtr, lda, transA, bPtr, ldb, transB, cPtr, accumulate, workers.length + 1);
      this.runJob('gemm_job_run', workers, workPtr, this.workBytes);
    }
    if (!cResident) c.set(heap.subarray(cPtr >>> 2, (cPtr >>> 2) + m * n));
    return true;
  }

  /**
   * Runs a convolution in conv.c: the operands are copied into wasm memory once, each
   * participating thread builds the patch matrix of one block of images at a time in
   * its own workspace and multiplies it there, and the result is copied out. Memory:
   * [job][workspace (GEMM's, a patch block, a padded image) per thread][filter-gradient
   * accumulator per task][first][second][out]. parallel: share the tasks with the
   * ready worker threads. Returns false when the problem does not fit in 4 GiB of wasm
   * memory (the caller then uses its JS path).
   */
  conv(p: ConvProblem, parallel: boolean): boolean {
    const { g, outC } = p;
    const k = g.kH * g.kW * g.channels;
    const imagesPerTask = Math.max(1, Math.min(p.imagesPerTask, g.batch));
    const imagesPerBlock = Math.max(1, Math.min(p.imagesPerBlock, imagesPerTask));
    const ntasks = Math.ceil(g.batch / imagesPerTask);
    // The padded image conv.c reads patches from: the image inside its padding, and
    // large enough for every window (VALID windows may stop short of the image's end).
    const paddedH = Math.max(g.padTop + g.inH, (g.outH - 1) * g.strideH + (g.kH - 1) * g.dilH + 1);
    const paddedW = Math.max(g.padLeft + g.inW, (g.outW - 1) * g.strideW + (g.kW - 1) * g.dilW + 1);
    const paddedOffset = this.workBytes + alignUp(imagesPerBlock * g.outH * g.outW * k * 4, ALIGN);
    const workBytes = paddedOffset + alignUp(paddedH * paddedW * g.channels * 4, ALIGN);
    const accumulatorBytes = p.kind === ConvKind.FilterGrad ? alignUp(k * outC * 4, ALIGN) : 0;
    const workPtr = this.scratchStart();
    const accumulatorsPtr = workPtr + this.threads * workBytes;
    const firstCopyPtr = accumulatorsPtr + ntasks * accumulatorBytes;
    const secondCopyPtr = alignUp(firstCopyPtr + p.first.length * 4, ALIGN);
    const outCopyPtr = alignUp(secondCopyPtr + p.second.length * 4, ALIGN);
    if (!this.reserve(outCopyPtr + p.out.length * 4)) return false;
    const heap = this.heapF32;
    // Resident operands (buffers in this memory) are used in place, others copied.
    const firstPtr = this.placeCopy(p.first, firstCopyPtr), secondPtr = this.placeCopy(p.second, secondCopyPtr);
    const outPtr = this.isResident(p.out) ? p.out.byteOffset : outCopyPtr;
    const job = [g.batch, g.inH, g.inW, g.channels, g.kH, g.kW, g.strideH, g.strideW, g.dilH, g.dilW,
      g.outH, g.outW, g.padTop, g.padLeft, outC, p.kind, firstPtr, secondPtr, outPtr,
      imagesPerTask, ntasks, imagesPerBlock, this.workBytes >>> 2, paddedOffset >>> 2, paddedH, paddedW,
      accumulatorsPtr, accumulatorBytes >>> 2, 0, 0];
    this.heapI32.set(job, this.jobPtr >>> 2); // conv.c's conv_job, field by field
    // More threads than tasks would only wake workers with nothing to do.
    const workers = (parallel ? this.ensurePool()?.readyWorkers() ?? [] : []).slice(0, ntasks - 1);
    this.runJob('conv_job_run', workers, workPtr, workBytes);
    if (p.kind === ConvKind.FilterGrad) {
      this.exports.conv_sum_accumulators(outPtr, accumulatorsPtr, accumulatorBytes >>> 2, ntasks, k * outC);
    }
    if (outPtr === outCopyPtr) p.out.set(heap.subarray(outPtr >>> 2, (outPtr >>> 2) + p.out.length));
    this.lastConvThreads = this.heapI32[(this.jobPtr >>> 2) + CONV_JOB_FIELDS - 1];
    return true;
  }

  /**
   * ApplyAdam's update (training.c), shared with the ready workers by chunks when
   * parallel: in place on resident arrays (the variables' own buffers when the session
   * keeps them in wasm memory), else on copies. Even with all seven arrays copied in and
   * out it beat the JS loop's square root and division per parameter 2.2x on Deep
   * MNIST's 3.2M-parameter layer. Returns false when it does not fit in wasm memory.
   */
  adam(p: AdamProblem, parallel: boolean): boolean {
    const n = p.var0.length;
    const workPtr = this.workspacesPtr(); // adam_job_run uses no workspace
    const area = { next: this.operandsAboveFeed() };
    const places = [[p.var0, p.var], [p.m0, p.m], [p.v0, p.v]].map(([old, out]) => this.placeUpdate(old, out, n, area));
    const gradPtr = this.placeInput(p.grad, n, area);
    if (!this.reserve(area.next)) return false;
    places.forEach((place) => place.load());
    if (gradPtr.copy) this.heapF32.set(p.grad.subarray(0, n), gradPtr.ptr >>> 2);
    const nchunks = Math.ceil(n / ADAM_CHUNK), j = this.jobPtr >>> 2;
    this.heapI32.set([n, ...places.map((x) => x.oldPtr), ...places.map((x) => x.outPtr), gradPtr.ptr], j);
    this.heapF32.set([p.alpha, p.beta1, p.beta2, p.epsilon], j + 8);
    this.heapI32.set([+p.nesterov, ADAM_CHUNK, nchunks, 0], j + 12);
    const workers = (parallel ? this.ensurePool()?.readyWorkers() ?? [] : []).slice(0, nchunks - 1);
    this.runJob('adam_job_run', workers, workPtr, this.workBytes);
    places.forEach((place) => place.store());
    return true;
  }

  /**
   * ApplyGradientDescent's update (training.c) on the calling thread: out = var0 - alpha *
   * grad (out may be var0), in place on resident arrays, else on copies. The JS loop
   * costs about 2.4 ns a parameter here (float32 loads and stores through float64), this
   * a third of that with its copies. Returns false when it does not fit in wasm memory.
   */
  gradientDescent(var0: Float32Array, grad: Float32Array, out: Float32Array, alpha: number): boolean {
    const n = var0.length;
    const area = { next: this.operandsAboveFeed() };
    const place = this.placeUpdate(var0, out, n, area);
    const gradPtr = this.placeInput(grad, n, area);
    if (!this.reserve(area.next)) return false;
    place.load();
    if (gradPtr.copy) this.heapF32.set(grad.subarray(0, n), gradPtr.ptr >>> 2);
    this.exports.gradient_descent_f32(n, place.oldPtr, gradPtr.ptr, place.outPtr, alpha);
    place.store();
    return true;
  }

  /** An input's address: its own when resident, else copyPtr after copying it there (call after reserve). */
  private placeCopy(x: Float32Array, copyPtr: number): number {
    if (this.isResident(x)) return x.byteOffset;
    this.heapF32.set(x, copyPtr >>> 2);
    return copyPtr;
  }

  /** Where an input of n floats is read: in place when resident, else a copy in the scratch area (copy: true). */
  private placeInput(x: Float32Array, n: number, area: { next: number }): { ptr: number; copy: boolean } {
    if (this.isResident(x)) return { ptr: x.byteOffset, copy: false };
    const ptr = area.next;
    area.next = alignUp(ptr + n * 4, ALIGN);
    return { ptr, copy: true };
  }

  /**
   * Where an update reads an array's old values (old) and writes its new ones (out):
   * in place for resident arrays; a non-resident old value is copied into out's place
   * (out resident) or a scratch area that serves as both (out not resident, copied back
   * by store()). Call load() after reserve() and store() after the kernel.
   */
  private placeUpdate(old: Float32Array, out: Float32Array, n: number, area: { next: number }):
    { oldPtr: number; outPtr: number; load: () => void; store: () => void } {
    const none = () => {};
    const oldResident = this.isResident(old);
    if (this.isResident(out)) {
      const outPtr = out.byteOffset;
      return oldResident
        ? { oldPtr: old.byteOffset, outPtr, load: none, store: none }
        : { oldPtr: outPtr, outPtr, load: () => this.heapF32.set(old.subarray(0, n), outPtr >>> 2), store: none };
    }
    const ptr = area.next;
    area.next = alignUp(ptr + n * 4, ALIGN);
    return {
      oldPtr: oldResident ? old.byteOffset : ptr,
      outPtr: ptr,
      load: oldResident ? none : () => this.heapF32.set(old.subarray(0, n), ptr >>> 2),
      store: () => out.set(this.heapF32.subarray(ptr >>> 2, (ptr >>> 2) + n)),
    };
  }

  /**
   * Runs one of elementwise.c's kernels on the calling thread over copies of the inputs
   * in wasm memory: kernel(input addresses..., [scratch address,] output address,
   * ...args), then copies the output back. scratchBytes: a scratch area between the
   * inputs and the output (column_sums_f32's float64 accumulators). Returns false when
   * it does not fit in wasm memory.
   */
  elementwise(kernel: ElementwiseKernel, inputs: Float32Array[], out: Float32Array, args: number[],
    scratchBytes = 0): boolean {
    let ptr = this.operandsAboveFeed();
    const copyPtrs = inputs.map((x) => { const p = ptr; ptr = alignUp(ptr + x.length * 4, ALIGN); return p; });
    const scratchPtr = ptr;
    const outCopyPtr = alignUp(ptr + scratchBytes, ALIGN);
    if (!this.reserve(outCopyPtr + out.length * 4)) return false;
    const inputPtrs = inputs.map((x, i) => this.placeCopy(x, copyPtrs[i]));
    const outPtr = this.isResident(out) ? out.byteOffset : outCopyPtr;
    const fn = this.exports[kernel] as (...a: number[]) => void;
    if (scratchBytes > 0) fn(...inputPtrs, scratchPtr, outPtr, ...args);
    else fn(...inputPtrs, outPtr, ...args);
    if (outPtr === outCopyPtr) out.set(this.heapF32.subarray(outPtr >>> 2, (outPtr >>> 2) + out.length));
    return true;
  }

  /**
   * workspacesPtr() for the entries whose threads need workspaces (conv): these
   * overwrite the operand area, so the feed copy the GEMM may reuse (copiedFeed) is
   * gone. Entries other than run() lay out their memory from here or from
   * operandsAboveFeed().
   */
  private scratchStart(): number {
    this.copiedFeed = null;
    return this.workspacesPtr();
  }

  /**
   * Where an entry that uses no per-thread workspace may put its operands: above the
   * feed copy the GEMM may reuse later in its run (the softmax step's log and softmax
   * run between its two products), else where the GEMM's operands go. These entries
   * are not told the run: a copy from a run other than the last one a product saw is
   * dropped, but one from that run, finished or not, is kept until the next product of
   * another run or a convolution replaces it (it costs only its length of memory).
   */
  private operandsAboveFeed(): number {
    if (this.copiedFeed !== null && this.copiedFeed.runId !== this.lastRunId) this.copiedFeed = null;
    const copied = this.copiedFeed;
    if (copied !== null) return alignUp(copied.ptr + copied.length * 4, ALIGN);
    return this.workspacesPtr() + this.threads * this.workBytes;
  }

  /** Where the per-thread workspaces start: above the job descriptor and the resident arrays. */
  private workspacesPtr(): number { return this.residentTop; }

  /**
   * A zero-filled float32 array of `length` in wasm memory, for a buffer that lives long
   * and that kernels here read or write (a variable's): they then use it in place
   * instead of copying it in and out. It stays until freeResident. null when the
   * memory cannot grow to hold it.
   */
  allocateResident(length: number): Float32Array | null {
    const bytes = alignUp(Math.max(1, length) * 4, ALIGN);
    let ptr = this.freeRegions.get(bytes)?.pop();
    if (ptr === undefined) {
      if (!this.reserve(this.residentTop + bytes)) return null;
      ptr = this.residentTop;
      this.residentTop += bytes;
      this.copiedFeed = null; // the operand area moved up past the new array
    }
    const view = new Float32Array(this.memory.buffer, ptr, length);
    view.fill(0);
    this.liveRegions.add(ptr);
    this.residentArrays++;
    return view;
  }

  /** Gives back an array from allocateResident; nothing may use it afterwards. */
  freeResident(view: Float32Array): void {
    if (!this.isResident(view)) throw new Error('WasmGemm.freeResident: not a resident array');
    this.freeResidentAt(view.byteOffset, view.length);
  }

  /** freeResident by address and length (for a finalizer, which cannot hold the array itself). */
  freeResidentAt(byteOffset: number, length: number): void {
    if (!this.liveRegions.delete(byteOffset)) {
      throw new Error(`WasmGemm.freeResidentAt: the region at ${byteOffset} is not allocated (freed twice?)`);
    }
    const bytes = alignUp(Math.max(1, length) * 4, ALIGN);
    if (this.poisonFreedRegions) this.heapF32.fill(NaN, byteOffset >>> 2, (byteOffset >>> 2) + length);
    let list = this.freeRegions.get(bytes);
    if (!list) this.freeRegions.set(bytes, (list = []));
    list.push(byteOffset);
    this.residentArrays--;
  }

  /** The feed array whose copy the next product of its run may reuse (tests read it); null when none is kept. */
  get keptFeedCopy(): Float32Array | null { return this.copiedFeed?.data ?? null; }

  /** Whether an array lies in this module's memory (an array from allocateResident or a view of one). */
  isResident(view: Float32Array): boolean { return this.memoryBuffers.has(view.buffer); }

  /**
   * Runs the published job on the given workers and the calling thread, thread i using
   * the workspace at workPtr + i * workBytes (the caller's is the first).
   */
  private runJob(entry: 'gemm_job_run' | 'conv_job_run' | 'adam_job_run', workers: number[], workPtr: number, workBytes: number): void {
    if (workers.length === 0) {
      this.exports[entry](this.jobPtr, workPtr);
      return;
    }
    const pool = this.pool!;
    workers.forEach((w, i) => pool.post(w, entry, [this.jobPtr, workPtr + (i + 1) * workBytes]));
    let failure: unknown = null;
    try {
      this.exports[entry](this.jobPtr, workPtr);
    } catch (e) { failure = e; }
    // Join every worker before reporting any failure: one left running would keep
    // writing into the shared memory the next job reuses.
    for (const w of workers) {
      try { pool.join(w); } catch (e) { failure ??= e; }
    }
    if (failure !== null) throw failure;
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
        this.pool = new WasmWorkerPool(this.module, this.memory, WORKER_EXPORTS, this.threads - 1);
      } catch {
        this.threads = 1; // no worker_threads here: stay on the calling thread
        return null;
      }
    }
    return this.pool;
  }

  /** Grows the shared memory to hold `bytes`; false if that passes the 4 GiB limit. */
  private reserve(bytes: number): boolean {
    if (bytes > this.memoryLimitBytes) return false;
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
      this.memoryBuffers.add(this.memory.buffer);
    }
    return true;
  }
}

let shared: WasmGemm | null | undefined;

/**
 * The engine, or null where the module or WebAssembly SIMD is unavailable. One per
 * process: the GEMM and the convolutions share its memory, workers and thread count.
 */
export function createWasmGemm(): WasmGemm | null {
  if (shared !== undefined) return shared;
  let module: WebAssembly.Module | null = null;
  try {
    module = loadKernelModule('gemm.wasm');
    shared = module === null ? null : new WasmGemm(module);
  } catch (e) {
    shared = null; // e.g. no shared WebAssembly memory in this engine, or a gemm.wasm older than this code
    // Silently running the JS loops makes every product 10-50x slower: say why once.
    console.warn(`tensorgraph: the WebAssembly kernels (gemm.wasm) could not be used, so the CPU backend runs ` +
      `its JS loops: ${(e as Error)?.message ?? e}. Rebuild them with \`npm run build:wasm\` if gemm.wasm is stale.`);
  }
  return shared;
}
