/** tf.python_io: TFRecord files (lib/io/tf_record_io.ts). */
export { TFRecordWriter, TFRecordOptions, TFRecordCompressionType, tf_record_iterator } from '../io/tf_record_io';
