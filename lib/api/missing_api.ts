import { AttributeError } from '../framework/errors';

/*
 * A TF1 script that reaches a name tensorgraph lacks should say so, not fail later with
 * "Cannot read properties of undefined". `import * as tf` is a module namespace object,
 * which cannot be a Proxy, so a missing top-level tf.foo stays undefined (TypeScript
 * reports it at compile time); the objects below are Proxies and throw Python's
 * AttributeError for a missing member, with its full dotted name.
 */

/** Replacements for the pre-1.0 names that TF1 scripts from 2016 still use. */
const RENAMED_IN_TF1: Readonly<Record<string, string>> = {
  mul: 'multiply', sub: 'subtract', neg: 'negative', select: 'where', pack: 'stack', unpack: 'unstack',
};

/**
 * Names every JS object answers, and that tools probe without meaning a TF name (util.inspect,
 * Promise resolution, JSON.stringify, chai, CommonJS interop): they read the target as is.
 */
const PROBED = new Set(['then', 'toJSON', 'inspect', 'asymmetricMatch', 'nodeType', '$$typeof', '__esModule', 'prototype']);

function isProbe(name: string | symbol): boolean {
  return typeof name === 'symbol' || PROBED.has(name) || name in Object.prototype;
}

function missing(path: string, name: string): AttributeError {
  const renamed = RENAMED_IN_TF1[name];
  if (renamed && (path === 'tf' || path === 'tf.compat.v1')) {
    return new AttributeError(`${path}.${name} is not a TensorFlow 1.x name (TF 1.0 renamed it): use tf.${renamed}`);
  }
  return new AttributeError(`tensorgraph does not implement ${path}.${name} yet`);
}

/** `namespace` as it is, except that reading a member it lacks throws an AttributeError naming `${path}.${name}`. */
export function withMissingNames<T extends object>(path: string, namespace: T): T {
  return new Proxy(namespace, {
    get(target, name, receiver) {
      if (name in target || isProbe(name)) return Reflect.get(target, name, receiver);
      throw missing(path, name as string);
    },
  });
}

/** A TF1 namespace tensorgraph does not have (tf.contrib, tf.estimator): every member is missing. */
export type MissingNamespace = { readonly [Symbol.toStringTag]: string };

export function missingNamespace(path: string): MissingNamespace {
  return withMissingNames(path, {
    [Symbol.toStringTag]: `${path} (not implemented by tensorgraph)`,
    [Symbol.for('nodejs.util.inspect.custom')]: () => `<${path}: not implemented by tensorgraph>`,
  });
}
