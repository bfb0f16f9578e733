/**
 * TF1's error classes (tf.errors). Each carries the op that failed, when one did,
 * so a message can name it the way TensorFlow does.
 */
export class OpError extends Error {
  readonly error_code: number;
  /** Name of the operation at fault, or null when the error is not tied to one. */
  readonly op: string | null;
  constructor(message: string, op: string | null = null, code = 2) {
    super(message);
    this.name = new.target.name;
    this.op = op;
    this.error_code = code;
  }
  get message_text(): string { return this.message; }
}

export class CancelledError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 1); } }
export class UnknownError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 2); } }
export class InvalidArgumentError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 3); } }
export class NotFoundError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 5); } }
export class PermissionDeniedError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 7); } }
export class AlreadyExistsError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 6); } }
export class ResourceExhaustedError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 8); } }
export class FailedPreconditionError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 9); } }
export class OutOfRangeError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 11); } }
export class UnimplementedError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 12); } }
export class InternalError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 13); } }
export class DataLossError extends OpError { constructor(m: string, op: string | null = null) { super(m, op, 15); } }

/** Python's ValueError: raised while building a graph (bad static shapes, bad arguments). */
export class ValueError extends Error {
  constructor(message: string) { super(message); this.name = 'ValueError'; }
}

/** Python's RuntimeError, where TF1 raises it (a SavedModel without the requested tag set). */
export class RuntimeError extends Error {
  constructor(message: string) { super(message); this.name = 'RuntimeError'; }
}

/** Python's KeyError, used by lookups by name as TF1 does. */
export class KeyError extends Error {
  constructor(message: string) { super(message); this.name = 'KeyError'; }
}

/** Python's LookupError: TF1 raises it for a missing gradient function. */
export class LookupError extends Error {
  constructor(message: string) { super(message); this.name = 'LookupError'; }
}

/**
 * Python's AttributeError: a TF1 name tensorgraph lacks, reached through an object that can
 * say so (tf.compat.v1, tf.contrib, tf.math, ...; docs/api.md), as Python raises it for a
 * missing module attribute.
 */
export class AttributeError extends Error {
  constructor(message: string) { super(message); this.name = 'AttributeError'; }
}
