/**
 * tf.gfile: TF1's file API on the local file system (no GCS/HDFS). Errors are TF's:
 * NotFoundError naming the path, AlreadyExistsError for an overwrite not asked for.
 */
import * as fs from 'fs';
import * as path from 'path';
import { callable } from '../framework/callable';
import { bindArgs } from '../framework/python_args';
import { AlreadyExistsError, FailedPreconditionError, NotFoundError, PermissionDeniedError, UnknownError } from '../framework/errors';

/** Node's errno errors as TF's error classes, the path first as TF writes them. */
function tfError(e: unknown, p: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new NotFoundError(`${p}; No such file or directory`);
  if (code === 'EEXIST') return new AlreadyExistsError(`${p}; File exists`);
  if (code === 'EACCES' || code === 'EPERM') return new PermissionDeniedError(`${p}; Permission denied`);
  if (code === 'ENOTDIR') return new FailedPreconditionError(`${p}; Not a directory`);
  return new UnknownError(`${p}; ${(e as Error).message}`);
}

function fsCall<T>(p: string, fn: () => T): T {
  try { return fn(); } catch (e) { throw tfError(e, p); }
}

export function Exists(filename: string): boolean { return fs.existsSync(filename); }
export function IsDirectory(dirname: string): boolean { return fs.existsSync(dirname) && fs.statSync(dirname).isDirectory(); }
/** Creates the directory and its parents; an existing directory is fine. */
export function MakeDirs(dirname: string): void { fsCall(dirname, () => fs.mkdirSync(dirname, { recursive: true })); }
export function MkDir(dirname: string): void { fsCall(dirname, () => fs.mkdirSync(dirname)); }
export function Remove(filename: string): void { fsCall(filename, () => fs.unlinkSync(filename)); }

export function DeleteRecursively(dirname: string): void {
  if (!fs.existsSync(dirname)) throw new NotFoundError(`${dirname}; No such file or directory`);
  fsCall(dirname, () => fs.rmSync(dirname, { recursive: true }));
}

export function ListDirectory(dirname: string): string[] {
  if (!IsDirectory(dirname)) throw new NotFoundError(`Could not find directory ${dirname}`);
  return fs.readdirSync(dirname);
}

