import { expect } from 'chai';
import * as tf from '../lib/index';
import { percentFormat } from '../lib/framework/tf_logging';
import { captureStderr } from './helpers/capture_stderr';

describe('tf.logging', () => {
  let saved: number;
  beforeEach(() => { saved = tf.logging.get_verbosity(); });
  afterEach(() => { tf.logging.set_verbosity(saved); });

  it('has TF1 level numbers and starts at WARN', () => {
    expect([tf.logging.DEBUG, tf.logging.INFO, tf.logging.WARN, tf.logging.ERROR, tf.logging.FATAL]).to.deep.equal([10, 20, 30, 40, 50]);
    expect(saved).to.equal(tf.logging.WARN);
  });

  it('prints "LEVEL:tensorflow:msg" to stderr with %-style arguments, dropping lines below the verbosity', () => {
    tf.logging.set_verbosity(tf.logging.INFO);
    const { lines } = captureStderr(() => {
      tf.logging.debug('hidden %d', 1);
      tf.logging.info('step %d', 5);
      tf.logging.warn('careful: %s', 'x');
      tf.logging.warning('w');
      tf.logging.error('bad %.3f sec', 2.42551);
      tf.logging.fatal('the end');
      tf.logging.info('100%% done, no args');
    });
    expect(lines).to.deep.equal(['INFO:tensorflow:step 5', 'WARNING:tensorflow:careful: x', 'WARNING:tensorflow:w',
      'ERROR:tensorflow:bad 2.426 sec', 'CRITICAL:tensorflow:the end', 'INFO:tensorflow:100%% done, no args']);
    tf.logging.set_verbosity(tf.logging.ERROR);
    expect(captureStderr(() => { tf.logging.info('x'); tf.logging.warn('y'); }).lines).to.deep.equal([]);
  });

  it("formats as Python's % operator", () => {
    expect(percentFormat('%s = %s, step = %d', ['loss', 0.25, 7])).to.equal('loss = 0.25, step = 7');
    expect(percentFormat('%s: %g', ['global_step/sec', 41.23456789])).to.equal('global_step/sec: 41.2346');
    expect(percentFormat('%g %g %g', [1e-5, 1234567, 100])).to.equal('1e-05 1.23457e+06 100');
    expect(percentFormat('%5d|%-4s|%05.1f|%r|%s', [42, 'ab', 3.14159, 'q', null])).to.equal('   42|ab  |003.1|\'q\'|None');
    expect(percentFormat('%d%%', [50])).to.equal('50%');
    expect(() => percentFormat('%s %s', [1])).to.throw(TypeError, 'not enough arguments for format string');
    expect(() => percentFormat('%s', [1, 2])).to.throw(TypeError, 'not all arguments converted during string formatting');
  });

  it('reports a missing member as AttributeError', () => {
    expect(() => (tf.logging as unknown as Record<string, unknown>).vlog).to.throw(tf.errors.AttributeError, 'tf.logging.vlog');
  });
});
