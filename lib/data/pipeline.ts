/**
 * What a Dataset is underneath: a description built while the graph is built (element
 * nesting, dtypes, static shapes, the graph tensors it reads) and a way to open a stream
 * of elements when an iterator's initializer runs. Elements are flat lists of NDArrays.
 */
import type { Tensor } from '../framework/tensor';
import type { NDArray } from '../framework/ndarray';
import type { DType } from '../framework/dtypes';
import type { StaticShape } from '../registry/op_def';
import type { Structure } from './structure';

export type Element = NDArray[];

/** A pull stream: null at the end of the sequence. */
export interface ElementStream { next(): Element | null }

/** What opening a pipeline gets from the initializer's run. */
export interface OpenEnv {
  /** The value, in the initializer's run, of a graph tensor the pipeline captured. */
  valueOf(t: Tensor): NDArray;
  /** The session's resources: state that outlives one initialization (reshuffle streams, map sessions). */
  resources: Map<string, unknown>;
  /** Names this iterator's entries in `resources`. */
  iteratorKey: string;
}

export interface Pipeline {
  readonly structure: Structure;
  readonly types: readonly DType[];
  readonly shapes: readonly StaticShape[];
  /** Graph tensors read when the pipeline is opened (MakeIterator's inputs). */
  readonly captures: readonly Tensor[];
  open(env: OpenEnv): ElementStream;
}

let pipelinesMade = 0;
/** A process-unique number naming a pipeline's entries in the session's resources. */
export function nextPipelineId(): number { return ++pipelinesMade; }

export function uniqueCaptures(...lists: (readonly Tensor[])[]): Tensor[] {
  return [...new Set(lists.flat())];
}
