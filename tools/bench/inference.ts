import { attempt, BenchOptions, Cell, log, medianMs, Row, timeMs } from './harness';
import { cnnWeights, mnistDigits, truncatedNormal } from './data';
import { cnnModel, softmaxInference } from './models_tensorgraph';
import { tfjsCnnModel, tfjsSoftmaxInference } from './models_tfjs';
import { loadTfjs, TfjsBackend } from './peers';

/**
 * Inference on the 10,000 digits: the softmax model in one run (as the tutorial's
 * accuracy check feeds the whole test set), the CNN in runs of 500 images (the whole
 * set at once would hold 1 GB of first-layer activations). Seconds for all 10,000.
 */
const CNN_BATCH = 500;

type Predict = (xs: Float32Array, batch: number) => unknown;

function softmaxSeconds(predict: Predict, runs: number): number {
  const data = mnistDigits();
  return medianMs(() => predict(data.images, data.count), runs, 1) / 1000;
}

/**
 * Seconds for `images` images in runs of CNN_BATCH, after one warm-up run, scaled to
 * all 10,000 when fewer. One pass: it is already 20 runs for the full set.
 */
function cnnSeconds(predict: Predict, images: number): number {
  const data = mnistDigits();
  const batch = (start: number) => predict(data.images.subarray(start * 784, (start + CNN_BATCH) * 784), CNN_BATCH);
  batch(0);
  const ms = timeMs(() => {
    for (let start = 0; start + CNN_BATCH <= images; start += CNN_BATCH) batch(start);
  });
  return (ms / 1000) * (data.count / images);
}

const softmaxWeights = () => ({ W: truncatedNormal(784 * 10, 0.1, 7), b: new Float32Array(10).fill(0.1) });

async function tfjsRun<T>(backend: TfjsBackend, body: (tf: Awaited<ReturnType<typeof loadTfjs>>) => T): Promise<T> {
  return body(await loadTfjs(backend));
}

export async function inferenceBenchmarks(options: BenchOptions): Promise<Row[]> {
  const data = mnistDigits();
  const runs = options.quick ? 2 : 5;
  // A subset keeps the slow cases in minutes; the figure is scaled to 10,000 and marked.
  const cnnImages = { tensorgraph: options.quick ? 2000 : data.count, wasm: options.quick ? 2000 : data.count,
    cpu: 500 };
  const scaledNote = (images: number) => (images < data.count ? `${images} images, scaled to ${data.count}` : undefined);
  const withNote = (cell: Cell, note?: string): Cell => (cell.value !== null && note ? { ...cell, note } : cell);

  log('softmax inference: tensorgraph');
  const { W, b } = softmaxWeights();
  const softmaxRow: Row = {
    name: `softmax model inference, ${data.count} images`, unit: 's', higherIsBetter: false,
    tensorgraph: await attempt(() => softmaxSeconds(softmaxInference(W, b), runs)),
    detail: 'one run over all images; median',
  };
  log('CNN inference: tensorgraph');
  const cnnRow: Row = {
    name: `CNN inference, ${data.count} images`, unit: 's', higherIsBetter: false,
    tensorgraph: withNote(await attempt(() => {
      const model = cnnModel(cnnWeights());
      try {
        return cnnSeconds(model.predict, cnnImages.tensorgraph);
      } finally {
        model.sess.close();
      }
    }), scaledNote(cnnImages.tensorgraph)),
    detail: `runs of ${CNN_BATCH} images, keep_prob 1, after one warm-up run`,
  };
  if (options.peers) {
    for (const backend of ['wasm', 'cpu'] as const) {
      const key = backend === 'wasm' ? 'tfjsWasm' : 'tfjsCpu';
      log(`softmax inference: tfjs-${backend}`);
      softmaxRow[key] = await attempt(() => tfjsRun(backend, (tf) => {
        const model = tfjsSoftmaxInference(tf, W, b);
        try { return softmaxSeconds(model.predict, backend === 'cpu' ? Math.min(runs, 3) : runs); } finally { model.dispose(); }
      }));
      log(`CNN inference: tfjs-${backend}`);
      const images = cnnImages[backend];
      cnnRow[key] = withNote(await attempt(() => tfjsRun(backend, (tf) => {
        const model = tfjsCnnModel(tf, cnnWeights());
        try { return cnnSeconds(model.predict, images); } finally { model.dispose(); }
      })), scaledNote(images));
    }
  }
  return [softmaxRow, cnnRow];
}
