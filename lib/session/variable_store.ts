import { NDArray } from '../framework/ndarray';
import { FailedPreconditionError, InvalidArgumentError } from '../framework/errors';
import type { TypedArray } from '../framework/dtypes';
import type { VariableHandle } from '../registry/kernel_registry';

interface Slot { current: NDArray; spare: NDArray | null }

/**
 * Where a store keeps its large float32 buffers: the CPU backend puts them in the
 * WebAssembly kernels' memory, so optimizer updates and products use them in place.
 */
export interface BufferHome {
  /** Buffers of at least this many elements go here. */
  readonly minLength: number;
  /** A zero-filled array, or null when there is no room (the store then uses an ordinary one). */
  allocate(length: number): Float32Array | null;
  free(data: Float32Array): void;
  /** free by the array's place, for a finalizer (which cannot hold the array itself). */
  freeAt(byteOffset: number, length: number): void;
}

/** Frees the homed buffers of a store that was never closed, once it is garbage. */
const abandoned = new FinalizationRegistry<{ home: BufferHome; homed: Set<Float32Array> }>(({ home, homed }) => {
  // A throw here would end the process from a garbage-collection callback: report instead
  // (a refused free leaves the region allocated, which is safe).
  try {
    for (const data of homed) home.free(data);
  } catch (e) {
    console.warn(`tensorgraph: freeing an unclosed session's variables: ${(e as Error).message}`);
  }
  homed.clear();
});

/**
 * A session's variable values. Writes during a run are staged and committed only
 * when the run succeeds, so a failed run leaves every variable as it was. Each
 * variable keeps a spare buffer so in-place updates allocate nothing in steady state.
 */
export class VariableStore {
  private readonly slots = new Map<string, Slot>();
  private readonly pending = new Map<string, NDArray>();
  /** Buffers owned by the store: values fetched from them are copied out. */
  private readonly owned = new WeakSet<TypedArray>();
  /**
   * Buffers from the home; those dropped in the current run; and those dropped in the
   * previous one, freed when the next run ends: after commit the session may still copy
   * a fetched value out of a buffer the run dropped.
   */
  private readonly homed = new Set<Float32Array>();
  private dropped: Float32Array[] = [];
  private droppedBefore: Float32Array[] = [];

  constructor(private readonly home: BufferHome | null = null) {
    if (home) abandoned.register(this, { home, homed: this.homed }, this);
  }

  isInitialized(name: string): boolean { return this.pending.has(name) || this.slots.has(name); }

  read(name: string): NDArray {
    const v = this.pending.get(name) ?? this.slots.get(name)?.current;
    if (!v) {
      throw new FailedPreconditionError(`Attempting to use uninitialized value ${name}`, name);
    }
    return v;
  }

  /** A staged buffer holding the current value, for an in-place update. */
  writable(name: string): NDArray {
    const staged = this.restaged(name);
    if (staged) return staged;
    const current = this.read(name);
    const buf = this.takeBuffer(name, current);
    buf.data.set(current.data);
    this.pending.set(name, buf);
    return buf;
  }

  /** A staged buffer to be overwritten entirely, and the value it replaces (see VariableHandle.rewritable). */
  rewritable(name: string): { old: NDArray; out: NDArray } {
    const staged = this.restaged(name);
    if (staged) return { old: staged, out: staged };
    const current = this.read(name);
    const out = this.takeBuffer(name, current);
    this.pending.set(name, out);
    return { old: current, out };
  }

  /**
   * The staged value of a variable updated earlier in this run, under a new NDArray
   * object (same buffer): whoever compares values by identity, as the gpu backend's
   * device copies do, then sees that it changed again.
   */
  private restaged(name: string): NDArray | null {
    const staged = this.pending.get(name);
    if (!staged) return null;
    const again = new NDArray(staged.data, staged.shape, staged.dtype);
    this.pending.set(name, again);
    return again;
  }

