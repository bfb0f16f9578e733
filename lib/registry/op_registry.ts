import { container, singleton } from './container';
import type { Attrs, OpSchema, TensorSpec } from './op_def';
import { AlreadyExistsError, NotFoundError } from '../framework/errors';

export type { StaticShape, TensorSpec, Attrs, AttrType, AttrSpec, ArgSpec, OpSchema } from './op_def';

/** What the graph knows about an op type: its schema and static shape inference. */
export interface OpDef extends OpSchema {
  /** Positions of the ref inputs (from the schema's is_ref arguments): never read as values. */
  readonly refInputs: readonly number[];
  /** Same as is_stateful. */
  readonly stateful: boolean;
  /**
   * Output dtypes and static shapes from the inputs' specs and the op's complete
   * attrs; throws ValueError (naming the op) when the inputs cannot fit, so a bad
   * graph fails while it is built.
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
