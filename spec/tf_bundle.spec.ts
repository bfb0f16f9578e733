import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NDArray } from '../lib/framework/ndarray';
import { DataLossError, NotFoundError, UnimplementedError } from '../lib/framework/errors';
import { crc32c, maskCrc, unmaskCrc } from '../lib/saved_model/crc32c';
import { readTable } from '../lib/saved_model/tf_bundle/table_reader';
import { writeTable } from '../lib/saved_model/tf_bundle/table_writer';
import { TfBundleReader, bundleDataPath, isTfBundle } from '../lib/saved_model/tf_bundle/bundle_reader';
import { writeTfBundle } from '../lib/saved_model/tf_bundle/bundle_writer';
import { DataType } from '../lib/proto/tensorflow/core/framework/types_pb';
import { tfModel } from './helpers/tf_models';

const MNIST = () => tfModel('mnist_softmax_checkpoint_tf1.3', 'model.ckpt');
const vars = (model: string) => tfModel(model, '00000123', 'variables', 'variables');
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function tmpDir(): string { return fs.mkdtempSync(path.join(os.tmpdir(), 'tf_bundle-')); }

describe('TensorFlow tensor bundles', () => {
  describe('masked CRC32C', () => {
    it('is the CRC-32C of the check value "123456789" (0xe3069283) and masks as TF does', () => {
      expect(crc32c(enc('123456789'))).to.equal(0xe3069283);
      // ((c >>> 15) | (c << 17)) + 0xa282ead8, worked by hand for c = 0xe3069283.
      const c = 0xe3069283;
      const rotated = ((c >>> 15) | (c << 17)) >>> 0;
      expect(maskCrc(c)).to.equal((rotated + 0xa282ead8) >>> 0);
      expect(unmaskCrc(maskCrc(c))).to.equal(c);
      expect(maskCrc(0)).to.equal(0xa282ead8);
    });
  });

  describe('table', () => {
    it('round-trips sorted entries across restart points and several blocks, uncompressed and Snappy', () => {
      const entries: Array<[Uint8Array, Uint8Array]> = [];
      for (let i = 0; i < 3000; i++) entries.push([enc(`key/${String(i).padStart(5, '0')}`), new Uint8Array(200).fill(i % 251)]);
      for (const compression of ['none', 'snappy'] as const) {
        const bytes = writeTable(entries, compression);
        const back = readTable(bytes, 'mem');
        expect(back.length).to.equal(entries.length);
        expect(dec(back[1234][0])).to.equal('key/01234');
        expect([...back[1234][1].subarray(0, 3)]).to.deep.equal([1234 % 251, 1234 % 251, 1234 % 251]);
        if (compression === 'snappy') expect(bytes.length).to.be.lessThan(3000 * 200 / 4);
        else expect(bytes.length).to.be.greaterThan(3000 * 200);
      }
    });

    it('refuses keys out of order when writing', () => {
      expect(() => writeTable([[enc('b'), enc('1')], [enc('a'), enc('2')]])).to.throw(RangeError);
    });

    it('reads the Snappy-compressed index TF 1.14 wrote (half_plus_two)', () => {
      const bytes = fs.readFileSync(`${vars('saved_model_half_plus_two_cpu')}.index`);
      const keys = readTable(bytes, 'f').map(([k]) => dec(k));
      expect(keys).to.deep.equal(['', 'a', 'a2', 'b', 'c', 'c2']);
    });

    it('is a DataLossError naming the file for a bad magic, a short file and a CRC mismatch', () => {
      const good = fs.readFileSync(`${MNIST()}.index`);
      const badMagic = Uint8Array.from(good); badMagic[badMagic.length - 1] ^= 1;
      expect(() => readTable(badMagic, 'x.index')).to.throw(DataLossError, /x\.index: corrupted table: bad magic/);
      expect(() => readTable(good.subarray(0, 40), 'x.index')).to.throw(DataLossError, /shorter than the 48-byte footer/);
      const badCrc = Uint8Array.from(good); badCrc[10] ^= 0x20;
      expect(() => readTable(badCrc, 'x.index')).to.throw(DataLossError, /block checksum mismatch in the data block at 0/);
    });
  });

  describe('reader', () => {
    it('reads the MNIST checkpoint written by TF 1.3: names, shapes, dtypes, CRC-checked values', () => {
      const r = TfBundleReader.open(MNIST());
      expect(r.header.numShards).to.equal(1);
      expect(r.names()).to.deep.equal(['Variable', 'Variable_1']);
      expect(r.shape('Variable')).to.deep.equal([784, 10]);
      expect(r.shape('Variable_1')).to.deep.equal([10]);
      expect(r.dtype('Variable')).to.equal(DataType.DT_FLOAT);
      const W = r.read('Variable');
      expect(W.dtype).to.equal('float32');
      expect(W.data.length).to.equal(7840);
      // The first pixel is always 0 in MNIST: its weights never move from the zeros they start at.
      expect([...W.data.subarray(0, 10)]).to.deep.equal(new Array(10).fill(0));
      const b = r.read('Variable_1');
      expect(b.data.length).to.equal(10);
      expect(Math.abs([...b.data].reduce((s, v) => s + v, 0))).to.be.lessThan(1e-3); // softmax bias gradients sum to 0 (up to float32 rounding)
    });

    it('reads half_plus_two (Snappy index) and counter values', () => {
      const r = TfBundleReader.open(vars('saved_model_half_plus_two_cpu'));
      const value = (n: string) => r.read(n).data[0];
      expect([value('a'), value('b'), value('a2'), value('c'), value('c2')]).to.deep.equal([0.5, 2, 0.5, 3, 3]);
      const counter = TfBundleReader.open(vars('saved_model_counter'));
      expect(counter.names()).to.deep.equal(['counter']);
      expect(counter.read('counter').data[0]).to.equal(0);
      const three = TfBundleReader.open(vars('saved_model_half_plus_three'));
      expect(three.names()).to.deep.equal(['a', 'b', 'c']);
      expect([...three.names().map((n) => three.read(n).data[0])]).to.deep.equal([0.5, 3, 3]);
    });

    it('tells a TF index from tensorgraph\'s own by the footer magic', () => {
      expect(isTfBundle(MNIST())).to.equal(true);
      expect(isTfBundle(path.join(tmpDir(), 'absent'))).to.equal(false);
    });

    it('is a NotFoundError for a missing key or prefix', () => {
      expect(() => TfBundleReader.open(MNIST()).read('Variable_2')).to.throw(NotFoundError, 'Key Variable_2 not found in checkpoint');
      expect(() => TfBundleReader.open(path.join(tmpDir(), 'nope'))).to.throw(NotFoundError, /Failed to find any matching files/);
    });

    it('is a DataLossError naming the data file for a flipped tensor byte, and for a missing shard', () => {
      const dir = tmpDir();
      const prefix = path.join(dir, 'model.ckpt');
      fs.copyFileSync(`${MNIST()}.index`, `${prefix}.index`);
      const data = Uint8Array.from(fs.readFileSync(`${MNIST()}.data-00000-of-00001`));
      data[31360 + 4] ^= 1; // in Variable_1
      fs.writeFileSync(`${prefix}.data-00000-of-00001`, data);
      const r = TfBundleReader.open(prefix);
      expect(r.read('Variable').data.length).to.equal(7840);
      expect(() => r.read('Variable_1')).to.throw(DataLossError, /model\.ckpt\.data-00000-of-00001: checksum mismatch for tensor 'Variable_1'/);
      fs.rmSync(`${prefix}.data-00000-of-00001`);
      expect(() => TfBundleReader.open(prefix)).to.throw(DataLossError, /names 1 data shard\(s\) but .*model\.ckpt\.data-00000-of-00001 does not exist/);
    });

    it('refuses an unsupported dtype and partitioned slices by name', () => {
      const dir = tmpDir();
      const prefix = path.join(dir, 'ckpt');
      writeTfBundle(prefix, new Map([['v', NDArray.from([1, 2], 'float32')]]));
      // Rewrite the entry by hand: DT_COMPLEX64 (no tensorgraph dtype), then slices.
      const { create, toBinary } = require('@bufbuild/protobuf');
      const pb = require('../lib/proto/tensorflow/core/protobuf/tensor_bundle_pb');
      const table = readTable(fs.readFileSync(`${prefix}.index`), 'f');
      const rewrite = (fields: object) => {
        const entry = create(pb.BundleEntryProtoSchema, { ...fields });
        fs.writeFileSync(`${prefix}.index`, writeTable([table[0], [enc('v'), toBinary(pb.BundleEntryProtoSchema, entry)]]));
      };
      rewrite({ dtype: DataType.DT_COMPLEX64, shape: { dim: [{ size: 1n }] }, size: 8n });
      expect(() => TfBundleReader.open(prefix).read('v')).to.throw(UnimplementedError, /tensor 'v' in checkpoint .* has dtype complex64 \(DT_COMPLEX64\)/);
      rewrite({ dtype: DataType.DT_FLOAT, shape: { dim: [{ size: 2n }] }, size: 8n, slices: [{ extent: [{}] }] });
      expect(() => TfBundleReader.open(prefix).read('v')).to.throw(UnimplementedError, /tensor 'v' .* partitioned slices/);
    });
  });

  describe('string tensors', () => {
    /** A one-tensor bundle with DT_STRING ["abc", "", "de"] laid out as TF's BundleWriter does. */
    function writeStringBundle(prefix: string, corrupt?: (data: Uint8Array) => void): void {
      const { create, toBinary } = require('@bufbuild/protobuf');
      const pb = require('../lib/proto/tensorflow/core/protobuf/tensor_bundle_pb');
      const lengths = [3, 0, 2];
      const asUint64 = new Uint8Array(24);
      lengths.forEach((n, i) => { asUint64[8 * i] = n; });
      const lengthCrc = maskCrc(crc32c(asUint64));
      const lengthCrcBytes = new Uint8Array(new Uint32Array([lengthCrc]).buffer);
      const data = Uint8Array.from([3, 0, 2, ...lengthCrcBytes, ...enc('abc'), ...enc('de')]);
      const entryCrc = maskCrc(crc32c(Uint8Array.from([...asUint64, ...lengthCrcBytes, ...enc('abcde')])));
      corrupt?.(data);
      fs.writeFileSync(`${prefix}.data-00000-of-00001`, data);
      const header = toBinary(pb.BundleHeaderProtoSchema, create(pb.BundleHeaderProtoSchema, { numShards: 1 }));
      const entry = toBinary(pb.BundleEntryProtoSchema, create(pb.BundleEntryProtoSchema, {
        dtype: DataType.DT_STRING, shape: { dim: [{ size: 3n }] }, size: BigInt(data.length), crc32c: entryCrc,
      }));
      fs.writeFileSync(`${prefix}.index`, writeTable([[new Uint8Array(0), header], [enc('names'), entry]]));
    }

    it('reads the elements\' bytes; a graph read is an UnimplementedError naming the tensor', () => {
      const prefix = path.join(tmpDir(), 'strings');
      writeStringBundle(prefix);
      const r = TfBundleReader.open(prefix);
      const t = r.readStrings('names');
      expect(t.shape).to.deep.equal([3]);
      expect(t.values.map(dec)).to.deep.equal(['abc', '', 'de']);
      expect(() => r.read('names')).to.throw(UnimplementedError, /tensor 'names' .* has dtype string \(DT_STRING\)/);
    });

    it('a corrupt length or byte is a DataLossError', () => {
      const prefix = path.join(tmpDir(), 'strings');
      writeStringBundle(prefix, (d) => { d[0] = 4; });
      expect(() => TfBundleReader.open(prefix).readStrings('names')).to.throw(DataLossError, /length checksum mismatch for string tensor 'names'/);
      writeStringBundle(prefix, (d) => { d[d.length - 1] ^= 1; });
      expect(() => TfBundleReader.open(prefix).readStrings('names')).to.throw(DataLossError, /checksum mismatch for tensor 'names'/);
      writeStringBundle(prefix, (d) => { d[0] = 0xff; });
      expect(() => TfBundleReader.open(prefix).readStrings('names')).to.throw(DataLossError);
    });
  });

  describe('writer', () => {
    it('round-trips float32, int32, int64, bool and uint8 tensors in TF\'s file layout', () => {
      const prefix = path.join(tmpDir(), 'model.ckpt-7');
      const tensors = new Map<string, NDArray>([
        ['w', NDArray.from([[1.5, -2], [3, 4.25]], 'float32')],
        ['step', NDArray.scalar(7, 'int64')],
        ['big', NDArray.from([2 ** 53 - 1, -(2 ** 40)], 'int64')],
        ['ids', NDArray.from([1, -2, 3], 'int32')],
        ['mask', NDArray.from([true, false], 'bool')],
        ['pix', NDArray.from([0, 255], 'uint8')],
      ]);
      for (const compression of ['none', 'snappy'] as const) {
        writeTfBundle(prefix, tensors, { compression });
        expect(fs.existsSync(bundleDataPath(prefix, 0, 1))).to.equal(true);
        expect(path.basename(bundleDataPath(prefix, 0, 1))).to.equal('model.ckpt-7.data-00000-of-00001');
        const r = TfBundleReader.open(prefix);
        expect(r.names()).to.deep.equal(['big', 'ids', 'mask', 'pix', 'step', 'w']);
        for (const [name, value] of tensors) {
          const back = r.read(name);
          expect(back.dtype, name).to.equal(value.dtype);
          expect(back.shape, name).to.deep.equal(value.shape);
          expect([...back.data], name).to.deep.equal([...value.data]);
        }
      }
    });

    it('writes the MNIST checkpoint byte for byte as TF 1.3 did (index and data)', () => {
      const r = TfBundleReader.open(MNIST());
      const prefix = path.join(tmpDir(), 'model.ckpt');
      writeTfBundle(prefix, new Map(r.names().map((n) => [n, r.read(n)])));
      expect(Buffer.compare(fs.readFileSync(`${prefix}.data-00000-of-00001`), fs.readFileSync(`${MNIST()}.data-00000-of-00001`))).to.equal(0);
      expect([...fs.readFileSync(`${prefix}.index`)]).to.deep.equal([...fs.readFileSync(`${MNIST()}.index`)]);
    });
  });
});
