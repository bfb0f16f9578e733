import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fromBinary } from '@bufbuild/protobuf';
import * as tf from '../lib/index';
import { prepareMnist } from '../tools/prepare_mnist';
import * as mnist_with_summaries from '../examples/mnist_with_summaries';
import { GraphDefSchema } from '../lib/proto/tensorflow/core/framework/graph_pb';
import { eventFilesByRun, readScalarSeries } from '../lib/summary/scalar_series';
import { main as summaryCli } from '../tools/summary_cli';
import { niceTicks } from '../tools/summary_chart';

describe('examples/mnist_with_summaries and tensorgraph-summary', function () {
  this.timeout(120000);
  let dir: string;
  let logDir: string;
  let result: mnist_with_summaries.WithSummariesResult;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-summaries-'));
    prepareMnist(path.join(dir, 'MNIST_data'), { log: () => {} });
    logDir = path.join(dir, 'logs');
    const lines: string[] = [];
    result = mnist_with_summaries.main({ data_dir: path.join(dir, 'MNIST_data'), log_dir: logDir, max_steps: 21, seed: 1, test_images: 200, log: (l) => lines.push(l) });
    expect(lines).to.deep.equal(['Accuracy at step 0: ' + tf.numpy_like.str(result.accuracies[0][1]),
      'Accuracy at step 10: ' + tf.numpy_like.str(result.accuracies[1][1]), 'Accuracy at step 20: ' + tf.numpy_like.str(result.accuracies[2][1])]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes train/ and test/ event files with TF1's tags, the graph, images, histograms and run-metadata-free steps", () => {
    const runs = eventFilesByRun(logDir);
    expect([...runs.keys()]).to.deep.equal(['test', 'train']);
    const train = [...tf.train.summary_iterator(runs.get('train')![0])];
    const test = [...tf.train.summary_iterator(runs.get('test')![0])];
    expect(train[0].what.value).to.equal('brain.Event:2');
    const graph = fromBinary(GraphDefSchema, train[1].what.value as Uint8Array);
    const names = graph.node.map((n) => n.name);
    expect(names).to.include.members(['input/x-input', 'layer1/weights/Variable', 'layer1/Wx_plus_b/pre_activations', 'dropout/dropout_keep_probability', 'accuracy_1']);
    const trainSummaries = train.filter((e) => e.what.case === 'summary');
    expect(trainSummaries.map((e) => Number(e.step))).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(test.filter((e) => e.what.case === 'summary').map((e) => Number(e.step))).to.deep.equal([0, 10, 20]);
    const tags = (trainSummaries[0].what.value as any).value.map((v: any) => v.tag);
    // Case-insensitive unique names, as TF1: the scalar 'mean' meets the op 'Mean', 'accuracy' its own name scope.
    expect(tags).to.include.members(['input_reshape/input/image/0', 'input_reshape/input/image/9', 'layer1/weights/summaries/mean_1',
      'layer1/weights/summaries/stddev_1', 'layer1/weights/summaries/histogram', 'layer1/Wx_plus_b/pre_activations', 'layer1/activations',
      'dropout/dropout_keep_probability', 'layer2/activations', 'cross_entropy_1', 'accuracy_1']);
    const testAccuracy = readScalarSeries(logDir, ['accuracy_1']).find((s) => s.run === 'test')!;
    expect(testAccuracy.points.map((p) => [p.step, p.value])).to.deep.equal(result.accuracies.map(([s, a]) => [s, Math.fround(a)]));
    expect(result.accuracies[2][1]).to.be.greaterThan(0.5); // 20 Adam steps learn well above chance (0.1)
  });

  it('tensorgraph-summary prints each tag as a table and draws an SVG line chart', () => {
    const out: string[] = [];
    const svg = path.join(dir, 'acc.svg');
    expect(summaryCli([logDir, '--tag', 'accuracy_1', '--svg', svg], (s) => out.push(s), () => {})).to.equal(0);
    const text = out.join('');
    expect(text).to.include('run test  tag accuracy_1  (3 points)');
    expect(text).to.include('run train  tag accuracy_1  (18 points)');
    expect(text).to.match(/\n {9}0 {2}0\.\d+\n {8}10 {2}0\.\d+\n {8}20 {2}0\.\d+\n/);
    const chart = fs.readFileSync(svg, 'utf8');
    expect(chart.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true);
    const polylines = [...chart.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1].split(' ').length);
    expect(polylines).to.deep.equal([3, 18]);
    expect(chart).to.include('>test: accuracy_1<').and.include('>train: accuracy_1<');
    const errors: string[] = [];
    expect(summaryCli([logDir, '--tag', 'nope'], () => {}, (s) => errors.push(s))).to.equal(1);
    expect(errors.join('')).to.include('no scalar summaries tagged nope');
    expect(summaryCli([], () => {}, () => {})).to.equal(2);
  });

  it('chart ticks are round numbers covering the data', () => {
    expect(niceTicks(0.11, 0.93)).to.deep.equal([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 190)).to.deep.equal([0, 50, 100, 150, 200]);
  });
});