  /** Stages a new value; it is copied into a store-owned buffer. */
  write(name: string, value: NDArray): void {
    const slot = this.slots.get(name);
    if (slot && (slot.current.dtype !== value.dtype)) {
      throw new InvalidArgumentError(`Cannot assign a ${value.dtype} value to variable ${name} of dtype ${slot.current.dtype}`, name);
    }
    const staged = this.pending.get(name);
    if (value.strings) {
      // Strings (a lookup table's keys or values) live in `strings`, which buffers do not hold: keep a copy of the array.
      if (staged) this.drop(staged);
      this.pending.set(name, new NDArray(value.data.slice(), value.shape, value.dtype, value.strings.slice()));
      return;
    }
    const reuse = staged && staged.size === value.size && staged.dtype === value.dtype;
    if (staged && !reuse) this.drop(staged);
    const buf = reuse ? new NDArray(staged.data, value.shape, value.dtype) : this.takeBuffer(name, value);
    if (buf.data !== value.data) buf.data.set(value.data);
    this.pending.set(name, buf);
  }

  private takeBuffer(name: string, like: NDArray): NDArray {
    const slot = this.slots.get(name);
    const spare = slot?.spare;
    let buf: NDArray;
    if (spare && spare.size === like.size && spare.dtype === like.dtype) {
      buf = new NDArray(spare.data, like.shape, like.dtype);
      slot!.spare = null;
    } else {
      const homed = this.home && like.dtype === 'float32' && like.size >= this.home.minLength
        ? this.home.allocate(like.size) : null;
      if (homed) this.homed.add(homed);
      buf = homed ? new NDArray(homed, like.shape, like.dtype) : NDArray.zeros(like.shape, like.dtype);
      this.owned.add(buf.data);
    }
    return buf;
  }

  /**
   * A buffer the store no longer holds. A homed one is freed only after the next run:
   * until then a value of this run (or one being fetched from it) may be a view of it.
   */
  private drop(value: NDArray | null): void {
    if (value && this.homed.has(value.data as Float32Array)) this.dropped.push(value.data as Float32Array);
  }

  private freeDropped(): void {
    for (const data of this.droppedBefore) {
      if (this.homed.delete(data)) this.home!.free(data);
    }
    this.droppedBefore = this.dropped;
    this.dropped = [];
  }

  commit(): void {
    for (const [name, value] of this.pending) {
      const slot = this.slots.get(name);
      if (slot) {
        if (slot.current.data !== value.data) {
          // The old spare, if the update did not take it, is replaced by the old value.
          if (slot.spare && slot.spare.data !== value.data) this.drop(slot.spare);
          slot.spare = slot.current;
        }
        slot.current = value;
      } else {
        this.slots.set(name, { current: value, spare: null });
      }
    }
    this.pending.clear();
    this.freeDropped();
  }

  rollback(): void {
    for (const [name, value] of this.pending) {
      const slot = this.slots.get(name);
      if (slot && !slot.spare && slot.current.data !== value.data) slot.spare = value;
      else if (!slot || (slot.current.data !== value.data && slot.spare!.data !== value.data)) this.drop(value);
    }
    this.pending.clear();
    this.freeDropped();
  }

  owns(data: TypedArray): boolean { return this.owned.has(data); }

  handle(name: string): VariableHandle {
    return {
      name,
      read: () => this.read(name),
      write: (v) => this.write(name, v),
      writable: () => this.writable(name),
      rewritable: () => this.rewritable(name),
      isInitialized: () => this.isInitialized(name),
    };
  }

  names(): string[] { return [...this.slots.keys()]; }

  clear(): void {
    this.slots.clear();
    this.pending.clear();
    this.dropped = [];
    this.droppedBefore = [];
    if (this.home) {
      for (const data of this.homed) this.home.free(data);
      this.homed.clear();
      abandoned.unregister(this);
    }
  }
}
