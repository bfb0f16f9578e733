import { expect } from 'chai';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { probeGl } from '../lib/gpu/index';
import { captureStderr } from './helpers/capture_stderr';

/** Runs build's fetch in a fresh graph and session (feeds by tensor name). */
function run(build: () => tf.Tensor, feeds: Record<string, unknown> = {}, device = 'cpu'): any {
  const g = tf.Graph();
  const fetch = g.as_default(build);
  const sess = tf.Session({ graph: g, config: { device } });
  try { return sess.run(fetch, feeds); } finally { sess.close(); }
}
/** as_string of one value as a Const of `dtype`, in its own graph. */
const asString = (value: number, opts: Record<string, unknown> = {}, dtype: tf.DType = tf.float32) =>
  run(() => tf.as_string(tf.constant(value, dtype), opts));

describe('string tensors: tf.constant, feeds, tf.as_string, tf.string_join, tf.decode_raw', () => {
  it("helloworld: tf.constant('Hello, TensorFlow!') is a string Const, fetched as a JS string", () => {
    const g = tf.Graph();
    const hello = g.as_default(() => tf.constant('Hello, TensorFlow!'));
    expect(hello.dtype).to.equal('string');
    expect(hello.shape!.as_list()).to.deep.equal([]);
    const sess = tf.Session({ graph: g });
    expect(sess.run(hello)).to.equal('Hello, TensorFlow!');
    expect((run(() => tf.constant([['a', 'b']])) as NDArray).tolist()).to.deep.equal([['a', 'b']]);
  });

  it('string placeholders take JS strings and Uint8Array bytes (UTF-8), scalars and arrays', () => {
    const bytes = new Uint8Array([0x68, 0xc3, 0xa9]); // "hé"
    expect(run(() => tf.identity(tf.placeholder(tf.string, [], 'p')), { 'p:0': bytes })).to.equal('hé');
    const fetched = run(() => tf.identity(tf.placeholder(tf.string, [null], 'p')), { 'p:0': ['x', new Uint8Array([0xff, 0])] }) as NDArray;
    expect(fetched.stringAt(0)).to.equal('x');
    expect([...fetched.strings![1]]).to.deep.equal([0xff, 0]); // arbitrary bytes kept, not re-encoded
  });

  it('as_string formats as printf: %f by default, precision, scientific (%e), shortest (%g), width and fill', () => {
    expect(asString(3.14159)).to.equal('3.141590');
    expect(asString(3.14159, { precision: 2 })).to.equal('3.14');
    expect(asString(3.14159, { scientific: true })).to.equal('3.141590e+00');
    expect(asString(0.000123, { scientific: true, precision: 1 })).to.equal('1.2e-04');
    expect(asString(3.14159, { shortest: true })).to.equal('3.14159');
    expect(asString(1e-5, { shortest: true }, tf.float64)).to.equal('1e-05');
    // float32 holds 123456792; %g keeps 6 significant digits.
    expect(asString(123456789, { shortest: true })).to.equal('1.23457e+08');
    expect(asString(100, { shortest: true }, tf.float64)).to.equal('100');
    expect(asString(42, { width: 8, fill: '0' }, tf.int32)).to.equal('00000042');
    expect(asString(-3, { width: 5 }, tf.int64)).to.equal('   -3');
    expect(asString(-3, { width: 5, fill: '0' }, tf.int32)).to.equal('-0003');
    expect(asString(1.5, { width: 7, precision: 1, fill: '-' })).to.equal('1.5    ');
    expect((run(() => tf.as_string(tf.constant([true, false]))) as NDArray).tolist()).to.deep.equal(['true', 'false']);
    expect((run(() => tf.as_string(tf.constant([Infinity, -Infinity, NaN, -0]))) as NDArray).tolist())
      .to.deep.equal(['inf', '-inf', 'nan', '-0.000000']);
  });

  it('as_string rounds exact ties to even as printf does (JS toFixed rounds them up)', () => {
    expect(asString(2.5, { precision: 0 })).to.equal('2');
    expect(asString(3.5, { precision: 0 })).to.equal('4');
    expect(asString(0.125, { precision: 2 })).to.equal('0.12');
    expect(asString(0.375, { precision: 2 })).to.equal('0.38');
    expect(asString(2.5, { precision: 0, scientific: true })).to.equal('2e+00');
    expect(asString(0.1, { precision: 1 })).to.equal('0.1'); // 0.1f is a little above 0.1: no tie
  });

  it("as_string refuses TF's attr combinations with InvalidArgumentError", () => {
    expect(() => asString(1.5, { scientific: true, shortest: true }))
      .to.throw(tf.errors.InvalidArgumentError, 'Cannot select both scientific and shortest notation');
    expect(() => asString(1, { precision: 2 }, tf.int32))
      .to.throw(tf.errors.InvalidArgumentError, 'precision not supported for datatype int32');
    expect(() => asString(1, { scientific: true }, tf.int32))
      .to.throw(tf.errors.InvalidArgumentError, 'scientific and shortest format not supported for datatype int32');
    expect(() => asString(1.5, { width: 4, fill: 'ab' }))
      .to.throw(tf.errors.InvalidArgumentError, 'Fill string must be one or fewer characters');
    expect(() => (tf.as_string as any)(tf.constant(1.5), { fill_char: '0' })).to.throw(TypeError, "as_string() got an unexpected keyword argument 'fill_char'");
  });

  it('string_join: tensors, JS strings and scalars broadcast, with a separator', () => {
    const joined = run(() => tf.string_join([tf.constant(['a', 'b']), 'x', tf.as_string(tf.constant([1, 2], tf.int32))], { separator: '_' }));
    expect((joined as NDArray).tolist()).to.deep.equal(['a_x_1', 'b_x_2']);
    expect(run(() => tf.string_join(['ab', 'cd'], {}))).to.equal('abcd');
  });

  it('decode_raw: little-endian by default, big-endian on request, shape input + [n]; ragged and odd lengths are errors', () => {
    const le = new Uint8Array(new Float32Array([1.5, -2]).buffer);
    const decoded = run(() => tf.decode_raw(tf.placeholder(tf.string, [1], 'b'), tf.float32), { 'b:0': [le] }) as NDArray;
    expect(decoded.dtype).to.equal('float32');
    expect(decoded.shape).to.deep.equal([1, 2]);
    expect([...decoded.data]).to.deep.equal([1.5, -2]);
    const be = run(() => tf.decode_raw(tf.placeholder(tf.string, [2], 'b'), tf.int16, { little_endian: false }),
      { 'b:0': [new Uint8Array([0x01, 0x02]), new Uint8Array([0xff, 0xfe])] }) as NDArray;
    expect(be.shape).to.deep.equal([2, 1]);
    expect([...be.data]).to.deep.equal([0x0102, -2]);
    const int64 = run(() => tf.decode_raw(tf.placeholder(tf.string, [], 'b'), tf.int64), { 'b:0': new Uint8Array([5, 0, 0, 0, 0, 0, 0, 0]) }) as NDArray;
    expect([...int64.data]).to.deep.equal([5]);
    const half = run(() => tf.decode_raw(tf.placeholder(tf.string, [], 'b'), tf.float16), { 'b:0': new Uint8Array([0x00, 0x3c, 0x00, 0xc0]) }) as NDArray;
    expect([...half.data]).to.deep.equal([1, -2]);
    expect(tf.Graph().as_default(() => tf.decode_raw(tf.placeholder(tf.string, [3]), tf.uint8).shape!.as_list())).to.deep.equal([3, null]);
    expect(() => run(() => tf.decode_raw(tf.placeholder(tf.string, [], 'b'), tf.float32), { 'b:0': new Uint8Array(3) }))
      .to.throw(tf.errors.InvalidArgumentError, 'Input to DecodeRaw has length 3 that is not a multiple of 4, the size of float');
    expect(() => run(() => tf.decode_raw(tf.placeholder(tf.string, [2], 'b'), tf.uint8), { 'b:0': ['ab', 'abc'] }))
      .to.throw(tf.errors.InvalidArgumentError, 'DecodeRaw requires input strings to all be the same size, but element 1 has size 3 != 2');
  });

  it('the gpu backend runs string ops on the host without a warning', () => {
    const device = probeGl() ? 'gpu' : 'gpu-webasm';
    const { result, text } = captureStderr(() => run(() => tf.string_join([tf.as_string(tf.placeholder(tf.float32, [2], 'x').mul(2), { precision: 1 }),
      tf.constant('!')]), { 'x:0': [1, 2] }, device));
    expect((result as NDArray).tolist()).to.deep.equal(['2.0!', '4.0!']);
    expect(text).to.not.include('runs on the CPU');
  });
});
