/** Python's RuntimeError: TF1 raises it for a closed session. */
export class RuntimeError extends Error {
  constructor(message: string) { super(message); this.name = 'RuntimeError'; }
}
