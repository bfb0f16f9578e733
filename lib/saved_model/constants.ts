/** tf.saved_model.signature_constants: TF1's keys and method names for serving signatures. */
export const signature_constants = Object.freeze({
  DEFAULT_SERVING_SIGNATURE_DEF_KEY: 'serving_default',
  PREDICT_METHOD_NAME: 'tensorflow/serving/predict',
  PREDICT_INPUTS: 'inputs',
  PREDICT_OUTPUTS: 'outputs',
  CLASSIFY_METHOD_NAME: 'tensorflow/serving/classify',
  CLASSIFY_INPUTS: 'inputs',
  CLASSIFY_OUTPUT_CLASSES: 'classes',
  CLASSIFY_OUTPUT_SCORES: 'scores',
  REGRESS_METHOD_NAME: 'tensorflow/serving/regress',
  REGRESS_INPUTS: 'inputs',
  REGRESS_OUTPUTS: 'outputs',
});

/** tf.saved_model.tag_constants: the tags TF1 gives meta graphs. */
export const tag_constants = Object.freeze({
  SERVING: 'serve',
  TRAINING: 'train',
  EVAL: 'eval',
  GPU: 'gpu',
  TPU: 'tpu',
});
