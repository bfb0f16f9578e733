import { DType, TypedArray, typedArrayFor } from '../framework/dtypes';
import type { BufferHome } from './variable_store';

/** Frees the home's region of a pooled buffer that was lost (a kernel threw before returning it). */
const lostBuffers = new FinalizationRegistry<{ home: BufferHome; byteOffset: number; length: number }>(
  ({ home, byteOffset, length }) => {
    // Not a throw from a garbage-collection callback: a refused free leaves the region allocated, which is safe.
    try { home.freeAt(byteOffset, length); } catch (e) { console.warn(`tensorgraph: freeing a lost buffer: ${(e as Error).message}`); }
  });

/** Arrays shorter than this are not pooled: V8 allocates them about as fast as a lookup. */
const MIN_POOLED_LENGTH = 16;

const CONSTRUCTOR_NAME: Record<DType, string> = {
  float32: 'Float32Array', int32: 'Int32Array', int64: 'Float64Array', bool: 'Uint8Array', uint8: 'Uint8Array',
  float64: 'Float64Array', float16: 'Float32Array', int16: 'Int16Array', int8: 'Int8Array', uint16: 'Uint16Array', string: 'Float64Array',
  resource: 'Float64Array',
};

/**
 * A session's recycled kernel-output buffers. The CPU executor returns a buffer here
 * once no slot of the running plan holds it any more, and hands it to the next kernel
 * that asks for an output of the same type and length: in a training loop every step
 * then reuses the previous step's buffers instead of allocating (and later collecting)
 * them. A fresh typed array costs about 10x a fill of the same length in V8, and large
 * ones cost page faults as well.
 *
 * Only buffers this pool allocated are ever recycled, so feeds, constants, variables
 * and anything a kernel allocated by other means never are; a buffer that leaves a run
 * as a fetched value is disowned, so it never comes back even when the caller feeds it
 * in again or makes a constant of it. Free buffers are capped at maxFreeBytes;
 * past that they are left to the garbage collector.
 *
 * With a home (the CPU backend's WebAssembly memory), large float32 buffers live there,
 * so the kernels in that memory read and write them in place. Those are never handed
 * to a caller: the session copies a fetched one out and the executor takes it back.
 */
export class BufferPool {
  private readonly free = new Map<string, TypedArray[]>();
  private readonly allocated = new WeakSet<TypedArray>();
  private readonly homed = new WeakSet<TypedArray>();
  private freeBytes = 0;
  /** The executor's count of slots holding each pooled buffer during a run (kept here to allocate no map per run). */
  readonly holders = new Map<TypedArray, number>();
  /** Runs of this session executing now: more than one only when a kernel runs the session again. */
  runsInProgress = 0;
  /** acquire, bound: where a run's kernel outputs come from (RunContext.allocate). */
  readonly allocate = (dtype: DType, size: number, zeroed: boolean): TypedArray => this.acquire(dtype, size, zeroed);
  /** Poolable arrays handed out (MIN_POOLED_LENGTH elements or more): freshly allocated, and recycled. */
  readonly stats = { fresh: 0, reused: 0 };

  constructor(private readonly maxFreeBytes = 512 * 2 ** 20, private readonly home: BufferHome | null = null) {}

  /** An array of `size` elements: zero-filled when `zeroed`, else with unspecified contents. */
  acquire(dtype: DType, size: number, zeroed: boolean): TypedArray {
    if (size < MIN_POOLED_LENGTH) return typedArrayFor(dtype, size);
    const reused = this.free.get(`${CONSTRUCTOR_NAME[dtype]}:${size}`)?.pop();
    if (reused) {
      this.freeBytes -= reused.byteLength;
      if (zeroed) reused.fill(0);
      this.stats.reused++;
      return reused;
    }
    const homed = this.home && dtype === 'float32' && size >= this.home.minLength ? this.home.allocate(size) : null;
    if (homed) {
      this.homed.add(homed);
      lostBuffers.register(homed, { home: this.home!, byteOffset: homed.byteOffset, length: homed.length }, homed);
    }
    const fresh = homed ?? typedArrayFor(dtype, size);
    this.stats.fresh++;
    this.allocated.add(fresh);
    return fresh;
  }

  /** Whether release() would take this buffer: whether this pool allocated it. */
  owns(data: TypedArray): boolean { return this.allocated.has(data); }

  /** Forgets a buffer (a fetched value, now the caller's): release() will never take it back. */
  disown(data: TypedArray): void { this.allocated.delete(data); }

  /** Whether a buffer lives in the home (the session must copy it out rather than hand it over). */
  isHomed(data: TypedArray): boolean { return this.homed.has(data); }

  /** Takes back the homed buffers among a run's fetched values, once the session has copied them out. */
  returnFetched(values: readonly ({ data: TypedArray } | null)[]): void {
    for (let i = 0; i < values.length; i++) {
      const data = values[i]?.data;
      // Once each: a tensor fetched twice, or two fetches sharing a buffer.
      if (data && this.homed.has(data) && values.findIndex((v) => v?.data === data) === i) this.release(data);
    }
  }

  /** Takes back a buffer this pool allocated and nothing references any more. */
  release(data: TypedArray): void {
    if (!this.allocated.has(data)) return;
    if (this.freeBytes + data.byteLength > this.maxFreeBytes) {
      if (this.homed.has(data)) this.freeHomed(data as Float32Array);
      return;
    }
    const key = `${data.constructor.name}:${data.length}`;
    let list = this.free.get(key);
    if (!list) this.free.set(key, (list = []));
    list.push(data);
    this.freeBytes += data.byteLength;
  }

  /** Bytes held in free buffers. */
  get heldBytes(): number { return this.freeBytes; }

  clear(): void {
    for (const list of this.free.values()) {
      for (const data of list) if (this.homed.has(data)) this.freeHomed(data as Float32Array);
    }
    this.free.clear();
    this.freeBytes = 0;
  }

  private freeHomed(data: Float32Array): void {
    this.homed.delete(data);
    this.allocated.delete(data);
    lostBuffers.unregister(data);
    this.home!.free(data);
  }
}
