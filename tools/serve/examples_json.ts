import { create, toBinary } from '@bufbuild/protobuf';
import { ExampleSchema } from '../../lib/proto/tensorflow/core/example/example_pb';
import { Feature, FeatureSchema, FeaturesSchema } from '../../lib/proto/tensorflow/core/example/feature_pb';
import { InvalidArgumentError } from '../../lib/framework/errors';
import { JsonDecimal } from './json_with_decimals';

/**
 * The :classify and :regress request bodies' "examples" (and "context", merged into each)
 * as serialized tf.Examples, the input a classification or regression signature takes.
 * The body comes from parseJsonWithDecimals, so the feature kinds follow TF Serving's:
 * a number written as a decimal ("1.0") goes to float_list, a whole one ("1") and
 * true/false to int64_list, strings and {"b64"} to bytes_list; one feature's values
 * must all be of one kind.
 */
export function serializedExamples(body: Record<string, unknown>, verb: string): Uint8Array[] {
  const examples = body.examples;
  if (examples === undefined) throw new InvalidArgumentError(`JSON Value: ${JSON.stringify(body)} When method is ${verb}, key 'examples' is expected and was not found`);
  if (!Array.isArray(examples)) throw new InvalidArgumentError(`JSON Value: ${JSON.stringify(body)} Expecting 'examples' value to be an list/array`);
  if (examples.length === 0) throw new InvalidArgumentError(`JSON Value: ${JSON.stringify(body)} 'examples' value is an empty array`);
  const context = body.context === undefined ? {} : features(body.context);
  // TF Serving merges the context into each example; a feature in both keeps the example's value.
  return examples.map((ex) => toBinary(ExampleSchema, create(ExampleSchema, {
    features: create(FeaturesSchema, { feature: { ...context, ...features(ex) } }),
  })));
}

function features(json: unknown): Record<string, Feature> {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || json instanceof JsonDecimal) {
    throw new InvalidArgumentError(`Example must be JSON object but got JSON ${jsonType(json)}`);
  }
  const out: Record<string, Feature> = {};
  for (const [name, content] of Object.entries(json)) out[name] = toFeature(name, Array.isArray(content) ? content : [content]);
  return out;
}

type Kind = 'bytesList' | 'floatList' | 'int64List';
const KIND_NAME: Record<Kind, string> = { bytesList: 'bytes', floatList: 'float', int64List: 'int64' };

function toFeature(name: string, values: unknown[]): Feature {
  let kind: Kind | undefined;
  const items: (Uint8Array | number | bigint)[] = [];
  for (const v of values) {
    const [k, item] = featureValue(name, v);
    if (kind !== undefined && kind !== k) throw new InvalidArgumentError(`Unexpected element type in feature: ${name} expecting type: ${KIND_NAME[kind]}`);
    kind = k;
    items.push(item);
  }
  if (kind === undefined) return create(FeatureSchema, {});
  return create(FeatureSchema, { kind: { case: kind, value: { value: items } } as Feature['kind'] });
}

function featureValue(name: string, v: unknown): [Kind, Uint8Array | number | bigint] {
  if (typeof v === 'string') return ['bytesList', new TextEncoder().encode(v)];
  if (typeof v === 'boolean') return ['int64List', BigInt(v ? 1 : 0)];
  if (v instanceof JsonDecimal) {
    const f = Math.fround(v.value);
    if (Number.isFinite(v.value) && !Number.isFinite(f)) {
      throw new InvalidArgumentError(`Cannot convert JSON value: ${v.value} to float without loss of precision.`);
    }
    return ['floatList', v.value];
  }
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new InvalidArgumentError(`Feature: ${name} has element outside the int64 range tensorgraph reads exactly: ${v}`);
    return ['int64List', BigInt(v)];
  }
  if (isBase64(v)) return ['bytesList', Buffer.from(v.b64, 'base64')];
  throw new InvalidArgumentError(`Feature: ${name} has element with unexpected JSON type: ${jsonType(v)}`);
}

function isBase64(v: unknown): v is { b64: string } {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 1 && typeof (v as { b64?: unknown }).b64 === 'string';
}

/** rapidjson's type names, which TF Serving's messages use. */
function jsonType(v: unknown): string {
  if (v === null) return 'Null';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number' || v instanceof JsonDecimal) return 'Number';
  return 'Object';
}
