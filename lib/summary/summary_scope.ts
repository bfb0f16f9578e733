import type { Graph } from '../framework/graph';
import type { Tensor } from '../framework/tensor';
import * as tf_logging from '../framework/tf_logging';

const INVALID_TAG_CHARACTERS = /[^-/\w.]/g;

/** TF1's clean_tag: characters outside [-/\w.] become '_', leading slashes go (logged, as TF). */
export function clean_tag(name: string): string {
  const cleaned = name.replace(INVALID_TAG_CHARACTERS, '_').replace(/^\/+/, '');
  if (cleaned !== name) tf_logging.info('Summary name %s is illegal; using %s instead.', name, cleaned);
  return cleaned;
}

/**
 * TF1's summary_scope: a name scope for the summary op, whose full name is also its tag
 * (`layer1/weights/summaries/mean`), so tags are unique the way op names are. With a
 * family, the scope is `family/name` and the tag is prefixed with the family once more, so
 * TensorBoard groups it under that tab. `build(tag, scope)` makes the op; naming it `scope`
 * (which ends in '/') gives the op exactly the scope's name.
 */
export function summary_scope<T>(graph: Graph, name: string, family: string | null | undefined,
  build: (tag: string, scope: string) => T): T {
  const cleanName = clean_tag(name);
  const cleanFamily = family == null ? null : clean_tag(family);
  const base = cleanFamily === null ? cleanName : `${cleanFamily}/${cleanName}`;
  return graph.name_scope(base, (scope) => {
    const bare = scope.replace(/\/$/, '');
    return build(cleanFamily === null ? bare : `${cleanFamily}/${bare}`, scope);
  });
}

/** TF1's summary_op_util.collect: adds the summary to `collections` (default: GraphKeys.SUMMARIES). */
export function collect(graph: Graph, summary: Tensor, collections: readonly string[] | null | undefined, defaults: readonly string[]): void {
  for (const key of collections ?? defaults) graph.add_to_collection(key, summary);
}
