import { container, singleton } from './container';
import { DType } from '../framework/dtypes';
import type { NDArray } from '../framework/ndarray';
import { AlreadyExistsError, NotFoundError } from '../framework/errors';

/** Static shape: null for an unknown rank, null entries for unknown dimensions. */
export type StaticShape = (number | null)[] | null;
export interface TensorSpec {
  dtype: DType;
  shape: StaticShape;
  /** The value, when the input is a Const: lets shape inference read constant shapes and axes. */
  value?: NDArray;
}
export type Attrs = Record<string, any>;

/** What the graph knows about an op type: arity, ref inputs and static shape inference. */
export interface OpDef {
  type: string;
  /** Exact input count, or [min, max] (max may be Infinity) for list inputs such as Concat's. */
  numInputs?: number | [number, number];
  /** Inputs taken as variable references (Assign's first input): never read as values. */
  refInputs?: number[];
  /** Ops with effects or randomness: their outputs depend on more than their inputs. */
  stateful?: boolean;
  /**
   * Infers output dtypes and static shapes; throws ValueError (naming the op) when
   * the inputs cannot fit, so a bad graph fails while it is built.
   */
  inferOutputs(inputs: TensorSpec[], attrs: Attrs, opName: string): TensorSpec[];
}

@singleton()
export class OpRegistry {
  private readonly defs = new Map<string, { def: OpDef; where: string }>();

  register(def: OpDef): void {
    this.assertFree(def.type);
    this.defs.set(def.type, { def, where: callerLocation() });
  }

  /** Throws AlreadyExistsError, saying where the first registration came from, if the type is taken. */
  assertFree(type: string): void {
    const prior = this.defs.get(type);
    if (prior) throw new AlreadyExistsError(`Op type '${type}' is already registered (first registered at ${prior.where})`);
  }

  has(type: string): boolean { return this.defs.has(type); }

  get(type: string): OpDef {
    const entry = this.defs.get(type);
    if (!entry) {
      throw new NotFoundError(`Op type not registered '${type}' in this process. ` +
        `Register it (tf.register_op) before building or loading a graph that uses it.`);
    }
    return entry.def;
  }

  types(): string[] { return [...this.defs.keys()]; }
}

export function opRegistry(): OpRegistry { return container.resolve(OpRegistry); }

/** The first stack frame outside the registries: where a registration came from. */
export function callerLocation(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  const outside = lines.find((l) => !/[\\/]lib[\\/](registry[\\/]|ops[\\/]register_op)/.test(l));
  return (outside ?? lines[0] ?? '<unknown>').trim().replace(/^at /, '');
}
