import { DType, TypedArray, typedArrayFor } from '../framework/dtypes';

/** Arrays shorter than this are not pooled: V8 allocates them about as fast as a lookup. */
const MIN_POOLED_LENGTH = 16;

const CONSTRUCTOR_NAME: Record<DType, string> = {
  float32: 'Float32Array', int32: 'Int32Array', int64: 'Float64Array', bool: 'Uint8Array', uint8: 'Uint8Array',
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
 */
export class BufferPool {
  private readonly free = new Map<string, TypedArray[]>();
  private readonly allocated = new WeakSet<TypedArray>();
  private freeBytes = 0;
  /** The executor's count of slots holding each pooled buffer during a run (kept here to allocate no map per run). */
  readonly holders = new Map<TypedArray, number>();
  /** Runs of this session executing now: more than one only when a kernel runs the session again. */
  runsInProgress = 0;
  /** acquire, bound: what the executor installs as the kernels' output allocator. */
  readonly allocate = (dtype: DType, size: number, zeroed: boolean): TypedArray => this.acquire(dtype, size, zeroed);
  /** Poolable arrays handed out (MIN_POOLED_LENGTH elements or more): freshly allocated, and recycled. */
  readonly stats = { fresh: 0, reused: 0 };

  constructor(private readonly maxFreeBytes = 512 * 2 ** 20) {}

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
    const fresh = typedArrayFor(dtype, size);
    this.stats.fresh++;
    this.allocated.add(fresh);
    return fresh;
  }

  /** Whether release() would take this buffer: whether this pool allocated it. */
  owns(data: TypedArray): boolean { return this.allocated.has(data); }

  /** Forgets a buffer (a fetched value, now the caller's): release() will never take it back. */
  disown(data: TypedArray): void { this.allocated.delete(data); }

  /** Takes back a buffer this pool allocated and nothing references any more. */
  release(data: TypedArray): void {
    if (!this.allocated.has(data) || this.freeBytes + data.byteLength > this.maxFreeBytes) return;
    const key = `${data.constructor.name}:${data.length}`;
    let list = this.free.get(key);
    if (!list) this.free.set(key, (list = []));
    list.push(data);
    this.freeBytes += data.byteLength;
  }

  /** Bytes held in free buffers. */
  get heldBytes(): number { return this.freeBytes; }

  clear(): void {
    this.free.clear();
    this.freeBytes = 0;
  }
}
