import * as fs from 'fs';
import * as path from 'path';

/** A name beside `target` for staging a write: same directory, so the final rename is atomic. */
export function stagingPath(target: string): string {
  const rand = Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
  return path.join(path.dirname(target), `.${path.basename(target)}.tempstate-${process.pid}-${rand}`);
}

/** Writes bytes to a file and flushes them to disk before returning. */
export function writeFileSynced(file: string, bytes: Uint8Array | string): void {
  const fd = fs.openSync(file, 'w');
  try {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    // One writeSync takes at most 2 GiB, and may write less than asked: loop.
    for (let off = 0; off < data.length;) off += fs.writeSync(fd, data, off, Math.min(1 << 30, data.length - off));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `target` with `bytes` atomically: readers see the old file or the new
 * one, never a partial write (a crash leaves at most a staging file behind).
 */
export function writeFileAtomic(target: string, bytes: Uint8Array | string): void {
  const tmp = stagingPath(target);
  try {
    writeFileSynced(tmp, bytes);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  syncDirectory(path.dirname(target));
}

/** Flushes a directory entry (the rename itself); not every platform allows it, which is harmless. */
export function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be opened for fsync on some systems (Windows); the rename is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
