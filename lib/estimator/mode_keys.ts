/** tf.estimator.ModeKeys: the mode an Estimator passes to model_fn. */
export const ModeKeys = Object.freeze({ TRAIN: 'train', EVAL: 'eval', PREDICT: 'infer' } as const);
export type Mode = (typeof ModeKeys)[keyof typeof ModeKeys];
