/**
 * Python's argument binding for TF1's public functions, so a line of a TF1 script
 * translates directly: `tf.reduce_mean(x, 1)`, `tf.reduce_mean(x, {axis: 1})` and
 * `tf.reduce_mean({input_tensor: x, axis: 1})` are the same call. The errors are the
 * TypeErrors Python raises for a bad call, naming the function, so a misspelt keyword
 * fails where it is written instead of being ignored (or read as a tensor value).
 */

/** A plain `{...}` object: the keyword-arguments form. Tensors, Variables, NDArrays and arrays are not. */
export function isOptionsObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  // A protobuf message (a GraphDef passed to tf.graph_util) is a plain object too, but a value.
  return (proto === Object.prototype || proto === null) && !('$typeName' in x);
}

/** A Python signature: parameter names in order; the first `required` have no default. */
export interface PySignature {
  readonly name: string;
  readonly params: readonly string[];
  readonly required: number;
}

/** Python's TypeError for a keyword the signature lacks; `accepted` lists what it takes. */
export function unexpectedKeyword(fnName: string, key: string, accepted: readonly string[]): TypeError {
  return new TypeError(`${fnName}() got an unexpected keyword argument '${key}'; it accepts ${accepted.join(', ')}`);
}

/** Throws Python's TypeError for the first key of `keywords` not in `accepted`. */
export function checkKeywords(fnName: string, keywords: object, accepted: readonly string[]): void {
  for (const key of Object.keys(keywords)) {
    if (!accepted.includes(key)) throw unexpectedKeyword(fnName, key, accepted);
  }
}

/**
 * Binds arguments the way a Python signature does: positional values in `names` order,
 * optionally followed by one options object with the same names (`AdamOptimizer(1e-4)`,
 * `AdamOptimizer({learning_rate: 1e-4})`, `MomentumOptimizer(0.1, 0.9, {use_nesterov: true})`).
 * Too many positional values, an unknown or doubly given name, or a missing required
 * one (the first `required` names) is Python's TypeError naming the function.
 */
export function bindArgs<T extends object>(fnName: string, args: readonly unknown[], names: (keyof T & string)[],
  defaults: Partial<T> = {}, required = 0): T {
  const positional = args.slice();
  let keywords: Record<string, unknown> = {};
  if (positional.length > 0 && isOptionsObject(positional[positional.length - 1])) {
    keywords = positional.pop() as Record<string, unknown>;
  }
  if (positional.length > names.length) {
    throw new TypeError(`${fnName}() takes at most ${names.length} positional arguments (${names.join(', ')}) but ${positional.length} were given`);
  }
  const known: string[] = names;
  const out: Record<string, unknown> = { ...defaults };
  // undefined means "not given"; null is a value (Python's None), as TF1 signatures use it.
  const given = (v: unknown) => v !== undefined;
  positional.forEach((v, i) => { if (given(v)) out[names[i]] = v; });
  checkKeywords(fnName, keywords, names);
  for (const [k, v] of Object.entries(keywords)) {
    if (given(positional[known.indexOf(k)])) throw new TypeError(`${fnName}() got multiple values for argument '${k}'`);
    if (given(v)) out[k] = v;
  }
  const missing = names.slice(0, required).filter((n) => !given(out[n]));
  if (missing.length > 0) {
    throw new TypeError(`${fnName}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ` +
      missing.map((n) => `'${n}'`).join(' and '));
  }
  return out as T;
}

/** A public function bound by pyfunc: callable positionally or with a trailing options object. */
export type PyFunction<F extends (...args: any[]) => any, P extends readonly string[] = readonly string[]> =
  F & ((...args: [...unknown[], PyKeywords<P>]) => ReturnType<F>) & { readonly signature: PySignature };

/**
 * The trailing options object of a pyfunc: its keys are the parameter names, so a
 * misspelt keyword in an object literal (transposeA) is a compile error for TypeScript
 * callers, as it is a TypeError at run time for everyone.
 */
export type PyKeywords<P extends readonly string[]> = { [K in P[number]]?: unknown };

/**
 * Gives a positional implementation TF1's calling forms: the returned function binds
 * its arguments against `params` (bindArgs) and calls `impl` with them in that order,
 * undefined where not given. `signature` on the result lets specs check the keywords.
 */
export function pyfunc<F extends (...args: any[]) => any, const P extends readonly string[]>(name: string, params: P, required: number, impl: F): PyFunction<F, P> {
  const signature: PySignature = { name, params, required };
  const bound = function (this: unknown, ...args: unknown[]) {
    const a = bindArgs<Record<string, unknown>>(name, args, params as readonly string[] as string[], {}, required);
    return impl.apply(this, params.map((p) => a[p]));
  };
  Object.defineProperty(bound, 'name', { value: name });
  Object.defineProperty(bound, 'signature', { value: signature });
  return bound as unknown as PyFunction<F, P>;
}

/**
 * bindArgs for a signature whose parameter `dictParam` itself takes a plain object (a
 * feed_dict, a var_list dict): a trailing plain object is the keywords when every one of its
 * keys is a parameter name (`t.eval({feed_dict, session})`) or when it has `dictParam` as a
 * key (so `{feed_dict, optons}` is a misspelt keyword, not a feed); otherwise it is that
 * positional value (`t.eval({[x.name]: 1})`).
 */
export function bindArgsBesideDict<T extends object>(fnName: string, args: readonly unknown[], names: (keyof T & string)[],
  dictParam: keyof T & string, required = 0): T {
  const last = args[args.length - 1];
  const keywords = isOptionsObject(last) && (isKeywordsObject(last, names) || dictParam in last);
  return bindArgs<T>(fnName, keywords || !isOptionsObject(last) ? args : [...args, {}], names, {}, required);
}

/** Whether every key of obj (at least one) is among names. */
export function isKeywordsObject(obj: Record<string, unknown>, names: readonly string[]): boolean {
  const keys = Object.keys(obj);
  return keys.length > 0 && keys.every((k) => names.includes(k));
}
