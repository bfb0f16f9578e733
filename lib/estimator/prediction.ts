/** The prediction loop: one run per batch, yielded whole or example by example. */
import { Tensor } from '../framework/tensor';
import { NDArray } from '../framework/ndarray';
import { ValueError } from '../framework/errors';
import type { HookedSession } from './hooked_session';

interface PredictSetup {
  /** Builds the graph and starts the session; called when iteration starts. */
  build(): { hooked: HookedSession; predictions: Tensor | Record<string, Tensor> };
  predict_keys: string | string[] | null;
  yield_single_examples: boolean;
}

export function* predictLoop(setup: PredictSetup): Generator<unknown, void, undefined> {
  const { hooked, predictions } = setup.build();
  try {
    const fetches = selectKeys(predictions, setup.predict_keys);
    for (;;) {
      const batch = hooked.run(fetches);
      if (batch === undefined) break;
      if (!setup.yield_single_examples) yield batch;
      else yield* examplesOf(batch, fetches);
      if (hooked.should_stop()) break;
    }
    hooked.end();
  } finally {
    hooked.session.close();
  }
}

function selectKeys(predictions: Tensor | Record<string, Tensor>, keys: string | string[] | null): Tensor | Record<string, Tensor> {
  if (predictions instanceof Tensor || keys === null) return predictions;
  const wanted = typeof keys === 'string' ? [keys] : keys;
  const picked = Object.fromEntries(Object.entries(predictions).filter(([k]) => wanted.includes(k)));
  if (Object.keys(picked).length === 0) {
    throw new ValueError(`Expected to run at least one output from ${JSON.stringify(Object.keys(predictions))}, provided ${JSON.stringify(wanted)}.`);
  }
  return picked;
}

/** A batch's rows: a value per example, or a dict per example; every prediction must share the batch size. */
function* examplesOf(batch: unknown, fetches: Tensor | Record<string, Tensor>): Generator<unknown, void, undefined> {
  const single = fetches instanceof Tensor;
  const arrays: Record<string, unknown> = single ? { '': batch } : (batch as Record<string, unknown>);
  let n: number | null = null;
  for (const [k, v] of Object.entries(arrays)) {
    if (!(v instanceof NDArray) || v.rank === 0) {
      throw new ValueError(`Prediction${single ? '' : ` ${k}`} should have rank >= 1 (a batch of examples) to yield single examples; set yield_single_examples=False to get it as is.`);
    }
    if (n === null) n = v.shape[0];
    else if (v.shape[0] !== n) throw new ValueError(`Batch length of predictions should be same. ${k} has different batch length than others.`);
  }
  for (let i = 0; i < (n ?? 0); i++) {
    const row = (v: unknown) => {
      const r = (v as NDArray).row(i);
      return r.rank === 0 ? (r.dtype === 'bool' ? r.data[0] !== 0 : r.data[0]) : r;
    };
    yield single ? row(batch) : Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, row(v)]));
  }
}
