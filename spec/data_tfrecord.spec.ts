import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { create, toBinary, fromBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { ExampleSchema } from '../lib/proto/tensorflow/core/example/example_pb';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('TFRecord files: tf.python_io and tf.data.TFRecordDataset / TextLineDataset', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfrecord-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('TFRecordWriter writes TF framing byte for byte (hand-checked header of a 3-byte record)', () => {
    const file = path.join(dir, 'one.tfrecord');
    const w = tf.python_io.TFRecordWriter(file);
    w.write('abc');
    w.flush();
    w.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).to.equal(12 + 3 + 4);
    expect([...bytes.subarray(0, 8)]).to.deep.equal([3, 0, 0, 0, 0, 0, 0, 0]);
    expect(text(bytes.subarray(12, 15))).to.equal('abc');
    expect(() => w.write('x')).to.throw(tf.errors.FailedPreconditionError, 'is closed');
    expect([...tf.python_io.tf_record_iterator(file)].map(text)).to.deep.equal(['abc']);
  });

  for (const compression of ['NONE', 'GZIP', 'ZLIB'] as const) {
    it(`round trip with ${compression} (TFRecordOptions; the GZIP file starts with gzip's magic)`, () => {
      const file = path.join(dir, `c-${compression}.tfrecord`);
      const options = tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType[compression]);
      tf.python_io.TFRecordWriter(file, { options }).with((w) => ['a', '', 'ccc'].forEach((r) => w.write(r)));
      const head = fs.readFileSync(file).subarray(0, 2);
      if (compression === 'GZIP') expect([...head]).to.deep.equal([0x1f, 0x8b]);
      if (compression === 'ZLIB') expect(head[0]).to.equal(0x78);
      expect([...tf.python_io.tf_record_iterator(file, options)].map(text)).to.deep.equal(['a', '', 'ccc']);
      const type = tf.python_io.TFRecordOptions.get_compression_type_string(options);
      expect(type).to.equal(compression === 'NONE' ? '' : compression);
      const g = tf.Graph();
      const next = g.as_default(() => tf.data.TFRecordDataset([file, file], { compression_type: type }).make_one_shot_iterator().get_next());
      const sess = tf.Session({ graph: g });
      const got: unknown[] = [];
      try { for (;;) got.push(sess.run(next)); } catch (e) { if (!(e instanceof tf.errors.OutOfRangeError)) throw e; } finally { sess.close(); }
      expect(got).to.deep.equal(['a', '', 'ccc', 'a', '', 'ccc']);
    });
  }

  it('filenames from a placeholder fed at initialization; a missing file is NotFoundError naming it', () => {
    const file = path.join(dir, 'p.tfrecord');
    tf.python_io.TFRecordWriter(file).with((w) => { w.write('r0'); w.write('r1'); });
    tf.Graph().as_default((g) => {
      const names = tf.placeholder(tf.string, [null], 'names');
      const ds = tf.data.TFRecordDataset(names);
      expect(ds.output_types).to.equal('string');
      expect(ds.output_shapes).to.deep.equal([]);
      const it = ds.batch(2).make_initializable_iterator();
      const next = it.get_next();
      const sess = tf.Session({ graph: g });
      sess.run(it.initializer, { 'names:0': NDArray.from([file]) });
      expect((sess.run(next) as NDArray).tolist()).to.deep.equal(['r0', 'r1']);
      const missing = path.join(dir, 'nope.tfrecord');
      sess.run(it.initializer, { 'names:0': NDArray.from([missing]) });
      expect(() => sess.run(next)).to.throw(tf.errors.NotFoundError, `${missing}; No such file or directory`);
      sess.close();
    });
  });

  it('a corrupt record is DataLossError naming the file, from the iterator and from the dataset', () => {
    const file = path.join(dir, 'bad.tfrecord');
    tf.python_io.TFRecordWriter(file).with((w) => { w.write('good'); w.write('data'); });
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 6] ^= 1; // a byte of the second record's data
    fs.writeFileSync(file, bytes);
    const records = tf.python_io.tf_record_iterator(file);
    expect(text(records.next().value as Uint8Array)).to.equal('good');
    expect(() => records.next()).to.throw(tf.errors.DataLossError, `corrupted record at 20 in ${file}: data CRC mismatch`);
    const g = tf.Graph();
    const next = g.as_default(() => tf.data.TFRecordDataset(file).make_one_shot_iterator().get_next());
    const sess = tf.Session({ graph: g });
    try {
      expect(sess.run(next)).to.equal('good');
      expect(() => sess.run(next)).to.throw(tf.errors.DataLossError, file);
    } finally { sess.close(); }
    fs.writeFileSync(file, bytes.subarray(0, 25));
    expect(() => [...tf.python_io.tf_record_iterator(file)]).to.throw(tf.errors.DataLossError, `truncated record at 20 in ${file}`);
  });

  it('a tf.train.Example serialized into a TFRecord file comes back as the same bytes (binary-safe strings)', () => {
    const file = path.join(dir, 'examples.tfrecord');
    const example = create(ExampleSchema, {
      features: { feature: {
        label: { kind: { case: 'int64List', value: { value: [7n] } } },
        pixels: { kind: { case: 'floatList', value: { value: [0.5, 1] } } },
      } },
    });
    const serialized = toBinary(ExampleSchema, example);
    tf.python_io.TFRecordWriter(file).with((w) => w.write(serialized));
    const g = tf.Graph();
    // A rank-1 fetch keeps the bytes (a 0-d string fetch is decoded as UTF-8 text).
    const next = g.as_default(() => tf.reshape(tf.data.TFRecordDataset(file).make_one_shot_iterator().get_next(), [1]));
    const sess = tf.Session({ graph: g });
    let record: Uint8Array;
    try { record = (sess.run(next) as NDArray).strings![0]!; } finally { sess.close(); }
    expect([...record]).to.deep.equal([...serialized]);
    const back = fromBinary(ExampleSchema, record);
    const label = back.features!.feature.label!.kind;
    expect(label.case === 'int64List' && label.value.value[0]).to.equal(7n);
  });

  it('TextLineDataset: lines without "\\n" or "\\r\\n", files in order, a last line without a newline', () => {
    const a = path.join(dir, 'a.txt'), b = path.join(dir, 'b.txt');
    fs.writeFileSync(a, 'one\r\ntwo\n\nfour\n');
    fs.writeFileSync(b, 'x\ny');
    const g = tf.Graph();
    const next = g.as_default(() => tf.data.TextLineDataset([a, b]).make_one_shot_iterator().get_next());
    const sess = tf.Session({ graph: g });
    const got: unknown[] = [];
    try { for (;;) got.push(sess.run(next)); } catch (e) { if (!(e instanceof tf.errors.OutOfRangeError)) throw e; } finally { sess.close(); }
    expect(got).to.deep.equal(['one', 'two', '', 'four', 'x', 'y']);
  });
});
