/* tf.metrics: streaming metrics whose state lives in local variables (TF1's tf.metrics). */
export { accuracy } from './accuracy';
export { mean } from './mean';
export { precision } from './precision';
export { recall } from './recall';
export { auc } from './auc';
export { true_positives, false_positives, false_negatives } from './counts';
