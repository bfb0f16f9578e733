/**
 * The browser build's `fs`: a small in-memory file system with the synchronous calls the
 * library's readers and writers make. A page has no disk; loadFromUrl
 * (lib/saved_model/url_loader.ts) fetches a model's files into a scratch folder here and
 * then runs the same loader Node runs, so every file format the loader reads comes
 * through unchanged. The WebAssembly kernel modules are placed here too (./kernel_files.ts).
 */
import { dirname, normalize, resolve } from './path';

const files = new Map<string, Uint8Array>();
const folders = new Set<string>(['/']);
const open = new Map<number, string>();
let nextFd = 3;
let nextTemp = 0;

class FsError extends Error {
  constructor(readonly code: string, syscall: string, readonly path: string) {
    super(`${code}: ${code === 'ENOENT' ? 'no such file or directory' : 'operation not permitted'}, ${syscall} '${path}'`);
  }
}

const key = (p: string | URL) => resolve(String(p));
const encoder = new TextEncoder(), decoder = new TextDecoder();
type Encoding = BufferEncodingLike | { encoding?: BufferEncodingLike | null } | null | undefined;
type BufferEncodingLike = string;
const encodingOf = (o: Encoding) => (typeof o === 'string' ? o : o?.encoding ?? null);

function bytesOf(data: string | ArrayBufferView): Uint8Array {
  if (typeof data === 'string') return encoder.encode(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}

function fileAt(p: string | URL, syscall: string): Uint8Array {
  const bytes = files.get(key(p));
  if (bytes === undefined) throw new FsError('ENOENT', syscall, String(p));
  return bytes;
}

export function existsSync(p: string | URL): boolean { const k = key(p); return files.has(k) || folders.has(k); }

export function statSync(p: string | URL) {
  const k = key(p);
  const isDir = folders.has(k), bytes = files.get(k);
  if (!isDir && bytes === undefined) throw new FsError('ENOENT', 'stat', String(p));
  return { size: bytes?.length ?? 0, isFile: () => !isDir, isDirectory: () => isDir, mtimeMs: 0 };
}

export function readFileSync(p: string | URL, options?: Encoding): any {
  const bytes = fileAt(p, 'open');
  return encodingOf(options) ? decoder.decode(bytes) : bytes.slice();
}

export function writeFileSync(p: string | URL, data: string | ArrayBufferView): void {
  const k = key(p);
  if (!folders.has(dirname(k))) throw new FsError('ENOENT', 'open', String(p));
  files.set(k, bytesOf(data));
}

export function mkdirSync(p: string | URL, options?: { recursive?: boolean }): void {
  const k = key(p);
  if (!options?.recursive && !folders.has(dirname(k))) throw new FsError('ENOENT', 'mkdir', String(p));
  for (let d = k; !folders.has(d); d = dirname(d)) folders.add(d);
}

export function mkdtempSync(prefix: string): string {
  const dir = normalize(`${prefix}${(nextTemp++).toString(36).padStart(6, '0')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function readdirSync(p: string | URL): string[] {
  const k = key(p);
  if (!folders.has(k)) throw new FsError('ENOENT', 'scandir', String(p));
  const prefix = k === '/' ? '/' : `${k}/`;
  const names = new Set<string>();
  for (const name of [...files.keys(), ...folders]) {
    if (name !== k && name.startsWith(prefix)) names.add(name.slice(prefix.length).split('/')[0]);
  }
  return [...names].sort();
}

export function rmSync(p: string | URL, options?: { recursive?: boolean; force?: boolean }): void {
  const k = key(p);
  if (!existsSync(k)) { if (options?.force) return; throw new FsError('ENOENT', 'rm', String(p)); }
  files.delete(k);
  folders.delete(k);
  for (const name of [...files.keys()]) if (name.startsWith(`${k}/`)) files.delete(name);
  for (const name of [...folders]) if (name.startsWith(`${k}/`)) folders.delete(name);
}
export const unlinkSync = (p: string | URL) => { fileAt(p, 'unlink'); files.delete(key(p)); };
export const rmdirSync = (p: string | URL) => rmSync(p, { recursive: true });

export function renameSync(from: string | URL, to: string | URL): void {
  files.set(key(to), fileAt(from, 'rename'));
  files.delete(key(from));
}

export function openSync(p: string | URL): number {
  fileAt(p, 'open');
  open.set(nextFd, key(p));
  return nextFd++;
}
export function fstatSync(fd: number) { return statSync(open.get(fd) ?? `fd ${fd}`); }
export function readSync(fd: number, buffer: ArrayBufferView, offset: number, length: number, position: number | null): number {
  const bytes = fileAt(open.get(fd) ?? `fd ${fd}`, 'read');
  const start = position ?? 0;
  const chunk = bytes.subarray(start, Math.min(bytes.length, start + length));
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(chunk, offset);
  return chunk.length;
}
export function closeSync(fd: number): void { open.delete(fd); }
/** Opened files here are read-only: writers use writeFileSync. */
export function writeSync(fd: number): number { throw new FsError('EPERM', 'write', open.get(fd) ?? `fd ${fd}`); }
export function fsyncSync(): void {}

export default {
  existsSync, statSync, readFileSync, writeFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync,
  rmdirSync, renameSync, openSync, fstatSync, readSync, closeSync, writeSync, fsyncSync,
};
