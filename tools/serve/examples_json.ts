import { create, toBinary } from '@bufbuild/protobuf';
import { ExampleSchema } from '../../lib/proto/tensorflow/core/example/example_pb';
import { Feature, FeatureSchema, FeaturesSchema } from '../../lib/proto/tensorflow/core/example/feature_pb';
import { InvalidArgumentError } from '../../lib/framework/errors';

/**
 * The :classify and :regress request bodies' "examples" (and "context", merged into each)
 * as serialized tf.Examples, the input a classification or regression signature takes.
 * Whole numbers become int64_list, other numbers float_list, strings and {"b64"} bytes_list.
 */
export function serializedExamples(body: Record<string, unknown>): Uint8Array[] {
  const examples = body.examples;
  if (!Array.isArray(examples)) throw new InvalidArgumentError("Expected 'examples' to be an array");
  const context = body.context === undefined ? {} : body.context;
  if (typeof context !== 'object' || context === null || Array.isArray(context)) throw new InvalidArgumentError("Expected 'context' to be an object");
  return examples.map((ex, i) => {
    if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) throw new InvalidArgumentError(`Example ${i} is not a JSON object`);
    const feature: Record<string, Feature> = {};
    for (const [name, value] of Object.entries({ ...(context as object), ...(ex as object) })) feature[name] = toFeature(name, value);
    return toBinary(ExampleSchema, create(ExampleSchema, { features: create(FeaturesSchema, { feature }) }));
  });
}

function toFeature(name: string, value: unknown): Feature {
  const values = Array.isArray(value) ? value : [value];
  const isBytes = (v: unknown) => typeof v === 'string' || (typeof v === 'object' && v !== null && typeof (v as { b64?: unknown }).b64 === 'string');
  if (values.every(isBytes)) {
    const bytes = values.map((v) => (typeof v === 'string' ? new TextEncoder().encode(v) : Buffer.from((v as { b64: string }).b64, 'base64')));
    return create(FeatureSchema, { kind: { case: 'bytesList', value: { value: bytes } } });
  }
  if (!values.every((v) => typeof v === 'number' || typeof v === 'boolean')) {
    throw new InvalidArgumentError(`Feature: ${name} has element with unexpected JSON type`);
  }
  const nums = values.map(Number);
  // JSON.parse keeps no trace of "1.0" vs "1": whole numbers are taken as int64, as TF Serving takes "1".
  if (nums.every(Number.isInteger)) {
    return create(FeatureSchema, { kind: { case: 'int64List', value: { value: nums.map((n) => BigInt(n)) } } });
  }
  return create(FeatureSchema, { kind: { case: 'floatList', value: { value: nums } } });
}
