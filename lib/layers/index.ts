/** The tf.layers namespace: the functional forms and the Layer classes. */
export { Layer } from './base';
export { Dense, dense } from './dense';
export { Conv2D, conv2d } from './conv2d';
export { MaxPooling2D, max_pooling2d } from './max_pooling2d';
export { AveragePooling2D, average_pooling2d } from './average_pooling2d';
export { Flatten, flatten } from './flatten';
export { Dropout, dropout } from './dropout';
export { BatchNormalization, batch_normalization } from './batch_normalization';
export { Conv2DTranspose, conv2d_transpose } from './conv2d_transpose';
