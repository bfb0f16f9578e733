/** Element-wise and sequence transformations: map, filter, zip, concatenate, repeat, take, skip, prefetch. */
import { InvalidArgumentError } from '../framework/errors';
import type { StaticShape } from '../registry/op_def';
import { traceFunction, traceWith, functionCaller } from './graph_function';
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


/**
 * interleave(map_func, cycle_length, block_length), and flat_map as interleave(fn, 1, 1):
 * map_func returns a dataset built on the element's symbolic tensors. Per input element
 * the function graph computes that dataset's captured tensors, and the dataset is opened
 * on those values. Output order is TF's: block_length elements from each of cycle_length
 * open datasets in turn; an exhausted one moves the cycle on, and its slot takes the next
 * input element when the cycle comes back to it.
 */
export function interleavePipeline(input: Pipeline, fn: (...args: any[]) => unknown, cycleLength: number, blockLength: number,
  what: string): Pipeline {
  if (cycleLength < 1 || blockLength < 1) throw new InvalidArgumentError(`${what}: cycle_length and block_length must be positive`);
  const id = nextPipelineId();
  const f = traceWith(fn, input.structure, input.types, input.shapes, what, (result) => {
    const inner = (result as { pipeline?: Pipeline } | null)?.pipeline;
    if (!inner) throw new TypeError(`\`map_func\` of ${what} must return a \`Dataset\` object.`);
    return { outputs: [...inner.captures], structure: { kind: 'tuple', items: inner.captures.map(() => ({ kind: 'leaf' as const })) } };
  });
  const inner = (f.result as { pipeline: Pipeline }).pipeline;
  return {
    structure: inner.structure, types: inner.types, shapes: inner.shapes, captures: input.captures,
    open(env) {
      const source = input.open(env);
      const call = functionCaller(f, env, `${what}${id}`);
      const innerEnv = { ...env, iteratorKey: `${env.iteratorKey}/${what}${id}` };
      const slots: (ElementStream | null)[] = new Array(cycleLength).fill(null);
      let cycle = 0, block = 0, inputDone = false;
      const advance = () => { cycle = (cycle + 1) % cycleLength; block = 0; };
      return {
        next: () => {
          for (;;) {
            const slot = slots[cycle];
            if (slot) {
              const e = slot.next();
              if (e) { if (++block === blockLength) advance(); return e; }
              slots[cycle] = null;
              advance();
            } else if (!inputDone) {
              const element = source.next();
              if (!element) { inputDone = true; continue; }
              const values = call(element);
              const byTensor = new Map(inner.captures.map((t, i) => [t, values[i]!]));
              slots[cycle] = inner.open({ ...innerEnv, valueOf: (t) => byTensor.get(t) ?? env.valueOf(t) });
            } else {
              if (slots.every((s) => s === null)) return null;
              advance();
            }
          }
        },
      };
    },
  };
}
