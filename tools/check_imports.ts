/**
 * Checks that the run-time imports between the project's modules point one way:
 *   node dist/tools/check_imports.js [root]
 * Reads the relative imports of every .ts file under lib/, kernels/ and tools/ (tools only for
 * cycles), in every form that loads a module at run time (see valueImportsOf), skipping the
 * type-only ones (erased), and exits 1 listing (a) every file under lib/ or kernels/ that is in
 * no layer, (b) every import there of a computed path (which it cannot follow), (c) every import
 * cycle and (d) every import that MAY_IMPORT does not allow.
 * Known violations that are being fixed elsewhere are listed in tools/import_allowlist.txt.
 */
import * as fs from 'fs';
import * as path from 'path';
import { tokenize, Token, TokenKind, UnreadableSourceError } from './source_tokens';

/**
 * The layers and which layers each may import (its own included). Graph building (framework,
 * ops, train) never reaches a backend or a kernel; a backend loads its kernels (the CPU backend
 * its WebAssembly module, the gpu.js backend kernels/gpu). Kernels see only framework-level
 * types and registries, plus one file of lib/session: run_context.ts, the per-run contract
 * (RunContext, and standaloneKernelContext for calling a CPU kernel outside a session, which
 * kernels/gpu/host_probe.ts does to reuse a CPU kernel's shape logic). That file is a layer of
 * its own so that it stays framework-level: it may import nothing else of lib/session.
 * lib/proto (generated protobuf messages) is a leaf: it imports only @bufbuild/protobuf, and any
 * layer may import it.
 * A file's layer is its longest matching prefix; every file under lib/ and kernels/ must have one.
 */
const LAYER_OF_PATH: ReadonlyArray<[prefix: string, layer: Layer]> = [
  ['lib/framework/', 'framework'], ['lib/registry/', 'framework'],
  ['lib/ops/', 'ops'],
  ['lib/train/', 'train'], ['lib/layers/', 'train'], ['lib/saved_model/', 'train'], ['lib/api/', 'train'], ['lib/examples/', 'train'], ['lib/estimator/', 'train'], ['lib/io/', 'train'], ['lib/onnx/', 'train'], ['lib/summary/', 'train'], ['lib/data/', 'train'],
  // lib/platform/browser holds the browser build's stand-ins for Node modules; the rest of lib/platform is tf.app/flags/gfile.
  ['lib/platform/', 'train'],
  ['lib/session/run_context.ts', 'run_context'],
  ['lib/session/', 'backends'], ['lib/gpu/', 'backends'],
  ['kernels/', 'kernels'],
  ['lib/index.ts', 'entry'], ['lib/browser.ts', 'entry'],
  ['lib/proto/', 'proto'],
  ['lib/platform/browser/', 'platform'],
];
type Layer = 'proto' | 'framework' | 'ops' | 'train' | 'run_context' | 'backends' | 'kernels' | 'entry' | 'platform';
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  proto: ['proto'],
  framework: ['proto', 'framework'],
  ops: ['proto', 'framework', 'ops'],
  train: ['proto', 'framework', 'ops', 'train'],
  run_context: ['proto', 'framework', 'run_context'],
  backends: ['proto', 'framework', 'ops', 'train', 'run_context', 'backends', 'kernels'],
  kernels: ['proto', 'framework', 'run_context', 'kernels'],
  entry: ['proto', 'framework', 'ops', 'train', 'run_context', 'backends', 'kernels', 'entry', 'platform'],
  // The browser build's stand-ins for Node modules (tools/build_web.ts substitutes them): leaves.
  platform: ['platform'],
};

/** Folders every file of which must be in a layer. */
const LAYERED_DIRS = ['lib', 'kernels'];
/** Folders whose files are read; tools/ takes part in the cycle check only (it has no layer). */
const SCANNED_DIRS = [...LAYERED_DIRS, 'tools'];

export interface Import { from: string; to: string; line: number }
export interface CheckResult { problems: string[]; staleAllowlistEntries: string[] }

/** The layer of a repository-relative path (its longest matching prefix); undefined for files outside the layers. */
function layerOf(file: string): Layer | undefined {
  let best: [string, Layer] | undefined;
  for (const [prefix, layer] of LAYER_OF_PATH) {
    const matches = file === prefix || (prefix.endsWith('/') && file.startsWith(prefix));
    if (matches && (!best || prefix.length > best[0].length)) best = [prefix, layer];
  }
  return best?.[1];
}

function listTsFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listTsFiles(root, rel));
    else if (/\.[mc]?ts$/.test(entry.name) && !/\.d\.[mc]?ts$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** A relative module specifier ('./x', '../x'); packages and node built-ins are not ours. */
const isRelative = (spec: string) => spec.startsWith('./') || spec.startsWith('../');

/** Promise methods: `import('./x').then(...)` runs the import; `import('./x').Name` is a type. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/** Words that may come before a method's name in a class body: `async require(name) {}` defines one. */
const METHOD_MODIFIERS = new Set(['async', 'static', 'public', 'private', 'protected', 'get', 'set', 'override', 'readonly']);

/** The relative, value imports of one source text (see scanImports). */
export function valueImportsOf(src: string): Array<{ spec: string; line: number }> {
  return scanImports(src).imports;
}

/**
 * The relative, value (not type-only) imports of one source text, as written, in order:
 * `import ... from`, `import '...'`, `export ... from` (`export *` included), `import x = require()`,
 * and `require()` and `import()` calls anywhere. Type-only forms are erased at run time and
 * skipped: `import type`, `export type`, `import { type A }` naming types only, `typeof import()`
 * and `import('./x').Type` in type positions. Found on tokens, so text in strings, template
 * literals, comments and regular expressions is never taken for an import.
 * Also the lines of `require(...)` and `import(...)` calls whose module is not a string literal
 * (`computed`): the check cannot follow those.
 */
export function scanImports(src: string): { imports: Array<{ spec: string; line: number }>; computed: number[] } {
  const tokens = tokenize(src);
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (pos: number) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= pos) lo = mid; else hi = mid - 1; }
    return lo + 1;
  };
  const at = (i: number) => tokens[i] as Token | undefined;
  const is = (i: number, kind: TokenKind, text?: string) => at(i)?.kind === kind && (text === undefined || at(i)!.text === text);
  const isPunct = (i: number, text: string) => is(i, 'punct', text);
  const isName = (i: number, text?: string) => is(i, 'name', text);
  /** A module reference `( 'spec' )` at i (import() may take an options argument); its string's index. */
  const callWithString = (i: number, allowOptions: boolean) =>
    isPunct(i, '(') && is(i + 1, 'string') && (isPunct(i + 2, ')') || (allowOptions && isPunct(i + 2, ','))) ? i + 1 : -1;
  /** `from 'spec'` at i: the string's index, else -1. */
  const fromString = (i: number) => (isName(i, 'from') && is(i + 1, 'string') ? i + 1 : -1);

  const out: Array<{ spec: string; line: number }> = [];
  const computed: number[] = [];
  const add = (stringIndex: number, keywordIndex: number) => {
    const spec = tokens[stringIndex].text;
    if (isRelative(spec)) out.push({ spec, line: lineAt(tokens[keywordIndex].pos) });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'name' || isPunct(i - 1, '.') || isPunct(i - 1, '?.')) continue;
    if (t.text === 'require') {
      const s = callWithString(i + 1, false);
      if (s >= 0) { add(s, i); i = s; } else if (isComputedCall(i)) computed.push(lineAt(t.pos));
    } else if (t.text === 'import') {
      if (isComputedCall(i)) { computed.push(lineAt(t.pos)); continue; }
      const dynamic = callWithString(i + 1, true);
      if (dynamic >= 0) {
        const close = isPunct(dynamic + 1, ')') ? dynamic + 1 : -1;
        const typePosition = isName(i - 1, 'typeof') ||
          (close >= 0 && isPunct(close + 1, '.') && isName(close + 2) && !PROMISE_METHODS.has(tokens[close + 2].text));
        if (!typePosition) add(dynamic, i);
        i = dynamic;
        continue;
      }
      const end = importStatement(i);
      if (end.string >= 0 && !end.typeOnly) add(end.string, i);
      i = Math.max(i, end.last);
    } else if (t.text === 'export') {
      const end = exportFrom(i);
      if (end.string >= 0 && !end.typeOnly) add(end.string, i);
      i = Math.max(i, end.last);
    }
  }
  return { imports: out, computed };

  /**
   * A call at i (its name) whose module is no string literal: `require(name)`, `import(dir + x)`;
   * not `function require(...)` or a method definition `import(x) {` / `async require(x): T {`.
   */
  function isComputedCall(i: number): boolean {
    if (!isPunct(i + 1, '(') || callWithString(i + 1, true) >= 0 || isName(i - 1, 'function')) return false;
    let close = i + 1;
    for (let depth = 0; at(close); close++) {
      if (isPunct(close, '(')) depth++;
      else if (isPunct(close, ')') && --depth === 0) break;
    }
    const startsMember = i === 0 || isPunct(i - 1, ';') || isPunct(i - 1, '{') || isPunct(i - 1, '}') ||
      (isName(i - 1) && METHOD_MODIFIERS.has(tokens[i - 1].text));
    return !(isPunct(close + 1, '{') || (isPunct(close + 1, ':') && startsMember));
  }

  /**
   * An import declaration from its `import` at i: the index of its module string (-1 when
   * it is none: `import.meta`, `import X = A.B`), whether it is erased, and its last token read.
   */
  function importStatement(i: number): { string: number; typeOnly: boolean; last: number } {
    if (is(i + 1, 'string')) return { string: i + 1, typeOnly: false, last: i + 1 };
    let j = i + 1;
    // `type` is a modifier unless it is the imported name itself (`import type from`, `import type = require`).
    const typeOnly = isName(j, 'type') && !(fromString(j + 1) >= 0 || isPunct(j + 1, ',') || isPunct(j + 1, '='));
    if (typeOnly) j++;
    if (isName(j) && isPunct(j + 1, '=')) {
      const s = isName(j + 2, 'require') ? callWithString(j + 3, false) : -1;
      return { string: s, typeOnly, last: s >= 0 ? s : j };
    }
    const clause = bindingClause(j);
    if (clause.end < 0) return { string: -1, typeOnly, last: i };
    const s = fromString(clause.end);
    return { string: s, typeOnly: typeOnly || clause.typesOnly, last: s >= 0 ? s : i };
  }

  /** `export ... from 'x'` from its `export` at i (other exports declare local names: string -1). */
  function exportFrom(i: number): { string: number; typeOnly: boolean; last: number } {
    let j = i + 1;
    const typeOnly = isName(j, 'type') && (isPunct(j + 1, '{') || isPunct(j + 1, '*'));
    if (typeOnly) j++;
    if (!isPunct(j, '{') && !isPunct(j, '*')) return { string: -1, typeOnly, last: i };
    const clause = bindingClause(j);
    const s = clause.end >= 0 ? fromString(clause.end) : -1;
    return { string: s, typeOnly: typeOnly || clause.typesOnly, last: s >= 0 ? s : i };
  }

  /**
   * The names between `import`/`export` and `from`: a default name, `* as ns`, `{ a, type B as C }`,
   * in any allowed combination. Returns the index after them (-1 if what follows is no such
   * clause) and whether they name types only (a non-empty braces list, every entry `type ...`).
   */
  function bindingClause(j: number): { end: number; typesOnly: boolean } {
    let typesOnly = false;
    for (;;) {
      if (isPunct(j, '*')) {
        j++;
        if (isName(j, 'as')) j += 2;
      } else if (isPunct(j, '{')) {
        const entries: Token[][] = [[]];
        for (j++; at(j) && !isPunct(j, '}'); j++) {
          if (isPunct(j, ',')) entries.push([]);
          else if (at(j)!.kind === 'name' || at(j)!.kind === 'string') entries[entries.length - 1].push(at(j)!);
          else return { end: -1, typesOnly: false };
        }
        if (!at(j)) return { end: -1, typesOnly: false };
        j++;
        const named = entries.filter((e) => e.length > 0);
        // `{ type }` and `{ type as t }` import a value called type.
        const isTypeEntry = (e: Token[]) => e[0].text === 'type' && e.length > 1 && !(e.length === 3 && e[1].text === 'as');
        typesOnly = named.length > 0 && named.every(isTypeEntry);
      } else if (isName(j) && !isName(j, 'from')) {
        j++;
      } else if (isName(j, 'from') && (isName(j + 1, 'from') || isPunct(j + 1, ','))) {
        j++; // a default import called from
      } else {
        return { end: -1, typesOnly: false };
      }
      if (!isPunct(j, ',')) return { end: j, typesOnly };
      j++;
    }
  }
}

