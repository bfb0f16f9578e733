/** tf.data: input pipelines (docs/data.md). */
export { Dataset } from './dataset';
export { Iterator } from './iterator';
