/** The tf.logging namespace (lib/framework/tf_logging.ts). */
export {
  DEBUG, INFO, WARN, ERROR, FATAL, set_verbosity, get_verbosity, log, debug, info, warn, warning, error, fatal,
} from '../framework/tf_logging';
