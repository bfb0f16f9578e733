/**
 * The MNIST notebook: softmax regression trained with sparse softmax cross-entropy on
 * the logits, saved as a SavedModel with a predict signature named 'model', loaded
 * back into a fresh graph and session, and asked for the digits of three image files
 * prepared as the notebook prepares them.
 *
 *   node dist/examples/mnist_saved_model.js [--data_dir MNIST_data] [--export_base models/mnist] [--steps 1000] [--seed N]
 *
 * The notebook writes ./models/mnist/1 and fails when it exists; here each run writes
 * the next free version, models/mnist/1, models/mnist/2, ... Prints the test accuracy
 * (0.9188 in the notebook on full MNIST, about 0.90 on the bundled digits) and the
 * predicted digits of examples/assets/5.jpg, 4.png and 2.png: [5 4 2].
 */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '../lib/index';
import { NDArray } from '../lib/framework/ndarray';
import { imageprepare } from '../lib/examples/image_prep';
import { runAsProgram, Progress, parseFlags } from './cli';

const { tag_constants } = tf.saved_model;
const saved_model_builder = tf.saved_model.builder;

export interface SavedModelExampleOptions {
  data_dir?: string;
  /** Versions are written under this directory: <export_base>/1, /2, ... */
  export_base?: string;
  steps?: number;
  seed?: number | null;
  /** The images to predict (default: the three drawn digits in examples/assets). */
  images?: string[];
  log?: (line: string) => void;
  quiet?: boolean;
}

export interface SavedModelExampleResult { accuracy: number; export_dir: string; predictions: number[]; seconds: number }

/** The directory holding this example's images, from examples/ or dist/examples/. */
function assetsDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'examples', 'assets');
}

/** The next unused numeric version directory under `base`. */
export function nextVersionDir(base: string): string {
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((d) => /^\d+$/.test(d)).map(Number) : [];
  return path.join(base, String(versions.length > 0 ? Math.max(...versions) + 1 : 1));
}

function train(mnist: ReturnType<typeof tf.examples.tutorials.mnist.input_data.read_data_sets>, export_dir: string,
  steps: number, log: (line: string) => void): { accuracy: number; seconds: number } {
  return new tf.Graph().as_default(() => {
    // Create the model
    const x = tf.placeholder(tf.float32, [null, 784], 'x');
    const W = tf.Variable(tf.zeros([784, 10]));
    const b = tf.Variable(tf.zeros([10]));
    const y = tf.add(tf.matmul(x, W), b, 'model');

    // Define loss and optimizer
    const y_ = tf.placeholder(tf.int64, [null]);
    // The raw formulation of cross-entropy can be numerically unstable: as in the
    // notebook, use sparse_softmax_cross_entropy on the raw outputs of 'y'.
    const cross_entropy = tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits: y });
    const train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy);

    const init = tf.global_variables_initializer();
    const sess = tf.Session();
    sess.run(init);

    // Train
    const progress = new Progress(100);
    for (let i = 0; i < steps; i++) {
      const [batch_xs, batch_ys] = mnist.train.next_batch(100);
      sess.run(train_step, new Map<tf.Tensor, NDArray>([[x, batch_xs], [y_, batch_ys]]));
      if ((i + 1) % 100 === 0 || i + 1 === steps) log(`step ${i + 1}/${steps}: ${progress.summary(i + 1)}`);
    }
    const seconds = progress.seconds;

    // Test trained model
    const correct_prediction = tf.equal(tf.argmax(y, 1), y_);
    const accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32));
    const result = sess.run(accuracy, new Map<tf.Tensor, NDArray>([[x, mnist.test.images], [y_, mnist.test.labels]])) as number;
    log(tf.numpy_like.str(result)); // print(sess.run(accuracy, ...)): a float32 as NumPy prints it

    // Save the model
    const builder = new saved_model_builder.SavedModelBuilder(export_dir);
    builder.add_meta_graph_and_variables(sess, [tag_constants.SERVING], {
      signature_def_map: {
        model: tf.saved_model.signature_def_utils.predict_signature_def({ x }, { y }),
      },
    });
    builder.add_meta_graph([tag_constants.SERVING], { strip_default_attrs: true });
    builder.save();
    log('Model saved');
    sess.close();
    return { accuracy: result, seconds };
  });
}

export function main(options: SavedModelExampleOptions = {}): SavedModelExampleResult {
  const log = options.quiet ? () => {} : options.log ?? ((line: string) => console.log(line));
  const { input_data } = tf.examples.tutorials.mnist;
  const mnist = input_data.read_data_sets(options.data_dir ?? 'MNIST_data', { seed: options.seed, verbose: !options.quiet && !options.log });
  const export_dir = nextVersionDir(options.export_base ?? path.join('models', 'mnist'));
  const { accuracy, seconds } = train(mnist, export_dir, options.steps ?? 1000, log);

  // Use the model: convert the images, then load the SavedModel into a fresh graph.
  const [file1, file2, file3] = options.images ?? ['5.jpg', '4.png', '2.png'].map((f) => path.join(assetsDir(), f));
  const x1 = imageprepare(file1); // 28*28
  const x2 = imageprepare(file2); // screenshot
  const x3 = imageprepare(file3); // file path here
  log(String(x3.length)); // mnist IMAGES are 28x28=784 pixels

  const predictions = new tf.Session({ graph: new tf.Graph() }).with((sess) => {
    tf.saved_model.loader.load(sess, [tag_constants.SERVING], export_dir);
    const graph = tf.get_default_graph();
    const x = graph.get_tensor_by_name('x:0');
    const y = graph.get_tensor_by_name('model:0');
    const result = tf.argmax(tf.nn.softmax(y), 1);
    const predicted = sess.run(result, new Map([[x, [x1, x2, x3]]])) as NDArray;
    log(predicted.toString());
    log('done');
    return Array.from(predicted.data);
  });
  return { accuracy, export_dir, predictions, seconds };
}

if (require.main === module) {
  runAsProgram(() => {
    const usage = 'mnist_saved_model [--data_dir MNIST_data] [--export_base models/mnist] [--steps 1000] [--seed N]';
    const flags = parseFlags(process.argv.slice(2), { data_dir: 'MNIST_data', export_base: path.join('models', 'mnist'), steps: 1000, seed: null }, usage);
    main({ data_dir: flags.data_dir as string, export_base: flags.export_base as string, steps: flags.steps as number, seed: flags.seed as number | null });
  });
}
