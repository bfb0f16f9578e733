/**
 * SplitV's size_splits resolved against the split dimension (TF's messages), shared by
 * its shape function and kernels: at most one -1, inferred from the rest.
 */
export function splitSizes(given: readonly number[], dim: number | null, fail: (msg: string) => Error): (number | null)[] {
  let inferred = -1, total = 0;
  given.forEach((s, i) => {
    if (s === -1) {
      if (inferred !== -1) throw fail(`Only one dimensions can have a value of -1. Second one found at dimension ${i}`);
      inferred = i;
    } else if (s < 0) {
      throw fail(`Split size at index ${i} must be >= 0 or -1. Got: ${s}`);
    } else total += s;
  });
  if (dim === null) return given.map((s) => (s === -1 ? null : s));
  if ((inferred === -1 && total !== dim) || (inferred !== -1 && total > dim)) {
    throw fail('Determined shape must either match input shape along split_dim exactly if fully specified, or be less than ' +
      `the size of the input along split_dim if not fully specified.  Got: ${total}`);
  }
  return given.map((s) => (s === -1 ? dim - total : s));
}
