/**
 * The body of each pool worker, as plain JavaScript evaluated by `new Worker(src, {eval: true})`.
 * It is a string rather than a module file so that it runs the same under tsc's dist/
 * output, under tsx, and from a bundle: a worker loads none of the project's modules.
 *
 * The worker instantiates the shared WebAssembly module on the shared memory, marks
 * itself ready, then waits until the caller bumps its sequence number (polling a
 * little, then sleeping in Atomics.wait with WORKER_SLEEPING set so the caller knows to
 * notify); it calls the requested export with the posted arguments and publishes the
 * sequence number as done. Slot layout: see worker_pool.ts.
 */
export const WORKER_SOURCE = `
'use strict';
const { workerData } = require('worker_threads');
const { module, memory, control, slotOffset, exportNames, layout } = workerData;
const flags = new Int32Array(control, slotOffset, layout.flagCount);
const args = new Float64Array(control, slotOffset + layout.flagCount * 4, layout.maxArgs);
let functions;
try {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  functions = exportNames.map((name) => instance.exports[name]);
  Atomics.store(flags, layout.READY, 1);
} catch (e) {
  Atomics.store(flags, layout.READY, -1);
}
Atomics.notify(flags, layout.READY);
let seen = 0;
while (functions) {
  // Poll a little before sleeping: a call posted right away then costs no wake-up.
  let seq = Atomics.load(flags, layout.SEQ);
  for (let n = 1; seq === seen; n++) {
    if (n % layout.spinPolls === 0) {
      Atomics.store(flags, layout.WORKER_SLEEPING, 1);
      Atomics.wait(flags, layout.SEQ, seen);
      Atomics.store(flags, layout.WORKER_SLEEPING, 0);
    }
    seq = Atomics.load(flags, layout.SEQ);
  }
  seen = seq;
  const fn = Atomics.load(flags, layout.FN);
  if (fn < 0) break;
  let failed = 0;
  try {
    functions[fn](...args.subarray(0, Atomics.load(flags, layout.NARGS)));
  } catch (e) {
    failed = 1;
  }
  Atomics.store(flags, layout.FAILED, failed);
  Atomics.store(flags, layout.DONE, seq);
  if (Atomics.load(flags, layout.CALLER_SLEEPING)) Atomics.notify(flags, layout.DONE);
}
`;
