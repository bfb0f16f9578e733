import { expect } from 'chai';
import { fromBinary } from '@bufbuild/protobuf';
import { PNG } from 'pngjs';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { Summary, SummarySchema } from '../lib/proto/tensorflow/core/framework/summary_pb';
import { defaultBucketLimits } from '../kernels/cpu/summary/histogram';
import { captureStderr } from './helpers/capture_stderr';

/** Builds in a fresh graph, runs the returned summary tensor, decodes it. */
function summaryOf(build: () => tf.Tensor, feeds: Record<string, unknown> = {}): Summary {
  const g = tf.Graph();
  const t = g.as_default(build);
  const sess = tf.Session({ graph: g });
  try { return decode(sess.run(t, feeds)); } finally { sess.close(); }
}
function decode(v: unknown): Summary {
  return fromBinary(SummarySchema, typeof v === 'string' ? new TextEncoder().encode(v) : v as Uint8Array);
}

describe('tf.summary ops', () => {
  it('scalar: tag and op name are the name scope (layer1/weights/summaries/mean), unique like op names; SUMMARIES collection', () => {
    const g = tf.Graph();
    g.as_default(() => {
      const x = tf.constant(2.5);
      const s = tf.name_scope('layer1', () => tf.name_scope('weights', () => tf.name_scope('summaries', () => tf.summary.scalar('mean', x))));
      expect(s.op.name).to.equal('layer1/weights/summaries/mean');
      expect(s.dtype).to.equal('string');
      const again = tf.summary.scalar('loss', x);
      const twice = tf.summary.scalar('loss', x);
      expect([again.op.name, twice.op.name]).to.deep.equal(['loss', 'loss_1']);
      const fam = tf.summary.scalar('acc', x, { family: 'eval' });
      expect(fam.op.name).to.equal('eval/acc');
      const odd = tf.summary.scalar('bad name!', x, { collections: ['mine'] });
      expect(odd.op.name).to.equal('bad_name_');
      expect(tf.get_collection(tf.GraphKeys.SUMMARIES)).to.deep.equal([s, again, twice, fam]);
      expect(tf.get_collection('mine')).to.deep.equal([odd]);
      const sess = tf.Session({ graph: g });
      const values = [s, twice, fam].map((t) => decode(sess.run(t)).value[0]);
      expect(values.map((v) => v.tag)).to.deep.equal(['layer1/weights/summaries/mean', 'loss_1', 'eval/eval/acc']);
      expect(values.map((v) => v.value.value)).to.deep.equal([2.5, 2.5, 2.5]);
    });
  });

  it('ScalarSummary checks that tags and values have the same shape', () => {
    expect(() => summaryOf(() => tf.get_default_graph().create_op('ScalarSummary', [tf.constant('a'), tf.constant([1, 2])]).outputs[0]))
      .to.throw(tf.errors.InvalidArgumentError, "tags and values not the same shape: [] != [2] (tag 'a')");
  });

  it("histogram: TF's default buckets (1e-12 x1.1 to 1e20, mirrored, 0, +-DBL_MAX), min/max/num/sum/sum_squares, empty runs collapsed", () => {
    const limits = defaultBucketLimits();
    expect(limits.length).to.equal(1551); // 774 powers of 1.1 below 1e20, DBL_MAX, mirrored, and 0
    expect([limits[0], limits[775], limits[776], limits[1550]]).to.deep.equal([-Number.MAX_VALUE, 0, 1e-12, Number.MAX_VALUE]);
    expect(limits[777]).to.be.closeTo(1.1e-12, 1e-24);
    const h = summaryOf(() => tf.summary.histogram('w', tf.constant([-1, 0, 1, 2, 2]))).value[0];
    expect(h.tag).to.equal('w');
    const histo = h.value.value as any;
    expect([histo.min, histo.max, histo.num, histo.sum, histo.sumSquares]).to.deep.equal([-1, 2, 5, 4, 10]);
    expect(histo.bucket.reduce((a: number, b: number) => a + b, 0)).to.equal(5);
    // Every non-empty bucket i holds [limit before it, its limit); between them one collapsed empty bucket at most.
    const nonEmpty = histo.bucket.map((c: number, i: number) => [c, histo.bucketLimit[i], histo.bucketLimit[i - 1]]).filter((x: number[]) => x[0] > 0);
    expect(nonEmpty.map((x: number[]) => x[0])).to.deep.equal([1, 1, 1, 2]);
    for (const [, limit, previous] of nonEmpty) expect(limit).to.be.greaterThan(previous);
    expect(nonEmpty[1][1]).to.equal(1e-12); // 0 falls in [0, 1e-12)
    expect(nonEmpty[2][2]).to.be.at.most(1);
    expect(nonEmpty[2][1]).to.be.greaterThan(1);
    for (let i = 1; i < histo.bucket.length; i++) expect(histo.bucket[i] > 0 || histo.bucket[i - 1] > 0).to.equal(true);
    const empty = summaryOf(() => tf.summary.histogram('e', tf.zeros([0]))).value[0].value.value as any;
    expect([empty.bucketLimit, empty.bucket]).to.deep.equal([[Number.MAX_VALUE], [0]]);
    expect(() => summaryOf(() => tf.summary.histogram('n', tf.constant([1, NaN]))))
      .to.throw(tf.errors.InvalidArgumentError, 'Nan in summary histogram for: n');
  });

  it('image: PNGs tagged name/image/i (name/image when max_outputs is 1); floats scaled to uint8 as TF; uint8 kept', () => {
    const s = summaryOf(() => tf.summary.image('img', tf.placeholder(tf.float32, [2, 1, 2, 1], 'x')), { 'x:0': [[[[0.5], [1]]], [[[-1], [0.5]]]] });
    expect(s.value.map((v) => v.tag)).to.deep.equal(['img/image/0', 'img/image/1']);
    const pixels = s.value.map((v) => {
      const im = v.value.value as any;
      expect([im.height, im.width, im.colorspace]).to.deep.equal([1, 2, 1]);
      const png = PNG.sync.read(Buffer.from(im.encodedImageString));
      return [png.data[0], png.data[4]];
    });
    // [0.5, 1]: scale 255/1 -> 127 (127.5 truncated), 255. [-1, 0.5]: 128 + 127 * v -> 1, 191 (191.5 truncated).
    expect(pixels).to.deep.equal([[127, 255], [1, 191]]);
    const rgb = summaryOf(() => tf.summary.image('c', tf.constant(new Uint8Array([10, 20, 30, 40, 50, 60]), { shape: [1, 1, 2, 3] }), { max_outputs: 1 })).value;
    expect(rgb.map((v) => v.tag)).to.deep.equal(['c/image']);
    const png = PNG.sync.read(Buffer.from((rgb[0].value.value as any).encodedImageString));
    expect([...png.data]).to.deep.equal([10, 20, 30, 255, 40, 50, 60, 255]);
    const bad = summaryOf(() => tf.summary.image('b', tf.constant([[[[1, 1, 1], [NaN, 0, 0]]]]))).value[0];
    expect([...PNG.sync.read(Buffer.from((bad.value.value as any).encodedImageString)).data.subarray(4, 7)]).to.deep.equal([255, 0, 0]);
    expect(() => tf.Graph().as_default(() => tf.summary.image('x', tf.zeros([2, 2, 2]))))
      .to.throw(tf.errors.ValueError, 'Tensor must be 4-D with last dim 1, 3, or 4');
  });

  it('audio: 16-bit PCM WAV, tags name/audio/i, samples x 2^15 rounded and clamped', () => {
    const s = summaryOf(() => tf.summary.audio('a', tf.constant([[0.5, -1, 1, 0.25]]), 8000, { max_outputs: 2 }));
    expect(s.value.map((v) => v.tag)).to.deep.equal(['a/audio/0']);
    const audio = s.value[0].value.value as any;
    expect([audio.sampleRate, Number(audio.numChannels), Number(audio.lengthFrames), audio.contentType]).to.deep.equal([8000, 1, 4, 'audio/wav']);
    const wav: Uint8Array = audio.encodedAudioString;
    const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
    expect(new TextDecoder().decode(wav.subarray(0, 4)) + new TextDecoder().decode(wav.subarray(8, 16))).to.equal('RIFFWAVEfmt ');
    expect([view.getUint32(4, true), view.getUint16(20, true), view.getUint16(22, true), view.getUint32(24, true),
      view.getUint32(28, true), view.getUint16(32, true), view.getUint16(34, true), view.getUint32(40, true)])
      .to.deep.equal([36 + 8, 1, 1, 8000, 16000, 2, 16, 8]);
    expect([0, 1, 2, 3].map((i) => view.getInt16(44 + 2 * i, true))).to.deep.equal([16384, -32768, 32767, 8192]);
  });

  it("text: a tensor summary with plugin 'text' and the strings in the TensorProto; non-strings are a ValueError", () => {
    const v = summaryOf(() => tf.summary.text('note', tf.constant(['hello', 'world']))).value[0];
    expect(v.tag).to.equal('note');
    expect(v.metadata?.pluginData?.pluginName).to.equal('text');
    const tensor = v.value.value as any;
    expect(tensor.stringVal.map((b: Uint8Array) => new TextDecoder().decode(b))).to.deep.equal(['hello', 'world']);
    expect(tensor.tensorShape.dim.map((d: any) => Number(d.size))).to.deep.equal([2]);
    expect(() => tf.Graph().as_default(() => tf.summary.text('n', tf.constant(1))))
      .to.throw(tf.errors.ValueError, 'Expected tensor Const:0 to have dtype string, got float32');
  });

  it('merge / merge_all: one Summary with all values, named Merge/MergeSummary; null without summaries; duplicate tags are an error', () => {
    const g = tf.Graph();
    g.as_default(() => {
      expect(tf.summary.merge_all()).to.equal(null);
      tf.summary.scalar('a', tf.constant(1));
      tf.summary.histogram('h', tf.constant([1, 2]));
      const merged = tf.summary.merge_all()!;
      expect(merged.op.name).to.equal('Merge/MergeSummary');
      const s = decode(tf.Session({ graph: g }).run(merged));
      expect(s.value.map((v) => [v.tag, v.value.case])).to.deep.equal([['a', 'simpleValue'], ['h', 'histo']]);
      const dup = tf.summary.merge([tf.summary.scalar('x', tf.constant(1), { collections: [] }), tf.summary.merge([tf.get_collection<tf.Tensor>('summaries')[0]])]);
      expect(() => tf.Session({ graph: g }).run(tf.summary.merge([dup, tf.get_collection<tf.Tensor>('summaries')[0]])))
        .to.throw(tf.errors.InvalidArgumentError, 'Duplicate tag a found in summary inputs');
    });
  });

  it('a fetched summary is bytes when not valid UTF-8, else a string that re-encodes exactly', () => {
    const s = summaryOf(() => tf.summary.scalar('s', tf.constant(-1.7e38)));
    expect(s.value[0].value.value).to.be.closeTo(-1.7e38, 1e32);
    const g = tf.Graph();
    const t = g.as_default(() => tf.summary.histogram('h', tf.constant([1e30, -3.3])));
    const raw = tf.Session({ graph: g }).run(t);
    expect(raw).to.be.instanceOf(Uint8Array); // float64 bytes of a histogram are not UTF-8
    expect(NDArray.fromStrings(['\uFEFFa']).strings![0].length).to.equal(4);
  });

  it('the gpu backend runs summary ops on the host without a warning', () => {
    const g = tf.Graph();
    const t = g.as_default(() => tf.summary.merge([tf.summary.scalar('m', tf.reduce_mean(tf.placeholder(tf.float32, [2], 'x')))]));
    const sess = tf.Session({ graph: g, config: { device: 'gpu-webasm' } });
    const { result, text } = captureStderr(() => sess.run(t, { 'x:0': [1, 2] }));
    expect(decode(result).value[0].value.value).to.equal(1.5);
    expect(text).to.not.include('runs on the CPU');
  });
});
