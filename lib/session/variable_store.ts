import { NDArray } from '../framework/ndarray';
import { FailedPreconditionError, InvalidArgumentError } from '../framework/errors';
import type { TypedArray } from '../framework/dtypes';
import type { VariableHandle } from '../registry/kernel_registry';

interface Slot { current: NDArray; spare: NDArray | null }

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
    const buf = staged && staged.size === value.size && staged.dtype === value.dtype
      ? new NDArray(staged.data, value.shape, value.dtype)
      : this.takeBuffer(name, value);
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
      buf = NDArray.zeros(like.shape, like.dtype);
      this.owned.add(buf.data);
    }
    return buf;
  }

  commit(): void {
    for (const [name, value] of this.pending) {
      const slot = this.slots.get(name);
      if (slot) {
        slot.spare = slot.current.data === value.data ? slot.spare : slot.current;
        slot.current = value;
      } else {
        this.slots.set(name, { current: value, spare: null });
      }
    }
    this.pending.clear();
  }

  rollback(): void {
    for (const [name, value] of this.pending) {
      const slot = this.slots.get(name);
      if (slot && !slot.spare && slot.current.data !== value.data) slot.spare = value;
    }
    this.pending.clear();
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
  clear(): void { this.slots.clear(); this.pending.clear(); }
}
