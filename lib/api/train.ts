import * as optimizers from '../train/optimizers';
import * as saver from '../saved_model/saver';

/** The tf.train namespace. */
export const train = { ...optimizers, ...saver };
