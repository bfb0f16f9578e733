/**
 * The hook through which code above the framework layer (lib/estimator, lib/train's hooks)
 * makes a Session without importing lib/session: the session module registers its factory
 * when it loads, as the default-session stack lets tensor.eval() run one.
 */
import { FailedPreconditionError } from './errors';
import type { Graph } from './graph';
import type { SessionLike } from './default_session';

/** What the estimator needs of a session: run, close, and the graph it runs. */
export interface ClosableSession extends SessionLike { close(): void; readonly graph: Graph }

let factory: ((graph: Graph) => ClosableSession) | null = null;

export function registerSessionFactory(make: (graph: Graph) => ClosableSession): void { factory = make; }

/** A new session on `graph` (the backend chosen as a plain `new Session()` chooses it). */
export function newSession(graph: Graph): ClosableSession {
  if (!factory) throw new FailedPreconditionError('No Session implementation is loaded: import tensorgraph (lib/index) first');
  return factory(graph);
}
