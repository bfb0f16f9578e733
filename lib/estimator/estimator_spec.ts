/** tf.estimator.EstimatorSpec: what model_fn returns, checked as TF1 checks it for the mode. */
import { Tensor } from '../framework/tensor';
import { Operation } from '../framework/operation';
import { ValueError } from '../framework/errors';
import { callable } from '../framework/callable';
import { bindArgs } from '../framework/python_args';
import { SessionRunHook } from '../train/hooks';
import { ModeKeys, Mode } from './mode_keys';
import { ExportOutput } from './export_output';

type TensorOrOp = Tensor | Operation;
/** One metric: [value tensor, update op], as tf.metrics.* return them. */
export type MetricPair = [Tensor, TensorOrOp];

export interface EstimatorSpecFields {
  mode: Mode;
  predictions?: Tensor | Record<string, Tensor> | null;
  loss?: Tensor | null;
  train_op?: TensorOrOp | null;
  eval_metric_ops?: Record<string, MetricPair> | null;
  export_outputs?: Record<string, ExportOutput> | null;
  training_chief_hooks?: SessionRunHook[] | null;
  training_hooks?: SessionRunHook[] | null;
  scaffold?: { saver?: unknown } | null;
  evaluation_hooks?: SessionRunHook[] | null;
  prediction_hooks?: SessionRunHook[] | null;
}

const PARAMS: (keyof EstimatorSpecFields)[] = ['mode', 'predictions', 'loss', 'train_op', 'eval_metric_ops', 'export_outputs',
  'training_chief_hooks', 'training_hooks', 'scaffold', 'evaluation_hooks', 'prediction_hooks'];

const asTensor = (t: unknown): unknown =>
  t && typeof t === 'object' && typeof (t as { _asTensor?: unknown })._asTensor === 'function' ? (t as { _asTensor(): Tensor })._asTensor() : t;

export class EstimatorSpecImpl {
  readonly mode: Mode;
  readonly predictions: Tensor | Record<string, Tensor>;
  readonly loss: Tensor | null;
  readonly train_op: TensorOrOp | null;
  readonly eval_metric_ops: Record<string, MetricPair>;
  readonly export_outputs: Record<string, ExportOutput> | null;
  readonly training_chief_hooks: SessionRunHook[];
  readonly training_hooks: SessionRunHook[];
  readonly scaffold: { saver?: unknown } | null;
  readonly evaluation_hooks: SessionRunHook[];
  readonly prediction_hooks: SessionRunHook[];

  /** EstimatorSpec(mode, predictions=None, loss=None, train_op=None, eval_metric_ops=None, export_outputs=None, ...). */
  constructor(...args: unknown[]) {
    const a = bindArgs<EstimatorSpecFields>('EstimatorSpec', args, PARAMS, {}, 1);
    if (!Object.values(ModeKeys).includes(a.mode)) throw new ValueError(`Invalid mode: ${String(a.mode)}`);
    this.mode = a.mode;
    const loss = asTensor(a.loss ?? null) as Tensor | null;
    if (loss === null && (a.mode === ModeKeys.TRAIN || a.mode === ModeKeys.EVAL)) throw new ValueError('Missing loss.');
    if (loss !== null) {
      if (!(loss instanceof Tensor)) throw new TypeError(`loss must be Tensor, given: ${String(loss)}`);
      const dims = loss.shape;
      if (dims !== null && dims.every((d) => d !== null) && dims.reduce((n: number, d) => n * (d as number), 1) !== 1) {
        throw new ValueError(`Loss must be scalar, given: ${loss}`);
      }
    }
    this.loss = loss;
    const trainOp = asTensor(a.train_op ?? null) as TensorOrOp | null;
    if (trainOp === null && a.mode === ModeKeys.TRAIN) throw new ValueError('Missing train_op.');
    if (trainOp !== null && !(trainOp instanceof Tensor) && !(trainOp instanceof Operation)) {
      throw new TypeError(`train_op must be Operation or Tensor, given: ${String(trainOp)}`);
    }
    this.train_op = trainOp;
    if ((a.predictions === undefined || a.predictions === null) && a.mode === ModeKeys.PREDICT) throw new ValueError('Missing predictions.');
    this.predictions = checkPredictions(a.predictions ?? {});
    this.eval_metric_ops = checkMetrics(a.eval_metric_ops ?? {});
    this.export_outputs = a.export_outputs ?? null;
    this.training_chief_hooks = checkHooks(a.training_chief_hooks);
    this.training_hooks = checkHooks(a.training_hooks);
    this.evaluation_hooks = checkHooks(a.evaluation_hooks);
    this.prediction_hooks = checkHooks(a.prediction_hooks);
    this.scaffold = a.scaffold ?? null;
  }
}
export const EstimatorSpec = callable(EstimatorSpecImpl);
export type EstimatorSpec = EstimatorSpecImpl;

function checkPredictions(p: unknown): Tensor | Record<string, Tensor> {
  const one = asTensor(p);
  if (one instanceof Tensor) return one;
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new TypeError(`predictions must be Tensor or dict of Tensor, given: ${String(p)}`);
  const out: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(p)) {
    const t = asTensor(v);
    if (!(t instanceof Tensor)) throw new TypeError(`predictions[${k}] must be Tensor, given: ${String(v)}`);
    out[k] = t;
  }
  return out;
}

function checkMetrics(m: unknown): Record<string, MetricPair> {
  if (!m || typeof m !== 'object' || Array.isArray(m)) throw new TypeError(`eval_metric_ops must be a dict, given: ${String(m)}`);
  const out: Record<string, MetricPair> = {};
  for (const [k, v] of Object.entries(m)) {
    if (!Array.isArray(v) || v.length !== 2) {
      throw new TypeError(`Values of eval_metric_ops must be (metric_value, update_op) tuples, given: ${String(v)} for key: ${k}`);
    }
    const [value, update] = [asTensor(v[0]), asTensor(v[1])];
    if (!(value instanceof Tensor) || !(update instanceof Tensor || update instanceof Operation)) {
      throw new TypeError(`Values of eval_metric_ops must be (metric_value, update_op) tuples, given: ${String(v)} for key: ${k}`);
    }
    out[k] = [value, update];
  }
  return out;
}

function checkHooks(hooks: unknown): SessionRunHook[] {
  const list = (hooks ?? []) as unknown[];
  for (const h of list) {
    if (!(h instanceof SessionRunHook)) throw new TypeError(`All hooks must be SessionRunHook instances, given: ${String(h)}`);
  }
  return [...list] as SessionRunHook[];
}
