/*
 * Shape arithmetic that both an op's shape function (at build time, ValueError) and
 * its CPU kernel (at run time, InvalidArgumentError) apply: one rule, so the two
 * cannot disagree. Each takes makeError, which gives the error class of the caller.
 */

/** Checks reduction indices against a rank: normalized, sorted, without duplicates. */
export function normalizeReductionAxes(values: ArrayLike<number>, rank: number, opName: string,
  makeError: (msg: string) => Error): number[] {
  const axes: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const a = values[i];
    if (!Number.isInteger(a) || a < -rank || a >= rank) {
      throw makeError(`Invalid reduction dimension (${a} for input with ${rank} dimension(s)) in '${opName}'`);
    }
    const n = a < 0 ? a + rank : a;
    if (axes.includes(n)) throw makeError(`Invalid reduction arguments: Axes contains duplicate dimension: ${n} in '${opName}'`);
    axes.push(n);
  }
  return axes.sort((p, q) => p - q);
}
