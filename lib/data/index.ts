/** tf.data: input pipelines (docs/data.md). */
export { Dataset, TFRecordDataset, TextLineDataset } from './dataset';
export { Iterator } from './iterator';
