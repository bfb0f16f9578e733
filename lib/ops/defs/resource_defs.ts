import type { OpSpec } from '../register_op';
import { VarHandleOp, VarIsInitializedOp } from './resource/VarHandleOp';
import { ReadVariableOp } from './resource/ReadVariableOp';
import { AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp } from './resource/AssignVariableOp';

/** Resource variables (TF 1.12+ and tf.compat.v1 graphs). */
export const RESOURCE_OPS: OpSpec[] = [VarHandleOp, VarIsInitializedOp, ReadVariableOp, AssignVariableOp, AssignAddVariableOp, AssignSubVariableOp];
