import type { DType } from '../framework/dtypes';
import { NDArray, sizeOf } from '../framework/ndarray';

/** What gpu.js returns from a pipelined kernel: a texture in GL modes, a Float32Array in its CPU-side modes. */
export type DeviceData = unknown;

/**
 * Storage on the device. Device values are never written after a kernel produced
 * them, so tensors may share a buffer freely (Reshape, Identity, a variable and the
 * value assigned to it); the buffer is freed when its last holder lets go.
 */
/** Device buffers allocated and not yet freed, process-wide: tests check that a steady loop does not leak. */
export const deviceMemory = { liveBuffers: 0, liveElements: 0 };

export class DeviceBuffer {
  private holders = 0;
  private freed = false;

  /**
   * `producer`, when set, is told when the storage is freed: the gpu.js kernel that
   * made it, which must not be destroyed before its outputs are.
   */
  constructor(readonly data: DeviceData, readonly length: number, private readonly producer: { outputFreed(): void } | null = null) {
    deviceMemory.liveBuffers++;
    deviceMemory.liveElements += length;
  }

  hold(): this {
    if (this.freed) throw new Error('internal: a freed device buffer was reused');
    this.holders++;
    return this;
  }

  /** Drops one hold; frees the storage when none is left. */
  release(): void {
    if (--this.holders <= 0) this.free();
  }

  /** Drops one hold without freeing: the buffer passes to a run that frees it once nothing holds it (a sub-run's outputs). */
  handOff(): void {
    if (this.holders > 0) this.holders--;
  }

  get isHeld(): boolean { return this.holders > 0; }
  get isFreed(): boolean { return this.freed; }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.holders = 0;
    deviceMemory.liveBuffers--;
    deviceMemory.liveElements -= this.length;
    const d = this.data as { delete?: () => void };
    if (d && typeof d.delete === 'function') d.delete();
    this.producer?.outputFreed();
  }
}

/**
 * A value in a gpu run: on the device (`buffer`), on the host (`host`), or both.
 * A host value (a feed, a constant, a shape) is uploaded at its first device use.
 * int32/int64/bool values are held as float32 on the device, exact up to 2^24.
 */
export class DeviceTensor {
  /**
   * True for values that outlive a run (constants): their upload is kept by the
   * compiled program rather than freed when the run ends.
   */
  persistent = false;
  /** A feed of this run (never folded on the host: feeds are what the device kernels are for). */
  fed = false;
  /** For an alias made before its source was uploaded: upload through the source, once for both. */
  base: DeviceTensor | null = null;

  constructor(
    readonly shape: number[],
    readonly dtype: DType,
    public buffer: DeviceBuffer | null,
    public host: NDArray | null,
  ) {}

  get size(): number { return sizeOf(this.shape); }
  get rank(): number { return this.shape.length; }

  static fromHost(value: NDArray): DeviceTensor {
    return new DeviceTensor(value.shape.slice(), value.dtype, null, value);
  }
}

/** True when a host value can stand in for a device one as a uniform: one element, on the host only. */
export function isHostScalar(t: DeviceTensor): boolean {
  return t.size === 1 && t.host !== null && !t.buffer && !t.base;
}
