/* tf.metrics.recall: tp / (tp + fn), from streaming counts (variables recall/true_positives/count, recall/false_negatives/count). */
import { false_negatives } from './counts';
import { ratioMetric } from './ratio';

/** tf.metrics.recall(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None) */
export const recall = ratioMetric('recall', false_negatives);
