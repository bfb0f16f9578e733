/**
 * The Estimator's run loop around one session (TF1's MonitoredSession, without its
 * recovery): each run takes the input_fn's next batch (feeding.ts), lets every hook add
 * fetches and feeds, and hands each hook its values; a hook's request_stop or the input's
 * end (OutOfRangeError) stops the loop, and end() tells every hook.
 */
import type { Graph } from '../framework/graph';
import { OutOfRangeError } from '../framework/errors';
import type { ClosableSession } from '../framework/session_factory';
import { SessionRunArgs, SessionRunContext, SessionRunHook, SessionRunValues } from '../train/hooks';
import { nextFeeds } from './feeding';

export class HookedSession {
  private stopped = false;

  constructor(readonly session: ClosableSession, private readonly graph: Graph, private readonly hooks: readonly SessionRunHook[]) {}

  /** Whether a hook asked to stop or the input has ended. */
  should_stop(): boolean { return this.stopped; }

  /** Runs `fetches` with the next batch; returns their values, or undefined (and stops) when the input has ended. */
  run(fetches: unknown): unknown {
    let feeds;
    try {
      feeds = nextFeeds(this.graph);
    } catch (e) {
      if (e instanceof OutOfRangeError) { this.stopped = true; return undefined; }
      throw e;
    }
    const context = new SessionRunContext(new SessionRunArgs(fetches, feeds), this.session);
    const asked: Record<string, unknown> = {};
    const allFeeds = new Map<unknown, unknown>(feeds);
    this.hooks.forEach((hook, i) => {
      const args = hook.before_run(context);
      if (!args) return;
      if (args.fetches !== null && args.fetches !== undefined) asked[i] = args.fetches;
      const hookFeeds = args.feed_dict instanceof Map ? [...args.feed_dict] : Object.entries(args.feed_dict ?? {});
      for (const [k, v] of hookFeeds) allFeeds.set(k, v);
    });
    const out = this.session.run({ main: fetches ?? [], hooks: asked }, allFeeds) as { main: unknown; hooks: Record<string, unknown> };
    this.hooks.forEach((hook, i) => hook.after_run(context, new SessionRunValues(out.hooks[i] ?? null)));
    if (context.stop_requested) this.stopped = true;
    return out.main;
  }

  /** Tells every hook the loop is over (as TF1 does after a normal stop or the input's end). */
  end(): void {
    for (const hook of this.hooks) hook.end(this.session);
  }
}
