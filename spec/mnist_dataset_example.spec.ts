import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareMnist } from '../tools/prepare_mnist';
import * as mnist_dataset from '../examples/mnist_dataset';

describe('examples/mnist_dataset: softmax regression fed by tf.data', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnist-dataset-'));
    prepareMnist(path.join(dir, 'MNIST_data'), { log: () => {} });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('1,000 steps of shuffled batches reach the softmax tutorial\'s ~0.89 on the test set (read through the test iterator)', () => {
    const lines: string[] = [];
    const result = mnist_dataset.main({ data_dir: path.join(dir, 'MNIST_data'), seed: 1, log: (l) => lines.push(l) });
    expect(result.steps).to.equal(1000);
    expect(result.accuracy).to.be.within(0.87, 0.91);
    expect(lines[lines.length - 1]).to.match(/^0\.8\d+$/);
  });

  it('the graph seed makes the shuffled order, and so the accuracy, reproducible', () => {
    const run = () => mnist_dataset.main({ data_dir: path.join(dir, 'MNIST_data'), seed: 5, steps: 100, quiet: true }).accuracy;
    expect(run()).to.equal(run());
  });
});
