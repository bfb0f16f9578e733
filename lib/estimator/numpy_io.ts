/** tf.estimator.inputs.numpy_input_fn: batches of host arrays fed to placeholders (see feeding.ts). */
import { get_default_graph } from '../framework/graph';
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { OutOfRangeError, ValueError } from '../framework/errors';
import { Xoshiro128 } from '../framework/random';
import { bindArgsBesideDict } from '../framework/python_args';
import { placeholder } from '../ops/array_ops';
import { addFeeder } from './feeding';

type ArrayLike = NDArray | ArrayLike[] | number[] | Float32Array | Int32Array;
type Features = Tensor | Record<string, Tensor>;

function toArray(v: unknown): NDArray {
  return v instanceof NDArray ? v : NDArray.from(v);
}

function isDict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof NDArray) && !ArrayBuffer.isView(v);
}

function toColumns(v: unknown, what: 'x' | 'y'): Map<string, NDArray> {
  if (isDict(v)) {
    if (Object.keys(v).length === 0) throw new ValueError(what === 'x' ? 'x cannot be an empty dict' : 'y cannot be empty dict, use None instead.');
    return new Map(Object.entries(v).map(([k, a]) => [k, toArray(a)]));
  }
  if (v instanceof NDArray || Array.isArray(v) || ArrayBuffer.isView(v)) return new Map([['', toArray(v)]]);
  throw new TypeError(`${what} must be a dict or array; got ${typeof v}`);
}

/**
 * numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None, queue_capacity=1000, num_threads=1):
 * returns an input_fn giving (features, labels): features a dict like x (or one tensor when x is one
 * array), labels likewise from y (absent when y is None). Examples stream epoch after epoch (a new
 * permutation per epoch when shuffling, seeded by the graph's tf_random_seed when it has one), cut into
 * batch_size batches across epoch boundaries; the last batch of the last epoch may be smaller.
 * num_epochs=None repeats forever. shuffle must be given (TF 1.x raises otherwise).
 * queue_capacity and num_threads have nothing to size here and are accepted.
 */
export function numpy_input_fn(...args: unknown[]): () => Features | [Features, Features] {
  // x is usually a dict: a lone dict is the keywords only when every key is a parameter name.
  const { x, y, batch_size, num_epochs, shuffle } = bindArgsBesideDict<{ x: ArrayLike | Record<string, ArrayLike>;
    y: ArrayLike | Record<string, ArrayLike> | null; batch_size: number; num_epochs: number | null; shuffle: boolean;
    queue_capacity: number; num_threads: number }>('numpy_input_fn', args,
    ['x', 'y', 'batch_size', 'num_epochs', 'shuffle', 'queue_capacity', 'num_threads'], 'x', 1);
  if (typeof shuffle !== 'boolean') {
    throw new ValueError(`shuffle must be provided and explicitly set as boolean (it is recommended to set it as True for training); got ${String(shuffle)}`);
  }
  const batchSize = batch_size ?? 128;
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ValueError(`batch_size must be a positive integer; got ${batchSize}`);
  const epochs = num_epochs === undefined ? 1 : num_epochs;
  if (epochs !== null && !(Number.isInteger(epochs) && epochs > 0)) throw new ValueError(`num_epochs must be None or a positive integer; got ${epochs}`);
  const xCols = toColumns(x, 'x');
  const yCols = y === undefined || y === null ? null : toColumns(y, 'y');
  const shared = yCols && isDict(x) && isDict(y) ? [...xCols.keys()].filter((k) => yCols.has(k)) : [];
  if (shared.length > 0) throw new ValueError(`${shared.length} duplicate keys are found in both x and y: ${JSON.stringify(shared)}`);
  const all = [...xCols.values(), ...(yCols ? yCols.values() : [])];
  const length = all[0].rank === 0 ? -1 : all[0].shape[0];
  if (all.some((a) => a.rank === 0 || a.shape[0] !== length)) {
    const shapes = (cols: Map<string, NDArray> | null) => JSON.stringify(cols ? [...cols.values()].map((a) => a.shape) : null);
    throw new ValueError('Length of tensors in x and y is mismatched. All elements in x and y must have the same length.\n' +
      `Shapes in x: ${shapes(xCols)}\nShapes in y: ${shapes(yCols)}\n`);
  }

  return function input_fn(): Features | [Features, Features] {
    const graph = get_default_graph();
    const holders = new Map<Tensor, NDArray>();
    const makeHolders = (cols: Map<string, NDArray>, scope: string): Features => {
      const out: Record<string, Tensor> = {};
      for (const [key, a] of cols) {
        const p = placeholder(a.dtype, [null, ...a.shape.slice(1)], `${scope}${key === '' ? '' : '_' + key.replace(/[^A-Za-z0-9_.\-/]/g, '_')}`);
        holders.set(p, a);
        out[key] = p;
      }
      return cols.has('') ? out[''] : out;
    };
    const features = graph.name_scope('numpy_input', () => makeHolders(xCols, 'features'));
    const labels = yCols ? graph.name_scope('numpy_input/', () => makeHolders(yCols, 'labels')) : null;
    const order = new ExampleOrder(length, epochs, shuffle, graph.seed);
    addFeeder(graph, {
      next() {
        const rows = order.nextBatch(batchSize);
        return new Map([...holders].map(([p, a]) => [p, gather(a, rows)]));
      },
    });
    return labels === null ? features : [features, labels];
  };
}

/** Which examples the next batch holds: epoch after epoch, each in order or a fresh permutation. */
class ExampleOrder {
  private epoch = 0;
  private position = 0;
  private order: Int32Array;
  private readonly rng: Xoshiro128 | null;

  constructor(private readonly n: number, private readonly epochs: number | null, shuffle: boolean, seed: number | null) {
    // A seeded graph gives the same order every run; otherwise each input_fn call draws its own.
    this.rng = shuffle ? new Xoshiro128(seed ?? (Math.random() * 2 ** 32) >>> 0, 0x6e70) : null;
    this.order = this.newEpochOrder();
  }

  nextBatch(size: number): number[] {
    const rows: number[] = [];
    while (rows.length < size) {
      if (this.position === this.n) {
        this.epoch += 1;
        this.position = 0;
        if (this.epochs !== null && this.epoch >= this.epochs) break;
        this.order = this.newEpochOrder();
      }
      if (this.epochs !== null && this.epoch >= this.epochs) break;
      if (this.n === 0) break;
      rows.push(this.order[this.position++]);
    }
    if (rows.length === 0) {
      throw new OutOfRangeError(`numpy_input_fn: the input has ended after ${this.epochs} epoch(s) (requested ${size}, current size 0)`);
    }
    return rows;
  }

  private newEpochOrder(): Int32Array {
    const order = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) order[i] = i;
    if (this.rng) {
      for (let i = this.n - 1; i > 0; i--) {
        const j = Math.floor(this.rng.uniform() * (i + 1));
        const t = order[i]; order[i] = order[j]; order[j] = t;
      }
    }
    return order;
  }
}

function gather(a: NDArray, rows: number[]): NDArray {
  const rowSize = a.size / a.shape[0];
  const data = new (a.data.constructor as new (n: number) => NDArray['data'])(rows.length * rowSize);
  rows.forEach((r, i) => data.set(a.data.subarray(r * rowSize, (r + 1) * rowSize) as never, i * rowSize));
  return new NDArray(data, [rows.length, ...a.shape.slice(1)], a.dtype);
}
