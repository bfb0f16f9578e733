import { ValueError } from '../framework/errors';

/** A plain `{...}` object: the keyword-arguments form. Tensors, Variables and arrays are not. */
export function isOptionsObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Binds arguments the way a Python signature does, so TF1 calls translate directly:
 * positional values in `names` order, optionally followed by one options object
 * with the same names (`AdamOptimizer(1e-4)`, `AdamOptimizer({learning_rate: 1e-4})`,
 * `MomentumOptimizer(0.1, 0.9, {use_nesterov: true})`). Unknown or doubly given
 * names are errors naming the function, as Python's TypeError is.
 */
export function bindArgs<T extends object>(fnName: string, args: readonly unknown[], names: (keyof T & string)[],
  defaults: Partial<T> = {}): T {
  const positional = args.slice();
  let keywords: Record<string, unknown> = {};
  if (positional.length > 0 && isOptionsObject(positional[positional.length - 1])) {
    keywords = positional.pop() as Record<string, unknown>;
  }
  if (positional.length > names.length) {
    throw new ValueError(`${fnName}() takes at most ${names.length} positional arguments (${names.join(', ')}) but ${positional.length} were given`);
  }
  const known: string[] = names;
  const out: Record<string, unknown> = { ...defaults };
  // undefined means "not given"; null is a value (Python's None), as TF1 signatures use it.
  const given = (v: unknown) => v !== undefined;
  positional.forEach((v, i) => { if (given(v)) out[names[i]] = v; });
  for (const [k, v] of Object.entries(keywords)) {
    if (!known.includes(k)) {
      throw new ValueError(`${fnName}() got an unexpected keyword argument '${k}'; it accepts ${names.join(', ')}`);
    }
    if (given(positional[known.indexOf(k)])) throw new ValueError(`${fnName}() got multiple values for argument '${k}'`);
    if (given(v)) out[k] = v;
  }
  return out as T;
}
