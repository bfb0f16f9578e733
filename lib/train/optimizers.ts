/* tf.train optimizers: GradientDescentOptimizer, MomentumOptimizer, AdamOptimizer, ... */
export {};
