import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { EventSchema, SessionLog_SessionStatus } from '../lib/proto/tensorflow/core/util/event_pb';
import { GraphDefSchema } from '../lib/proto/tensorflow/core/framework/graph_pb';
import { RunMetadataSchema } from '../lib/proto/tensorflow/core/protobuf/config_pb';
import { crc32c, maskCrc } from '../lib/saved_model/crc32c';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
const eventFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.startsWith('events.out.tfevents.')).map((f) => path.join(dir, f));

describe('tf.summary.FileWriter and tf.train.summary_iterator', () => {
  it('names the file as TF, starts with file_version brain.Event:2, writes summaries with steps, the graph and logs', () => {
    const dir = path.join(tmp(), 'run');
    const g = tf.Graph();
    const { merged, x } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [], 'x');
      tf.summary.scalar('loss', x);
      return { merged: tf.summary.merge_all()!, x };
    });
    const before = Math.floor(Date.now() / 1000);
    const writer = new tf.summary.FileWriter(dir, g, { filename_suffix: '.v2' });
    expect(writer.get_logdir()).to.equal(dir);
    const sess = tf.Session({ graph: g });
    for (let step = 0; step < 3; step++) writer.add_summary(sess.run(merged, new Map([[x, step / 2]])) as Uint8Array, step);
    writer.add_run_metadata({ partitionGraphs: [g.as_graph_def()] }, 'step2', 2);
    expect(() => writer.add_run_metadata({}, 'step2')).to.throw(tf.errors.ValueError, 'The provided tag was already used for this event type');
    writer.add_session_log({ status: SessionLog_SessionStatus.STOP }, 3);
    writer.close();
    writer.add_summary(sess.run(merged, new Map([[x, 9]])) as Uint8Array, 9); // ignored after close, as TF1

    const [file] = eventFiles(dir);
    const match = /^events\.out\.tfevents\.(\d{10})\.(.+)\.v2$/.exec(path.basename(file))!;
    expect(Number(match[1])).to.be.within(before, before + 5);
    expect(match[2]).to.equal(os.hostname());
    const events = [...tf.train.summary_iterator(file)];
    expect(events.map((e) => e.what.case)).to.deep.equal(['fileVersion', 'graphDef', 'summary', 'summary', 'summary', 'taggedRunMetadata', 'sessionLog']);
    expect(events[0].what.value).to.equal('brain.Event:2');
    expect(events[0].wallTime).to.be.within(before, before + 5);
    const graphDef = fromBinary(GraphDefSchema, events[1].what.value as Uint8Array);
    expect(graphDef.node.map((n) => n.name)).to.deep.equal(['x', 'loss/tags', 'loss', 'Merge/MergeSummary']);
    expect(graphDef.node[2].op).to.equal('ScalarSummary');
    const scalars = events.slice(2, 5).map((e) => [Number(e.step), (e.what.value as any).value[0].tag, (e.what.value as any).value[0].value.value]);
    expect(scalars).to.deep.equal([[0, 'loss', 0], [1, 'loss', 0.5], [2, 'loss', 1]]);
    const tagged = events[5].what.value as any;
    expect(tagged.tag).to.equal('step2');
    expect(fromBinary(RunMetadataSchema, tagged.runMetadata).partitionGraphs[0].node).to.have.length(4);
    expect([Number(events[6].step), (events[6].what.value as any).status]).to.deep.equal([3, SessionLog_SessionStatus.STOP]);
  });

  it('frames each record as TFRecord: uint64 length, masked CRC-32C of it, the Event, masked CRC-32C of the Event', () => {
    const dir = tmp();
    const writer = tf.summary.FileWriter(dir); // without new, as TF1 scripts call it
    writer.close();
    const bytes = new Uint8Array(fs.readFileSync(eventFiles(dir)[0]));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const length = view.getUint32(0, true);
    expect(view.getUint32(4, true)).to.equal(0);
    expect(bytes.length).to.equal(12 + length + 4);
    const data = bytes.subarray(12, 12 + length);
    // Masking as TF's: rotate right by 15, add 0xa282ead8.
    const mask = (c: number) => ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
    expect(mask(0xe3069283)).to.equal(maskCrc(0xe3069283));
    expect(view.getUint32(8, true)).to.equal(mask(crc32c(bytes.subarray(0, 8))));
    expect(view.getUint32(12 + length, true)).to.equal(mask(crc32c(data)));
    const event = fromBinary(EventSchema, data);
    expect(event.what.value).to.equal('brain.Event:2');
    // Field 1 (wall_time) is a double (tag 0x09), field 3 (file_version) a string (tag 0x1a), as event.proto numbers them.
    expect(data[0]).to.equal(0x09);
    expect(data[9]).to.equal(0x1a);
    expect(new TextDecoder().decode(data.subarray(11))).to.equal('brain.Event:2');
    expect(toBinary(EventSchema, event)).to.deep.equal(data);
  });

  it('queues records in memory until max_queue, then writes them without blocking; flush() writes before returning', async () => {
    const dir = tmp();
    const writer = new tf.summary.FileWriter(dir, { max_queue: 3 });
    const file = eventFiles(dir)[0];
    const count = () => [...tf.train.summary_iterator(file)].length;
    expect(count()).to.equal(1);
    writer.add_session_log({ status: SessionLog_SessionStatus.START });
    writer.add_session_log({ status: SessionLog_SessionStatus.START });
    await new Promise((r) => setTimeout(r, 50));
    expect(count()).to.equal(1); // two queued, under max_queue
    writer.add_session_log({ status: SessionLog_SessionStatus.START });
    await new Promise((r) => setTimeout(r, 100));
    expect(count()).to.equal(4); // the third reached max_queue: written from the thread pool
    writer.add_session_log({ status: SessionLog_SessionStatus.STOP });
    writer.flush();
    expect(count()).to.equal(5);
    writer.close();
  });

  it('a killed process keeps every record flushed before the kill; a truncated tail is tolerated by the reader', async () => {
    const dir = tmp();
    const lib = path.join(__dirname, '..', 'lib', 'index.js');
    const script = `
      const tf = require(${JSON.stringify(lib)});
      const w = new tf.summary.FileWriter(${JSON.stringify(dir)}, { max_queue: 1000, flush_secs: 1000 });
      for (let i = 0; i < 200; i++) w.add_session_log({ status: 3, checkpoint_path: 'ckpt-' + i }, i);
      w.flush();
      for (let i = 200; i < 250; i++) w.add_session_log({ status: 3 }, i);
      process.stdout.write('flushed\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.on('data', (d) => { if (String(d).includes('flushed')) resolve(); }));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const file = eventFiles(dir)[0];
    const steps = [...tf.train.summary_iterator(file)].slice(1).map((e) => Number(e.step));
    expect(steps.slice(0, 200)).to.deep.equal(Array.from({ length: 200 }, (_, i) => i));
    expect(steps.length).to.equal(200); // the unflushed 50 were only queued in memory
    fs.appendFileSync(file, fs.readFileSync(file).subarray(0, 20)); // the start of a record, as a write cut short
    expect([...tf.train.summary_iterator(file)]).to.have.length(201);
    const corrupt = fs.readFileSync(file);
    corrupt[20] ^= 1;
    fs.writeFileSync(file, corrupt);
    expect(() => [...tf.train.summary_iterator(file)]).to.throw(tf.errors.DataLossError, /CRC mismatch/);
  });

  it('FileWriterCache gives one writer per logdir', () => {
    const dir = tmp();
    const w = tf.summary.FileWriterCache.get(dir);
    expect(tf.summary.FileWriterCache.get(dir)).to.equal(w);
    tf.summary.FileWriterCache.clear();
    expect(tf.summary.FileWriterCache.get(dir)).to.not.equal(w);
    tf.summary.FileWriterCache.clear();
    expect(eventFiles(dir).length).to.be.at.least(1);
  });
});
