/** Runs fn with process.stderr.write captured; returns fn's result and the lines written. */
export function captureStderr<T>(fn: () => T): { result: T; lines: string[]; text: string } {
  const original = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: unknown) => { text += String(chunk); return true; }) as typeof process.stderr.write;
  try {
    const result = fn();
    return { result, lines: text.split('\n').filter((l) => l !== ''), text };
  } finally {
    process.stderr.write = original;
  }
}