/** Walk(top): [dirname, subdirs, files] for top and every directory below it, parents first. */
export function* Walk(top: string): Generator<[string, string[], string[]]> {
  if (!IsDirectory(top)) return;
  const entries = fs.readdirSync(top, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  yield [top, dirs, entries.filter((e) => !e.isDirectory()).map((e) => e.name)];
  for (const d of dirs) yield* Walk(path.join(top, d));
}

function checkOverwrite(newpath: string, overwrite: boolean): void {
  if (!overwrite && fs.existsSync(newpath)) throw new AlreadyExistsError(`file already exists: ${newpath}`);
}

export function Rename(...args: unknown[]): void {
  const a = bindArgs<{ oldname: string; newname: string; overwrite?: boolean }>('Rename', args, ['oldname', 'newname', 'overwrite'], {}, 2);
  checkOverwrite(a.newname, !!a.overwrite);
  fsCall(a.oldname, () => fs.renameSync(a.oldname, a.newname));
}

export function Copy(...args: unknown[]): void {
  const a = bindArgs<{ oldpath: string; newpath: string; overwrite?: boolean }>('Copy', args, ['oldpath', 'newpath', 'overwrite'], {}, 2);
  checkOverwrite(a.newpath, !!a.overwrite);
  fsCall(a.oldpath, () => fs.copyFileSync(a.oldpath, a.newpath));
}

/** TF's FileStatistics. */
export interface FileStatistics { length: number; mtime_nsec: number; is_directory: boolean }

export function Stat(filename: string): FileStatistics {
  const s = fsCall(filename, () => fs.statSync(filename, { bigint: true }));
  return { length: Number(s.size), mtime_nsec: Number(s.mtimeNs), is_directory: s.isDirectory() };
}

/** One path segment's wildcard (*, ?, [...]) as a regular expression. */
function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end < 0) { re += '\\['; continue; }
      re += `[${segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Glob(pattern): the paths matching a pattern with *, ? and [...] in any segment, sorted. */
export function Glob(pattern: string): string[] {
  const absolute = path.isAbsolute(pattern);
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let current = [absolute ? '/' : ''];
  for (const seg of segments) {
    if (seg === '') continue;
    const next: string[] = [];
    const wild = /[*?[]/.test(seg);
    for (const base of current) {
      const dir = base === '' ? '.' : base;
      if (!wild) {
        const p = base === '' ? seg : path.join(base, seg);
        if (fs.existsSync(p)) next.push(p);
        continue;
      }
      if (!IsDirectory(dir)) continue;
      const re = segmentRegExp(seg);
      for (const name of fs.readdirSync(dir)) if (re.test(name)) next.push(base === '' ? name : path.join(base, name));
    }
    current = next;
  }
  return current.filter((p) => p !== '' && p !== '/').sort();
}

/**
 * tf.gfile.GFile(name, mode='r') (also Open and FastGFile): read(n=-1), readline(),
 * readlines(), write(), flush(), close(), tell(), seek(). Text modes read JS strings,
 * 'b' modes Uint8Array bytes. A file opened for reading is read whole when first read.
 */
class GFileImpl {
  readonly name: string;
  readonly mode: string;
  private fd: number | null = null;
  private content: Uint8Array | null = null;
  private position = 0;
  private closed = false;

  constructor(...args: unknown[]) {
    const a = bindArgs<{ name: string; mode?: string }>('GFile', args, ['name', 'mode'], {}, 1);
    this.name = a.name;
    this.mode = a.mode ?? 'r';
    if (!/^[rwa]b?\+?$|^[rwa]\+?b$/.test(this.mode)) throw new FailedPreconditionError(`mode is not 'r' or 'w' or 'a': ${this.mode}`);
    if (this.writing) this.fd = fsCall(this.name, () => fs.openSync(this.name, this.mode.startsWith('a') ? 'a' : 'w'));
    else if (!fs.existsSync(this.name)) throw new NotFoundError(`${this.name}; No such file or directory`);
  }

  private get writing(): boolean { return /[wa]/.test(this.mode); }
  private get binary(): boolean { return this.mode.includes('b'); }

  private bytes(): Uint8Array {
    if (this.closed) throw new FailedPreconditionError(`File ${this.name} is closed.`);
    if (this.writing) throw new PermissionDeniedError("File isn't open for reading");
    this.content ??= fsCall(this.name, () => fs.readFileSync(this.name));
    return this.content;
  }

  private out(b: Uint8Array): string | Uint8Array { return this.binary ? b : new TextDecoder().decode(b); }

  size(): number { return Stat(this.name).length; }

  read(n = -1): string | Uint8Array {
    const all = this.bytes();
    const end = n < 0 ? all.length : Math.min(all.length, this.position + n);
    const chunk = all.slice(this.position, end);
    this.position = end;
    return this.out(chunk);
  }

  /** The next line with its '\n'; empty at the end of the file. */
  readline(): string | Uint8Array {
    const all = this.bytes();
    const nl = all.indexOf(10, this.position);
    const end = nl < 0 ? all.length : nl + 1;
    const line = all.slice(this.position, end);
    this.position = end;
    return this.out(line);
  }

  readlines(): (string | Uint8Array)[] {
    const lines: (string | Uint8Array)[] = [];
    for (let l = this.readline(); l.length > 0; l = this.readline()) lines.push(l);
    return lines;
  }

  *[Symbol.iterator](): Generator<string | Uint8Array> { yield* this.readlines(); }

  write(content: string | Uint8Array): void {
    if (this.closed) throw new FailedPreconditionError(`File ${this.name} is closed.`);
    if (this.fd === null) throw new PermissionDeniedError("File isn't open for writing");
    fs.writeSync(this.fd, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  tell(): number { return this.writing ? fs.fstatSync(this.fd!).size : this.position; }
  seek(offset: number): void { this.position = offset; }
  flush(): void { if (this.fd !== null) fs.fsyncSync(this.fd); }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.closed = true;
  }

  /** The block form of Python's `with tf.gfile.GFile(name, mode) as f:`. */
  with<T>(fn: (f: this) => T): T {
    try { return fn(this); } finally { this.close(); }
  }
}
export const GFile = callable(GFileImpl);
export type GFile = GFileImpl;
export const Open = GFile;
export const FastGFile = GFile;
