import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import * as tf from '../lib/index';
import { prepareMnist } from '../tools/prepare_mnist';

/**
 * Runs the TypeScript column of examples/README.md's "Porting from Python" table: every code
 * span before "*after #18:*" runs (over a fresh small graph, through a direct eval) without an error,
 * and a span followed by `: `output`` prints that output, one followed by ` (`value`)` has that
 * value. The table's lines are plain JavaScript as well as TypeScript, so they run as written.
 */

interface Span { code: string; expected?: string }
interface Row { python: string; spans: Span[] }

function readTable(): Row[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Porting from Python'));
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    const cells = /^\| (.*?) \| (.*) \|$/.exec(line);
    if (!cells || cells[1].startsWith('Python (TF1)') || cells[1] === '---' || cells[2].trim() === '') continue;
    const today = cells[2].split('*after #18:*')[0];
    const spans: Span[] = [];
    const re = /``\s(.+?)\s``|`([^`]+)`/g;
    let last = 0;
    for (let m = re.exec(today); m; m = re.exec(today)) {
      const code = m[1] ?? m[2];
      const between = today.slice(last, m.index);
      if (spans.length > 0 && (between === ': ' || between === ' (')) spans[spans.length - 1].expected = code;
      else spans.push({ code });
      last = m.index + m[0].length;
    }
    if (spans.length > 0) rows.push({ python: cells[1], spans });
  }
  return rows;
}

/** The names the table's lines use, on a fresh graph with its variables initialized. */
function fixtures(printed: string[]) {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 3], 'x');
    const y = tf.placeholder(tf.float32, [null, 3]);
    const y_ = tf.placeholder(tf.float32, [null, 3]);
    const W = tf.Variable(tf.ones([3, 2]));
    const b = tf.Variable(tf.zeros([2]));
    const logits = tf.matmul(x, W).add(b);
    const labels = tf.placeholder(tf.int64, [null]);
    const h = tf.nn.relu(x);
    const loss = tf.reduce_sum(logits);
    const acc = tf.reduce_mean(h);
    const train_step = tf.train.GradientDescentOptimizer(0.1).minimize(loss);
    const sess = tf.Session();
    sess.run(tf.global_variables_initializer());
    return {
      g, sess,
      context: {
        tf, sess, x, y, y_, W, b, h, logits, labels, loss, acc, train_step,
        c: tf.less(x, y),
        xs: tf.NDArray.from([[1, -2, 3]]),
        t: tf.constant([[1, 2.5]]),
        accuracy: tf.constant(0.8538206),
        step: tf.constant(100, tf.int64),
        i: 1, l: 0.25, n: 5,
        a: tf.NDArray.from([[1, 5, 3], [7, 2, 9]]),
        images: tf.NDArray.zeros([2, 784]),
        pred: tf.NDArray.from([[0.1, 0.9], [0.8, 0.2]]),
        label_ids: tf.NDArray.from([1, 1], 'int64'),
        mnist: tf.examples.tutorials.mnist.input_data.read_data_sets('', { fake_data: true, one_hot: true }),
        console: { log: (...args: unknown[]) => printed.push(util.format(...args)) },
      },
    };
  });
}

/** Evaluates a line with the fixtures in scope and returns its completion value (its last expression's value). */
function evaluate(code: string, context: Record<string, unknown>): unknown {
  const run = new Function(...Object.keys(context), '__line', 'return eval(__line);');
  return run(...Object.values(context), code);
}

/** NDArrays compare by repr (values, shape and dtype), anything else deeply. */
function expectSame(actual: unknown, expected: unknown, what: string): void {
  if (actual instanceof tf.NDArray || expected instanceof tf.NDArray) {
    expect(actual instanceof tf.NDArray ? actual.repr() : actual, what)
      .to.equal(expected instanceof tf.NDArray ? expected.repr() : expected);
  } else {
    expect(actual, what).to.deep.equal(expected);
  }
}

describe('examples/README.md: the "Porting from Python" table runs as written', function () {
  this.timeout(60000);
  const rows = readTable();
  let dir: string;
  const cwd = process.cwd();
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-porting-'));
    prepareMnist(path.join(dir, 'MNIST_data'), { log: () => {} }); // for read_data_sets('MNIST_data', ...)
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => process.chdir(dir));
  afterEach(() => process.chdir(cwd));

  it('has rows for operators, feeds, keyword arguments, printing, shapes, NumPy idioms and data', () => {
    expect(rows.length).to.be.greaterThan(35);
    for (const section of ['Operators', 'Feeds', 'Keyword arguments', 'Printing', 'Shapes', 'NumPy idioms', 'Data']) {
      expect(fs.readFileSync(path.join(cwd, 'examples', 'README.md'), 'utf8')).to.contain(`| **${section}**`);
    }
  });

  for (const row of readTable()) {
    it(`${row.python} -> ${row.spans.map((s) => s.code).join(' / ')}`, () => {
      for (const span of row.spans) {
        const printed: string[] = [];
        const { g, sess, context } = fixtures(printed);
        const value = g.as_default(() => sess.as_default(() => evaluate(span.code, context)));
        sess.close();
        if (typeof value === 'number') expect(value, span.code).to.not.be.NaN;
        if (span.expected === undefined) continue;
        if (printed.length > 0) {
          expect(printed.join('\n'), span.code).to.equal(span.expected);
        } else {
          expectSame(value, evaluate(span.expected, { tf }), span.code);
        }
      }
    });
  }

  it('fails a row that does not run (the runner is not vacuous)', () => {
    const { g, sess, context } = fixtures([]);
    expect(() => g.as_default(() => evaluate('sess.run(h, {[x.name]: "not a number"})', context)))
      .to.throw();
    sess.close();
  });
});
