/**
 * The events file behind tf.summary.FileWriter: TFRecord-framed tensorflow.Event records
 * (lib/io/tf_record_format.ts). A training step only serializes and queues; bytes reach the
 * disk from Node's thread pool. Every record is given its file offset when queued and written
 * with a positional write, so writes may finish in any order, and flush() can write
 * synchronously whatever is pending or still in flight (rewriting the same bytes at the same
 * offset is harmless): once flush() returns, a killed process loses nothing queued before it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { create, toBinary } from '@bufbuild/protobuf';
import { Event, EventSchema } from '../proto/tensorflow/core/util/event_pb';
import { frameRecord } from '../io/tf_record_format';

export interface EventFileWriterOptions { max_queue?: number; flush_secs?: number; filename_suffix?: string }

interface Chunk { bytes: Uint8Array; position: number }

export class EventFileWriter {
  readonly logdir: string;
  private filePath = '';
  private fd = -1;
  private nextPosition = 0;
  /** Records queued since the last dispatch (written when max_queue is reached, on the timer or on flush). */
  private pending: Chunk[] = [];
  /** Dispatched to the thread pool, not yet confirmed written. */
  private inFlight = new Set<Chunk>();
  private timer: NodeJS.Timeout | null = null;
  private closed = true;
  private writeError: Error | null = null;
  private readonly flushOnExit = () => this.flush();

  constructor(logdir: string, private readonly options: EventFileWriterOptions = {}) {
    this.logdir = logdir;
    this.reopen();
  }

  /** The events file's path: `events.out.tfevents.<10-digit seconds>.<hostname><suffix>`, as TF names it. */
  get_filename(): string { return this.filePath; }

  /** Opens a new events file (after close()), starting with the file_version record, as TF's writer does. */
  reopen(): void {
    if (!this.closed) return;
    fs.mkdirSync(this.logdir, { recursive: true });
    const now = Date.now() / 1000;
    const seconds = String(Math.floor(now)).padStart(10, '0');
    this.filePath = path.join(this.logdir, `events.out.tfevents.${seconds}.${os.hostname()}${this.options.filename_suffix ?? ''}`);
    this.fd = fs.openSync(this.filePath, 'w');
    this.nextPosition = 0;
    this.closed = false;
    this.add_event(create(EventSchema, { wallTime: now, what: { case: 'fileVersion', value: 'brain.Event:2' } }));
    this.flush();
    const flushSecs = this.options.flush_secs ?? 120;
    this.timer = setInterval(() => this.dispatch(), flushSecs * 1000);
    this.timer.unref();
    // What is queued when the process exits normally is written, as Python's atexit-less writer would lose it.
    process.on('exit', this.flushOnExit);
  }

  /** Queues one event; ignored after close(), as TF1's. */
  add_event(event: Event): void {
    if (this.closed) return;
    this.throwWriteError();
    const bytes = frameRecord(toBinary(EventSchema, event));
    this.pending.push({ bytes, position: this.nextPosition });
    this.nextPosition += bytes.length;
    if (this.pending.length >= (this.options.max_queue ?? 10)) this.dispatch();
  }

  /** Hands the pending records to the thread pool without waiting. */
  private dispatch(): void {
    const chunks = this.pending;
    this.pending = [];
    for (const chunk of chunks) {
      this.inFlight.add(chunk);
      const fd = this.fd;
      fs.write(fd, chunk.bytes, 0, chunk.bytes.length, chunk.position, (err) => {
        this.inFlight.delete(chunk);
        if (err && !this.writeError) this.writeError = err;
        this.closeIfIdle(fd);
      });
    }
  }

  /** Writes every queued record to the file before returning (in flight ones again, synchronously). */
  flush(): void {
    if (this.fd < 0) return;
    for (const chunk of [...this.inFlight, ...this.pending]) {
      fs.writeSync(this.fd, chunk.bytes, 0, chunk.bytes.length, chunk.position);
    }
    this.pending = [];
    this.throwWriteError();
  }

  /** Flushes, syncs and closes the file; the descriptor is released once the thread pool is done with it. */
  close(): void {
    if (this.closed) return;
    this.flush();
    fs.fsyncSync(this.fd);
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    process.removeListener('exit', this.flushOnExit);
    this.closeIfIdle(this.fd);
  }

  private closeIfIdle(fd: number): void {
    if (this.closed && this.inFlight.size === 0 && fd === this.fd && this.fd >= 0) {
      this.fd = -1;
      fs.closeSync(fd);
    }
  }

  private throwWriteError(): void {
    if (this.writeError) { const e = this.writeError; this.writeError = null; throw e; }
  }
}
