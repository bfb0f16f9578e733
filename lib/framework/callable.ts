/**
 * Lets TF1-style code call a class with or without `new` (`tf.Variable(0)`, `tf.train.AdamOptimizer(1e-4)`).
 * In framework, not with Session, so that defining Variables and optimizers loads no backend.
 */
export function callable<C extends new (...args: any[]) => any>(cls: C): C & ((...args: ConstructorParameters<C>) => InstanceType<C>) {
  return new Proxy(cls, { apply: (target, _this, args) => new target(...args) }) as any;
}
