/** The tf.summary namespace (TF1). */
export { scalar, histogram, image, audio, text, tensor_summary, merge, merge_all } from './summary_ops';
export { FileWriter, FileWriterCache } from './file_writer';
export { summary_iterator } from './summary_iterator';
export { clean_tag } from './summary_scope';
