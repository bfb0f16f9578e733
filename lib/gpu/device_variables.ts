import { NDArray } from '../framework/ndarray';
import { FailedPreconditionError } from '../framework/errors';
import type { VariableStore } from '../session/variable_store';
import type { DeviceTensor } from './device_tensor';

/**
 * A variable's device copy. `hostRef` is the host value object it was made from (or
 * that was current when the device wrote it): the VariableStore replaces that object
 * on every committed host write, so `store.read(name) !== hostRef` means the host
 * was written since and the device copy is stale.
 */
interface Record {
  tensor: DeviceTensor;
  hostRef: NDArray | null;
  /** The device wrote it last: the host value (if any) is older. */
  deviceNewer: boolean;
}

/**
 * The session's variables on the device, kept there across runs. The VariableStore
 * stays the host side; whichever side was written last holds the value, and the
 * other side catches up only when it is read there (an upload, or a readback).
 * Writes made during a run are staged and committed only when the run succeeds.
 */
export class DeviceVariables {
  private readonly records = new Map<string, Record>();
  private readonly staged = new Map<string, Record>();

  constructor(
    private readonly upload: (value: NDArray) => DeviceTensor,
    private readonly readback: (t: DeviceTensor) => NDArray,
  ) {}

  private hostValue(store: VariableStore, name: string): NDArray | null {
    return store.isInitialized(name) ? store.read(name) : null;
  }

  /** The record current for this run: staged, else committed and still in step with the host. */
  private current(store: VariableStore, name: string): Record | null {
    const staged = this.staged.get(name);
    if (staged && staged.hostRef === this.hostValue(store, name)) return staged;
    const rec = this.records.get(name);
    if (rec && rec.hostRef === this.hostValue(store, name) && (!staged)) return rec;
    return null;
  }

  isInitialized(store: VariableStore, name: string): boolean {
    return this.current(store, name) !== null || store.isInitialized(name);
  }

  /** The value on the device, uploading the host value when the device has none or an older one. */
  read(store: VariableStore, name: string): DeviceTensor {
    const cur = this.current(store, name);
    if (cur) return cur.tensor;
    const host = this.hostValue(store, name);
    if (!host) throw new FailedPreconditionError(`Attempting to use uninitialized value ${name}`, name);
    const tensor = this.upload(host);
    tensor.buffer!.hold();
    this.stage(name, { tensor, hostRef: host, deviceNewer: false });
    return tensor;
  }

  /** Stages a value written on the device. */
  write(store: VariableStore, name: string, tensor: DeviceTensor): void {
    tensor.buffer!.hold();
    this.stage(name, { tensor, hostRef: this.hostValue(store, name), deviceNewer: true });
  }

  /**
   * The value as a CPU kernel must see it: when the device holds a newer value, it is
   * read back and staged on the host, and the device copy kept as in step with it.
   */
  syncToHost(store: VariableStore, name: string): void {
    const cur = this.current(store, name);
    if (!cur || !cur.deviceNewer) return;
    store.write(name, this.readback(cur.tensor));
    const host = store.read(name);
    cur.tensor.buffer!.hold();
    this.stage(name, { tensor: cur.tensor, hostRef: host, deviceNewer: false });
  }

  private stage(name: string, rec: Record): void {
    const prior = this.staged.get(name);
    if (prior) prior.tensor.buffer!.release();
    this.staged.set(name, rec);
  }

  commit(): void {
    for (const [name, rec] of this.staged) {
      this.records.get(name)?.tensor.buffer!.release();
      this.records.set(name, rec);
    }
    this.staged.clear();
  }

  rollback(): void {
    for (const rec of this.staged.values()) rec.tensor.buffer!.release();
    this.staged.clear();
  }

  /** Names whose newest value is on the device only (the host copy is older or absent). */
  newerOnDevice(store: VariableStore): string[] {
    return [...this.records.entries()]
      .filter(([name, r]) => r.deviceNewer && r.hostRef === this.hostValue(store, name))
      .map(([name]) => name);
  }

  /**
   * Brings the host up to date for every variable the device wrote (between runs):
   * for code that reads the VariableStore directly rather than through a run.
   */
  flushToHost(store: VariableStore): void {
    const names = this.newerOnDevice(store);
    if (!names.length) return;
    for (const name of names) store.write(name, this.readback(this.records.get(name)!.tensor));
    store.commit();
    for (const name of names) {
      const rec = this.records.get(name)!;
      rec.hostRef = store.read(name);
      rec.deviceNewer = false;
    }
  }

  clear(): void {
    this.rollback();
    for (const rec of this.records.values()) rec.tensor.buffer!.release();
    this.records.clear();
  }
}
