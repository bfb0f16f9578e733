import { ValueError } from './errors';
import { bindArgsBesideDict } from './python_args';

/** The minimal face of a Session that tensor.eval()/op.run() need; avoids an import cycle. */
export interface SessionLike {
  run(fetches: unknown, feedDict?: unknown): any;
  readonly graph: unknown;
}

const stack: SessionLike[] = [];

export function pushDefaultSession(s: SessionLike): void { stack.push(s); }
export function popDefaultSession(s: SessionLike): void {
  const i = stack.lastIndexOf(s);
  if (i >= 0) stack.splice(i, 1);
}
export function get_default_session(): SessionLike | null { return stack[stack.length - 1] ?? null; }

export function runDefault(fetch: unknown, feedDict?: unknown, session?: unknown): any {
  const sess = (session as SessionLike | undefined) ?? get_default_session();
  if (!sess) {
    throw new ValueError('Cannot evaluate tensor using `eval()` or `run()`: No default session is registered. ' +
      'Use `sess.as_default(fn)`, an InteractiveSession, or pass a session explicitly.');
  }
  return sess.run(fetch, feedDict);
}

/** The (feed_dict, session) of TF1's Tensor.eval / Operation.run, positional or as {feed_dict, session}. */
export function evalArgs(fnName: string, args: readonly unknown[]): [unknown, unknown] {
  const a = bindArgsBesideDict<{ feed_dict: unknown; session: unknown }>(fnName, args, ['feed_dict', 'session'], 'feed_dict');
  if (a.session !== undefined && a.session !== null && typeof (a.session as SessionLike).run !== 'function') {
    throw new TypeError(`${fnName}() argument 'session' must be a Session, got ${String(a.session)}`);
  }
  return [a.feed_dict, a.session ?? undefined];
}
