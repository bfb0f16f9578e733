import type { OpSpec } from '../register_op';
import { Const } from './core/Const';
import { Identity, StopGradient, NoOp } from './core/Identity';
import { Placeholder, PlaceholderWithDefault } from './core/Placeholder';
import { VariableV2, Assign, AssignAdd, AssignSub, IsVariableInitialized } from './core/variables';

/** Graph plumbing: constants, placeholders, identities, NoOp, and TF1's ref variables with their assignments. */
export const CORE_OPS: OpSpec[] = [
  Placeholder, PlaceholderWithDefault, Const, Identity, StopGradient, NoOp,
  VariableV2, Assign, AssignAdd, AssignSub, IsVariableInitialized,
];
