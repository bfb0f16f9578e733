import type { DType } from '../framework/dtypes';
import type { NodeDef } from '../framework/node_def';

/** TF's TensorInfo: which tensor a signature key means, with its dtype and static shape (-1 = unknown dim). */
export interface TensorInfo {
  name: string;
  dtype: DType;
  tensor_shape: { dim: { size: number }[]; unknown_rank?: boolean };
}

/** TF's SignatureDef: named inputs and outputs of one way to call the model. */
export interface SignatureDef {
  inputs: Record<string, TensorInfo>;
  outputs: Record<string, TensorInfo>;
  method_name: string;
}

/** One op as stored: TensorFlow's NodeDef (see docs/saved_model_format.md). */
export type { NodeDef } from '../framework/node_def';

export interface VariableDef {
  variable_name: string;
  initializer_name: string;
  snapshot_name: string;
  trainable: boolean;
}

/** A collection item: exactly one of these keys. */
export type CollectionItem =
  | { variable: VariableDef }
  | { tensor: string }
  | { operation: string }
  | { value: string | number | boolean };

/** What loader.load returns and what a SavedModel holds per tag set. */
export interface MetaGraph {
  meta_info_def: { tags: string[]; tensorgraph_version: string; stripped_default_attrs: boolean };
  graph_def: { node: NodeDef[]; seed: number | null };
  collection_def: Record<string, CollectionItem[]>;
  signature_def: Record<string, SignatureDef>;
  asset_file_def: { filename: string }[];
  /** Op run after the variables are restored (TF's main_op / legacy_init_op), or null. */
  main_op: string | null;
}

export const SAVED_MODEL_MAGIC = 'TGSAVEDM';
export const META_GRAPH_MAGIC = 'TGMETAGR';
export const SAVED_MODEL_FORMAT = 'tensorgraph.saved_model';
export const META_GRAPH_FORMAT = 'tensorgraph.meta_graph';
/** 2: nodes are TensorFlow's NodeDefs with typed AttrValues (1: tensorgraph's own attr JSON). */
export const SAVED_MODEL_FORMAT_VERSION = 2;
export const SAVED_MODEL_FILENAME = 'saved_model.tgsm';
export const VARIABLES_DIRECTORY = 'variables';
export const VARIABLES_FILENAME = 'variables';
export const ASSETS_DIRECTORY = 'assets';
export const TENSORGRAPH_VERSION = '0.1.0';