/** The TypeScript source a compiled extension comes from: './x.js' is written for './x.ts'. */
const SOURCE_EXTENSION: Record<string, string> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

/**
 * Resolves './x' from 'lib/a/b.ts' to the repository-relative source file it loads, if it is
 * one of ours, as moduleResolution "bundler" does: the path as written, with .ts added, as a
 * folder's index.ts, or with a .js/.mjs/.cjs extension standing for .ts/.mts/.cts.
 */
function resolve(root: string, from: string, spec: string): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const ext = path.posix.extname(base);
  const candidates = [base, `${base}.ts`, `${base}/index.ts`];
  if (SOURCE_EXTENSION[ext]) candidates.unshift(base.slice(0, -ext.length) + SOURCE_EXTENSION[ext]);
  for (const candidate of candidates) {
    if (/\.[mc]?ts$/.test(candidate) && fs.statSync(path.join(root, candidate), { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

const isLayered = (file: string) => LAYERED_DIRS.some((d) => file.startsWith(`${d}/`));

/** The imports between our files (type-only ones left out). */
export function collectImports(root: string): Import[] {
  return readImports(root, SCANNED_DIRS.flatMap((d) => listTsFiles(root, d))).imports;
}

/** The imports of `files` between our files, and the problems of computed imports in the layers. */
function readImports(root: string, files: string[]): { imports: Import[]; computed: string[] } {
  const imports: Import[] = [];
  const computed: string[] = [];
  for (const file of files) {
    const src = fs.readFileSync(path.join(root, file), 'utf8');
    let found: ReturnType<typeof scanImports>;
    try {
      found = scanImports(src);
    } catch (e) {
      if (!(e instanceof UnreadableSourceError)) throw e;
      const line = src.slice(0, e.pos).split('\n').length;
      throw new Error(`${file}:${line}: cannot read its imports: ${e.message} (TypeScript has none: ` +
        "if this is valid code, a regular expression after ')' or '}' was read as a division; wrap it in parentheses)");
    }
    if (isLayered(file)) {
      for (const line of found.computed) {
        computed.push(`${file}:${line}: import of a computed path: the check cannot follow it (name the module with a string literal)`);
      }
    }
    for (const { spec, line } of found.imports) {
      const to = resolve(root, file, spec);
      if (to) imports.push({ from: file, to, line });
    }
  }
  return { imports, computed };
}

/** Allowlist lines: 'from -> to  # why'; a path ending in '/' stands for every file under it. */
function readAllowlist(file: string): Array<{ from: string; to: string; text: string }> {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((text) => {
      const parts = text.split('->').map((s) => s.trim());
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`${file}: bad line '${text}' (want 'from -> to # why')`);
      return { from: parts[0], to: parts[1], text };
    });
}

const matchesPath = (pattern: string, file: string) => pattern.endsWith('/') ? file.startsWith(pattern) : file === pattern;

/** Cycles among the imports, each as the list of its edges, found by a depth-first search. */
function findCycles(imports: Import[]): Import[][] {
  const edges = new Map<string, Import[]>();
  for (const imp of imports) {
    if (!edges.has(imp.from)) edges.set(imp.from, []);
    edges.get(imp.from)!.push(imp);
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: Import[] = [];
  const cycles: Import[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    for (const imp of edges.get(file) ?? []) {
      const s = state.get(imp.to);
      if (s === 'open') {
        const start = stack.findIndex((e) => e.from === imp.to);
        cycles.push([...stack.slice(start === -1 ? stack.length : start), imp]);
      } else if (s === undefined) {
        stack.push(imp);
        visit(imp.to);
        stack.pop();
      }
    }
    state.set(file, 'done');
  };
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

export function checkImports(root: string, allowlistFile = path.join(root, 'tools/import_allowlist.txt')): CheckResult {
  const allowlist = readAllowlist(allowlistFile);
  const used = new Set<string>();
  const allowed = (imp: Import) => {
    const entry = allowlist.find((a) => matchesPath(a.from, imp.from) && matchesPath(a.to, imp.to));
    if (entry) used.add(entry.text);
    return entry !== undefined;
  };
  const files = SCANNED_DIRS.flatMap((d) => listTsFiles(root, d));
  const problems = files.filter((f) => isLayered(f) && !layerOf(f)).map((f) => `${f} is in no layer: add its folder to LAYER_OF_PATH`);
  const read = readImports(root, files);
  problems.push(...read.computed);
  const imports = read.imports.filter((imp) => !allowed(imp));
  for (const imp of imports) {
    const from = layerOf(imp.from), to = layerOf(imp.to);
    if (from && to && !MAY_IMPORT[from].includes(to)) {
      problems.push(`${imp.from}:${imp.line}: layer violation: ${from} imports ${to} (${imp.to})`);
    }
  }
  for (const cycle of findCycles(imports)) {
    const files = [...cycle.map((e) => e.from), cycle[0].from].join(' -> ');
    problems.push(`${cycle[0].from}:${cycle[0].line}: import cycle: ${files}`);
  }
  return { problems, staleAllowlistEntries: allowlist.map((a) => a.text).filter((t) => !used.has(t)) };
}

function main(): number {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..'));
  let result: CheckResult;
  try {
    result = checkImports(root);
  } catch (e) {
    console.error(`check_imports: ${(e as Error).message}`);
    return 2;
  }
  for (const entry of result.staleAllowlistEntries) {
    console.warn(`tools/import_allowlist.txt: '${entry}' matches no import any more; remove it`);
  }
  if (result.problems.length > 0) {
    console.error(result.problems.join('\n'));
    console.error(`check_imports: ${result.problems.length} problem(s); the layers, lowest first: ` +
      'lib/framework + lib/registry <- lib/ops <- lib/train, lib/saved_model <- lib/session, lib/gpu; ' +
      'kernels/ imports only lib/framework, lib/registry and lib/session/run_context.ts ' +
      '(see LAYER_OF_PATH and MAY_IMPORT in tools/check_imports.ts)');
    return 1;
  }
  console.log('check_imports: no cycles, no imports against the layers');
  return 0;
}

if (require.main === module) process.exitCode = main();
