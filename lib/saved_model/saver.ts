/* tf.train.Saver and tf.train.latest_checkpoint (lib/api/train.ts spreads these into tf.train). */
export { Saver, latest_checkpoint, checkpoint_exists, import_meta_graph } from './saver_impl';
export type { SaverOptions, SaveOptions } from './saver_impl';
export { get_checkpoint_state } from './checkpoint_state';
