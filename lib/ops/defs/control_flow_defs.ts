import type { OpSpec } from '../register_op';
import { If } from './control_flow/If';
import { While, WhileGrad } from './control_flow/While';
import { Assert } from './control_flow/Assert';

/** Functional control flow: If and While run sub-graphs of the same Graph (docs/control_flow.md). */
export const CONTROL_FLOW_OPS: OpSpec[] = [If, While, WhileGrad, Assert];
