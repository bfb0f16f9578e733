/** Element-wise and sequence transformations: map, filter, zip, concatenate, repeat, take, skip, prefetch. */
import { InvalidArgumentError } from '../framework/errors';
import type { StaticShape } from '../registry/op_def';
import { traceFunction, functionCaller } from './graph_function';
import { sameStructure } from './structure';
import { ElementStream, Element, Pipeline, nextPipelineId, uniqueCaptures } from './pipeline';

export function mapPipeline(input: Pipeline, fn: (...args: any[]) => unknown): Pipeline {
  const id = nextPipelineId();
  const f = traceFunction(fn, input.structure, input.types, input.shapes, 'map');
  return {
    structure: f.structure, types: f.outputs.map((t) => t.dtype), shapes: f.outputs.map((t) => (t.shape ? [...t.shape] : null)),
    captures: input.captures,
    open(env) {
      const source = input.open(env);
      const call = functionCaller(f, env, `map${id}`);
      return { next: () => { const e = source.next(); return e && call(e); } };
    },
  };
}

export function filterPipeline(input: Pipeline, predicate: (...args: any[]) => unknown): Pipeline {
  const id = nextPipelineId();
  const f = traceFunction(predicate, input.structure, input.types, input.shapes, 'filter');
  const out = f.outputs[0];
  if (f.outputs.length !== 1 || out!.dtype !== 'bool' || (out!.shape !== null && out!.shape.length !== 0)) {
    throw new TypeError('`predicate` must return a scalar boolean tensor.');
  }
  return {
    ...input,
    open(env) {
      const source = input.open(env);
      const call = functionCaller(f, env, `filter${id}`);
      return {
        next: () => {
          for (let e = source.next(); e; e = source.next()) if (call(e)[0]!.data[0]) return e;
          return null;
        },
      };
    },
  };
}

export function zipPipelines(inputs: Pipeline[]): Pipeline {
  return {
    structure: { kind: 'tuple', items: inputs.map((p) => p.structure) },
    types: inputs.flatMap((p) => p.types), shapes: inputs.flatMap((p) => p.shapes),
    captures: uniqueCaptures(...inputs.map((p) => p.captures)),
    open(env) {
      const sources = inputs.map((p) => p.open(env));
      return {
        next: () => {
          const parts: Element[] = [];
          for (const s of sources) { const e = s.next(); if (!e) return null; parts.push(e); }
          return parts.flat();
        },
      };
    },
  };
}

/** The most specific shape both fit (concatenate's output_shapes). */
function commonShape(a: StaticShape, b: StaticShape): StaticShape {
  if (a === null || b === null || a.length !== b.length) return null;
  return a.map((d, i) => (d === b[i] ? d : null));
}

export function concatenatePipelines(a: Pipeline, b: Pipeline): Pipeline {
  if (!sameStructure(a.structure, b.structure) || a.types.some((t, i) => t !== b.types[i])) {
    throw new TypeError(`Two datasets to concatenate have different types (${a.types.join(', ')}) and (${b.types.join(', ')})`);
  }
  return {
    structure: a.structure, types: a.types, shapes: a.shapes.map((s, i) => commonShape(s, b.shapes[i]!)),
    captures: uniqueCaptures(a.captures, b.captures),
    open(env) {
      const first = a.open(env);
      let second: ElementStream | null = null;
      return { next: () => first.next() ?? (second ??= b.open(env)).next() };
    },
  };
}

/** repeat(count): count < 0 (or null) repeats forever; an input that is empty ends even then. */
export function repeatPipeline(input: Pipeline, count: number): Pipeline {
  return {
    ...input,
    open(env) {
      let epoch = 0, epochHadElements = false;
      let source: ElementStream | null = count === 0 ? null : input.open(env);
      return {
        next: () => {
          while (source) {
            const e = source.next();
            if (e) { epochHadElements = true; return e; }
            epoch++;
            if ((count >= 0 && epoch >= count) || !epochHadElements) { source = null; break; }
            epochHadElements = false;
            source = input.open(env);
          }
          return null;
        },
      };
    },
  };
}

export function takePipeline(input: Pipeline, count: number): Pipeline {
  return {
    ...input,
    open(env) {
      const source = input.open(env);
      let taken = 0;
      return { next: () => (count >= 0 && taken >= count ? null : (taken++, source.next())) };
    },
  };
}

export function skipPipeline(input: Pipeline, count: number): Pipeline {
  return {
    ...input,
    open(env) {
      const source = input.open(env);
      let skipped = false;
      return {
        next: () => {
          if (!skipped) {
            skipped = true;
            for (let i = 0; count < 0 || i < count; i++) if (!source.next()) return null;
          }
          return source.next();
        },
      };
    },
  };
}

/**
 * prefetch(buffer_size): after each element is taken, the next ones are produced on a
 * setImmediate callback, i.e. while the caller awaits (a run_async loop, an await between
 * steps); a synchronous loop gives it no idle time and it produces on demand. An error met
 * ahead is kept and thrown when its element is asked for, as TF delivers it.
 */
export function prefetchPipeline(input: Pipeline, bufferSize: number): Pipeline {
  if (bufferSize < -1 || bufferSize === 0) throw new InvalidArgumentError('buffer_size must be greater than zero.');
  const limit = bufferSize < 0 ? 1 : bufferSize;
  return {
    ...input,
    open(env) {
      const source = input.open(env);
      const buffer: (Element | null | { error: unknown })[] = [];
      let ended = false, scheduled = false;
      const produce = () => {
        try { const e = source.next(); if (!e) ended = true; buffer.push(e); } catch (error) { ended = true; buffer.push({ error }); }
      };
      const fill = () => {
        scheduled = false;
        while (!ended && buffer.length < limit) produce();
      };
      return {
        next: () => {
          if (buffer.length === 0 && !ended) produce();
          const item = buffer.shift() ?? null;
          if (!ended && !scheduled) { scheduled = true; setImmediate(fill).unref(); }
          if (item && !Array.isArray(item)) throw item.error;
          return item;
        },
      };
    },
  };
}

