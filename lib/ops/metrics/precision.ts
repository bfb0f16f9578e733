/* tf.metrics.precision: tp / (tp + fp), from streaming counts (variables precision/true_positives/count, precision/false_positives/count). */
import { false_positives } from './counts';
import { ratioMetric } from './ratio';

/** tf.metrics.precision(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None) */
export const precision = ratioMetric('precision', false_positives);
