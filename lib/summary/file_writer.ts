/** tf.summary.FileWriter and tf.summary.FileWriterCache (TF1). */
import { create, fromBinary, toBinary, MessageInitShape } from '@bufbuild/protobuf';
import { Graph, get_default_graph } from '../framework/graph';
import { bindArgs } from '../framework/python_args';
import { ValueError } from '../framework/errors';
import { Event, EventSchema, SessionLog, SessionLogSchema, TaggedRunMetadataSchema } from '../proto/tensorflow/core/util/event_pb';
import { Summary, SummarySchema } from '../proto/tensorflow/core/framework/summary_pb';
import { GraphDef, GraphDefSchema } from '../proto/tensorflow/core/framework/graph_pb';
import { RunMetadata, RunMetadataSchema } from '../proto/tensorflow/core/protobuf/config_pb';
import { EventFileWriter } from './event_file_writer';
import { callable } from '../framework/callable';

interface FileWriterArgs {
  logdir: string; graph: Graph | null; max_queue: number; flush_secs: number; graph_def: GraphDef | null;
  filename_suffix: string | null; session: unknown;
}

/** A Summary from what sess.run returns for a summary op (a string or bytes), or a Summary message. */
function asSummary(summary: Summary | Uint8Array | string): Summary {
  if (typeof summary === 'string') return fromBinary(SummarySchema, new TextEncoder().encode(summary));
  if (summary instanceof Uint8Array) return fromBinary(SummarySchema, summary);
  return summary;
}

/**
 * tf.summary.FileWriter(logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None, filename_suffix=None, session=None):
 * writes Summaries, the graph, run metadata and session logs as Events into a new events file
 * in logdir, which TensorBoard (and tf.train.summary_iterator, tensorgraph-summary) read.
 */
class FileWriterImpl {
  private readonly writer: EventFileWriter;
  private readonly seenSummaryTags = new Set<string>();
  private readonly runMetadataTags = new Set<string>();

  constructor(...args: unknown[]) {
    const a = bindArgs<FileWriterArgs>('FileWriter', args,
      ['logdir', 'graph', 'max_queue', 'flush_secs', 'graph_def', 'filename_suffix', 'session'],
      { graph: null, max_queue: 10, flush_secs: 120, graph_def: null, filename_suffix: null }, 1);
    this.writer = new EventFileWriter(a.logdir, { max_queue: a.max_queue, flush_secs: a.flush_secs, filename_suffix: a.filename_suffix ?? '' });
    if (a.graph !== null || a.graph_def !== null) this.add_graph(a.graph, { graph_def: a.graph_def });
  }

  get_logdir(): string { return this.writer.logdir; }
  /** The events file's path (not in TF1's API; handy for tf.train.summary_iterator). */
  get_filename(): string { return this.writer.get_filename(); }

  /** Stamps wall_time (and step when given) and queues the event. */
  add_event(event: Event, step: number | null = null): void {
    event.wallTime = Date.now() / 1000;
    if (step !== null && step !== undefined) event.step = BigInt(Math.trunc(Number(step)));
    this.writer.add_event(event);
  }

  /**
   * add_summary(summary, global_step=None): `summary` as sess.run returns it, or a Summary message.
   * A plugin's metadata is written with the first value of each tag only, as TF1 does.
   */
  add_summary(summary: Summary | Uint8Array | string, global_step: number | null = null): void {
    const s = asSummary(summary);
    for (const value of s.value) {
      if (!value.metadata) continue;
      if (this.seenSummaryTags.has(value.tag)) value.metadata = undefined;
      else this.seenSummaryTags.add(value.tag);
    }
    this.add_event(create(EventSchema, { what: { case: 'summary', value: s } }), global_step);
  }

  /** add_graph(graph, global_step=None, graph_def=None): the GraphDef TensorBoard's graph tab draws. */
  add_graph(graph: Graph | null, ...rest: unknown[]): void {
    const a = bindArgs<{ global_step: number | null; graph_def: GraphDef | null }>('add_graph', rest, ['global_step', 'graph_def'],
      { global_step: null, graph_def: null });
    if (graph === null && a.graph_def === null) throw new ValueError('You must pass either graph or graph_def.');
    const graphDef = graph !== null ? graph.as_graph_def() : a.graph_def!;
    this.add_event(create(EventSchema, { what: { case: 'graphDef', value: toBinary(GraphDefSchema, graphDef) } }), a.global_step);
  }

  /** add_run_metadata(run_metadata, tag, global_step=None); a tag used before is a ValueError, as TF1. */
  add_run_metadata(run_metadata: RunMetadata | MessageInitShape<typeof RunMetadataSchema>, tag: string, global_step: number | null = null): void {
    if (this.runMetadataTags.has(tag)) throw new ValueError('The provided tag was already used for this event type');
    this.runMetadataTags.add(tag);
    const bytes = toBinary(RunMetadataSchema, create(RunMetadataSchema, run_metadata as MessageInitShape<typeof RunMetadataSchema>));
    this.add_event(create(EventSchema, { what: { case: 'taggedRunMetadata', value: create(TaggedRunMetadataSchema, { tag, runMetadata: bytes }) } }), global_step);
  }

  /** add_session_log(session_log, global_step=None) */
  add_session_log(session_log: SessionLog | MessageInitShape<typeof SessionLogSchema>, global_step: number | null = null): void {
    const log = create(SessionLogSchema, session_log as MessageInitShape<typeof SessionLogSchema>);
    this.add_event(create(EventSchema, { what: { case: 'sessionLog', value: log } }), global_step);
  }

  /** Writes everything queued to the events file before returning. */
  flush(): void { this.writer.flush(); }
  /** Flushes and closes; later add_* calls are ignored until reopen(). */
  close(): void { this.writer.close(); }
  /** A new events file in the same logdir after close(). */
  reopen(): void { this.writer.reopen(); }
}

/** `tf.summary.FileWriter(logdir, graph)` or with `new`, as TF1 scripts write it. */
export const FileWriter = callable(FileWriterImpl);
export type FileWriter = FileWriterImpl;

const cache = new Map<string, FileWriter>();
/** tf.summary.FileWriterCache: one FileWriter per logdir (with the default graph), shared. */
export const FileWriterCache = {
  get(logdir: string): FileWriter {
    let w = cache.get(logdir);
    if (!w) { w = new FileWriter(logdir, { graph: get_default_graph() }); cache.set(logdir, w); }
    return w;
  },
  clear(): void {
    for (const w of cache.values()) w.close();
    cache.clear();
  },
};
