/**
 * Compiled gpu.js kernels kept for reuse, at most `limit` of them: when shapes keep
 * changing (a batch size per run, a sweep of image sizes) each new shape compiles new
 * kernels, and an unbounded cache would hold every program, texture and framebuffer
 * they made for the life of the process (the GPU instance references them all too).
 */
import { ValueError } from '../framework/errors';

/** A compiled gpu.js kernel as we call it: flat arrays or textures in, one pipelined output. */
export type CompiledKernel = ((...args: unknown[]) => unknown) & { destroy?(): void };

/**
 * A cached kernel and the device buffers it produced that are still alive. gpu.js
 * ties a pipelined output texture to its kernel (the first output is in the kernel's
 * texture cache; a readback borrows the kernel's framebuffers), so an evicted kernel
 * is destroyed only once its last output has been freed.
 */
export class CachedKernel {
  private liveOutputs = 0;
  private evicted = false;
  private destroyed = false;

  constructor(readonly kernel: CompiledKernel, private readonly onDestroyed: (entry: CachedKernel) => void) {}

  /** Counts an output of this kernel made now; the buffer holding it calls outputFreed when it goes. */
  outputMade(): this {
    this.liveOutputs++;
    return this;
  }

  outputFreed(): void {
    this.liveOutputs--;
    if (this.evicted && this.liveOutputs === 0) this.destroy();
  }

  /** Out of the cache: destroyed now, or when its last live output is freed. */
  evict(): void {
    this.evicted = true;
    if (this.liveOutputs === 0) this.destroy();
  }

  get isDestroyed(): boolean { return this.destroyed; }

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.onDestroyed(this);
    this.kernel.destroy?.();
  }
}

/** The default bound, in kernels; env TENSORGRAPH_GPU_KERNEL_CACHE or config.gpuKernelCache changes it. */
export const DEFAULT_KERNEL_CACHE_LIMIT = 256;

/** A least-recently-used map of compiled kernels, bounded by count. */
export class KernelCache {
  /** In order of last use, oldest first (a Map iterates in insertion order; a hit re-inserts). */
  private readonly entries = new Map<string, CachedKernel>();
  /** Evicted kernels waiting for their outputs to be freed before they are destroyed. */
  private readonly retiring = new Set<CachedKernel>();
  private bound: number;

  constructor(limit: number) {
    this.bound = checkLimit(limit, 'the gpu kernel cache bound');
  }

  get limit(): number { return this.bound; }

  /** Changes the bound, evicting the least recently used kernels beyond it now. */
  set limit(limit: number) {
    this.bound = checkLimit(limit, 'the gpu kernel cache bound');
    this.trim();
  }

  /** Kernels in the cache (not counting evicted ones still waiting on live outputs). */
  get size(): number { return this.entries.size; }

  /** Evicted kernels not yet destroyed because a device buffer still holds one of their outputs. */
  get retiringCount(): number { return this.retiring.size; }

  get(key: string): CachedKernel | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Caches a kernel just compiled, as the most recently used, evicting the least recently used beyond the bound. */
  add(key: string, kernel: CompiledKernel): CachedKernel {
    const entry = new CachedKernel(kernel, (e) => this.retiring.delete(e));
    this.entries.set(key, entry);
    this.trim();
    return entry;
  }

  private trim(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.bound) break;
      this.entries.delete(key);
      this.retiring.add(entry);
      entry.evict();
    }
  }
}

/** The bound from env TENSORGRAPH_GPU_KERNEL_CACHE, else the default. */
export function kernelCacheLimitFromEnv(): number {
  const text = process.env.TENSORGRAPH_GPU_KERNEL_CACHE;
  if (text === undefined || text === '') return DEFAULT_KERNEL_CACHE_LIMIT;
  return checkLimit(Number(text), `TENSORGRAPH_GPU_KERNEL_CACHE (${JSON.stringify(text)})`);
}

function checkLimit(limit: number, what: string): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValueError(`${what} must be a whole number of kernels, at least 1; got ${limit}`);
  }
  return limit;
}
