/**
 * tf.python_io's TFRecord files: TFRecordWriter, tf_record_iterator and TFRecordOptions,
 * framed by tf_record_format.ts. GZIP and ZLIB files are whole-file streams as TF writes
 * them (fflate compresses and inflates).
 */
import * as fs from 'fs';
import { gzipSync, gunzipSync, zlibSync, unzlibSync } from 'fflate';
import { callable } from '../framework/callable';
import { bindArgs } from '../framework/python_args';
import { DataLossError, FailedPreconditionError, InvalidArgumentError, NotFoundError } from '../framework/errors';
import { frameRecord, parseRecords } from './tf_record_format';

/** tf.python_io.TFRecordCompressionType. */
export const TFRecordCompressionType = { NONE: 0, ZLIB: 1, GZIP: 2 } as const;

export type CompressionName = '' | 'ZLIB' | 'GZIP';
const NAMES: Record<number, CompressionName> = { 0: '', 1: 'ZLIB', 2: 'GZIP' };

/** tf.python_io.TFRecordOptions(compression_type): a TFRecordCompressionType or its name. */
class TFRecordOptionsImpl {
  readonly compression_type: number;
  constructor(...args: unknown[]) {
    const a = bindArgs<{ compression_type?: unknown }>('TFRecordOptions', args, ['compression_type']);
    this.compression_type = compressionCode(a.compression_type ?? TFRecordCompressionType.NONE);
  }
  /** TFRecordOptions.get_compression_type_string(options): '', 'ZLIB' or 'GZIP' (what TFRecordDataset's compression_type takes). */
  static get_compression_type_string(options: unknown): CompressionName { return compressionName(options); }
}
export const TFRecordOptions = callable(TFRecordOptionsImpl);
export type TFRecordOptions = TFRecordOptionsImpl;

function compressionCode(x: unknown): number {
  if (typeof x === 'number' && x in NAMES) return x;
  if (typeof x === 'string') {
    const i = ['', 'NONE', 'ZLIB', 'GZIP'].indexOf(x.toUpperCase());
    if (i >= 0) return [0, 0, 1, 2][i]!;
  }
  throw new InvalidArgumentError(`Unsupported compression type: ${String(x)} (NONE, ZLIB or GZIP)`);
}

/** The compression of an options argument: null/undefined, a TFRecordOptions, a type code or a name. */
export function compressionName(options: unknown): CompressionName {
  if (options === null || options === undefined) return '';
  if (options instanceof TFRecordOptionsImpl) return NAMES[options.compression_type]!;
  return NAMES[compressionCode(options)]!;
}

/** TF's message for a missing file: the path first. */
export function readFileOrThrow(path: string): Uint8Array {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`${path}; No such file or directory`);
    throw e;
  }
}

function inflate(bytes: Uint8Array, compression: CompressionName, path: string): Uint8Array {
  if (compression === '') return bytes;
  try {
    return compression === 'GZIP' ? gunzipSync(bytes) : unzlibSync(bytes);
  } catch (e) {
    throw new DataLossError(`${path}: not a valid ${compression} stream (${(e as Error).message})`);
  }
}

/** Every record of a TFRecord file; DataLossError naming the file for a corrupt or truncated one. */
export function readRecordFile(path: string, compression: CompressionName = ''): Generator<Uint8Array> {
  return parseRecords(inflate(readFileOrThrow(path), compression, path), path);
}

/** tf.python_io.tf_record_iterator(path, options=None): the records as Uint8Array bytes. */
export function tf_record_iterator(...args: unknown[]): Generator<Uint8Array> {
  const a = bindArgs<{ path: string; options?: unknown }>('tf_record_iterator', args, ['path', 'options'], {}, 1);
  return readRecordFile(a.path, compressionName(a.options));
}

/**
 * tf.python_io.TFRecordWriter(path, options=None): write(record), flush(), close().
 * Uncompressed records reach the file as they are written; a compressed file is one
 * stream, written whole on close (flush cannot end a GZIP stream midway).
 */
class TFRecordWriterImpl {
  private fd: number | null;
  private readonly compression: CompressionName;
  private readonly pending: Uint8Array[] = [];

  constructor(...args: unknown[]) {
    const a = bindArgs<{ path: string; options?: unknown }>('TFRecordWriter', args, ['path', 'options'], {}, 1);
    this.path = a.path;
    this.compression = compressionName(a.options);
    try {
      this.fd = fs.openSync(a.path, 'w');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`${a.path}; No such file or directory`);
      throw e;
    }
  }

  readonly path: string;

  /** Writes one record: bytes, or a string as its UTF-8 bytes. */
  write(record: string | Uint8Array): void {
    const fd = this.open();
    const framed = frameRecord(typeof record === 'string' ? new TextEncoder().encode(record) : record);
    if (this.compression === '') fs.writeSync(fd, framed); else this.pending.push(framed);
  }

  flush(): void {
    const fd = this.open();
    if (this.compression === '') fs.fsyncSync(fd);
  }

  close(): void {
    if (this.fd === null) return;
    if (this.compression !== '') {
      const whole = new Uint8Array(this.pending.reduce((n, p) => n + p.length, 0));
      let k = 0;
      for (const p of this.pending) { whole.set(p, k); k += p.length; }
      fs.writeSync(this.fd, this.compression === 'GZIP' ? gzipSync(whole) : zlibSync(whole));
    }
    fs.closeSync(this.fd);
    this.fd = null;
  }

  /** The block form of Python's `with TFRecordWriter(path) as writer:`. */
  with<T>(fn: (writer: this) => T): T {
    try { return fn(this); } finally { this.close(); }
  }

  private open(): number {
    if (this.fd === null) throw new FailedPreconditionError(`TFRecordWriter for ${this.path} is closed.`);
    return this.fd;
  }
}
export const TFRecordWriter = callable(TFRecordWriterImpl);
export type TFRecordWriter = TFRecordWriterImpl;
