import { ValueError } from './errors';

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
