/** The built-in ops' ONNX mappings by TF op type (one file each, named by the type), and the lookup that adds custom ops' own. */
import { specOnnxMapping } from '../../ops/register_op';
import type { OnnxOpMapping } from '../mapping_types';
import { Add } from './Add';
import { AddV2 } from './AddV2';
import { ArgMax } from './ArgMax';
import { AvgPool } from './AvgPool';
import { BiasAdd } from './BiasAdd';
import { Cast } from './Cast';
import { ConcatV2 } from './ConcatV2';
import { Conv2D } from './Conv2D';
import { Equal } from './Equal';
import { Exp } from './Exp';
import { ExpandDims } from './ExpandDims';
import { Fill } from './Fill';
import { GatherV2 } from './GatherV2';
import { Greater } from './Greater';
import { GreaterEqual } from './GreaterEqual';
import { Identity } from './Identity';
import { Less } from './Less';
import { LessEqual } from './LessEqual';
import { Log } from './Log';
import { MatMul } from './MatMul';
import { Max } from './Max';
import { MaxPool } from './MaxPool';
import { Maximum } from './Maximum';
import { Mean } from './Mean';
import { Min } from './Min';
import { Minimum } from './Minimum';
import { Mul } from './Mul';
import { Neg } from './Neg';
import { Pack } from './Pack';
import { Prod } from './Prod';
import { RealDiv } from './RealDiv';
import { Relu } from './Relu';
import { Reshape } from './Reshape';
import { ReverseSequence } from './ReverseSequence';
import { Select } from './Select';
import { Shape } from './Shape';
import { Sigmoid } from './Sigmoid';
import { Softmax } from './Softmax';
import { Split } from './Split';
import { SplitV } from './SplitV';
import { Sqrt } from './Sqrt';
import { Squeeze } from './Squeeze';
import { StridedSlice } from './StridedSlice';
import { Sub } from './Sub';
import { Sum } from './Sum';
import { Tanh } from './Tanh';
import { Transpose } from './Transpose';
import { Unpack } from './Unpack';
import { ZerosLike } from './ZerosLike';

const BUILTIN: Record<string, OnnxOpMapping> = {
  Add, AddV2, ArgMax, AvgPool, BiasAdd, Cast, ConcatV2, Conv2D, Equal, Exp, ExpandDims, Fill, GatherV2,
  Greater, GreaterEqual, Identity, Less, LessEqual, Log, MatMul, Max, MaxPool, Maximum, Mean, Min, Minimum,
  Mul, Neg, Pack, Prod, RealDiv, Relu, Reshape, ReverseSequence, Select, Shape, Sigmoid, Softmax, Split, SplitV, Sqrt, Squeeze,
  StridedSlice, Sub, Sum, Tanh, Transpose, Unpack, ZerosLike,
};

/** The mapping of an op type: a custom op's own (its OpSpec's `onnx`) or the built-in one; undefined when there is none. */
export function mappingFor(type: string): OnnxOpMapping | undefined {
  return specOnnxMapping(type) ?? (Object.prototype.hasOwnProperty.call(BUILTIN, type) ? BUILTIN[type] : undefined);
}

/** The TF op types exported without a custom mapping. */
export function builtinMappedTypes(): string[] { return Object.keys(BUILTIN).sort(); }
