import type { Graph } from './graph';
import { Tensor } from './tensor';
import { ValueError } from './errors';
import type { Attrs, TensorSpec } from '../registry/op_registry';
import { evalArgs, runDefault } from './default_session';
import { NodeDef, toAttrValues } from './node_def';
import { opRegistry } from '../registry/op_registry';

/** A node of the graph: its type, inputs, control inputs, attributes and outputs. */
export class Operation {
  readonly outputs: Tensor[];
  /** Position in the graph's creation order; plans sort by it. */
  readonly id: number;

  constructor(
    readonly graph: Graph,
    readonly type: string,
    readonly name: string,
    readonly inputs: readonly Tensor[],
    readonly control_inputs: readonly Operation[],
    readonly attrs: Readonly<Attrs>,
    outputSpecs: TensorSpec[],
    id: number,
  ) {
    this.id = id;
    this.outputs = outputSpecs.map((s, i) => new Tensor(this, i, s.dtype, s.shape));
  }

  /** TensorFlow's NodeDef of this op: inputs as 'op:index' and '^control', attrs as typed AttrValues. */
  get node_def(): NodeDef {
    return {
      name: this.name, op: this.type,
      input: [...this.inputs.map((t) => t.name), ...this.control_inputs.map((o) => '^' + o.name)],
      device: '',
      attr: toAttrValues(opRegistry().get(this.type).attrs, this.attrs),
    };
  }

  get_attr(name: string): any {
    if (!Object.hasOwn(this.attrs, name)) throw new ValueError(`Operation '${this.name}' has no attr named '${name}'.`);
    return this.attrs[name];
  }

  /** TF1's op.run(feed_dict=None, session=None), also run({feed_dict, session}): runs in session or the default one. */
  run(...args: unknown[]): void {
    runDefault(this, ...evalArgs('run', args));
  }

  toString(): string {
    return `<tf.Operation '${this.name}' type=${this.type}>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return this.toString(); }
}
