/**
 * How input_fns deliver data without TF1's queues (docs/estimator.md): an input_fn makes
 * placeholders and registers a Feeder for them on the graph it builds; the Estimator's run
 * loop asks every Feeder of its graph for the next batch before each run and stops when one
 * throws OutOfRangeError, where TF1's dequeue op would have raised it.
 */
import type { Graph } from '../framework/graph';
import type { Tensor } from '../framework/tensor';
import type { NDArray } from '../framework/ndarray';

export interface Feeder {
  /** The next batch's values for this feeder's placeholders; throws OutOfRangeError when the input has ended. */
  next(): Map<Tensor, NDArray>;
}

const feedersByGraph = new WeakMap<Graph, Feeder[]>();

export function addFeeder(graph: Graph, feeder: Feeder): void {
  const list = feedersByGraph.get(graph) ?? [];
  list.push(feeder);
  feedersByGraph.set(graph, list);
}

export function feedersOf(graph: Graph): readonly Feeder[] { return feedersByGraph.get(graph) ?? []; }

/** One feed map from every feeder of the graph (throws OutOfRangeError from the first that has ended). */
export function nextFeeds(graph: Graph): Map<Tensor, NDArray> {
  const feeds = new Map<Tensor, NDArray>();
  for (const f of feedersOf(graph)) for (const [t, v] of f.next()) feeds.set(t, v);
  return feeds;
}
