import { expect } from 'chai';
import { frameRecord, parseRecordAt, parseRecords } from '../lib/io/tf_record_format';
import { crc32c, maskCrc } from '../lib/saved_model/crc32c';
import { DataLossError } from '../lib/framework/errors';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('TFRecord framing', () => {
  it('lays a record out as length, masked length CRC, data, masked data CRC', () => {
    const framed = frameRecord(bytes('abc'));
    expect(framed.length).to.equal(12 + 3 + 4);
    const view = new DataView(framed.buffer);
    expect(view.getUint32(0, true)).to.equal(3);
    expect(view.getUint32(4, true)).to.equal(0);
    expect(view.getUint32(8, true)).to.equal(maskCrc(crc32c(framed.subarray(0, 8))));
    expect(text(framed.subarray(12, 15))).to.equal('abc');
    expect(view.getUint32(15, true)).to.equal(maskCrc(crc32c(bytes('abc'))));
  });

  it('reads back several records, the empty one included', () => {
    const parts = ['first', '', 'third record'].map((s) => frameRecord(bytes(s)));
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { all.set(p, o); o += p.length; }
    expect([...parseRecords(all, 'f')].map(text)).to.deep.equal(['first', '', 'third record']);
  });

  it('names the file and offset of a flipped data byte', () => {
    const framed = frameRecord(bytes('payload'));
    framed[13] ^= 1;
    expect(() => [...parseRecords(framed, 'events.x')]).to.throw(DataLossError, /at 0 in events.x: data CRC mismatch/);
  });

  it('rejects a corrupt length before trusting it to size anything', () => {
    const framed = frameRecord(bytes('payload'));
    framed[5] = 0xff;
    expect(() => parseRecordAt(framed, 0, 'f')).to.throw(DataLossError, /length CRC mismatch/);
  });

  it('treats a partly written last record as the end when asked, else as data loss', () => {
    const framed = frameRecord(bytes('payload'));
    const cut = framed.subarray(0, framed.length - 2);
    expect([...parseRecords(cut, 'f', true)]).to.deep.equal([]);
    expect(() => [...parseRecords(cut, 'f')]).to.throw(DataLossError, /truncated record at 0 in f: 21 of 23 bytes/);
  });
});
