/**
 * Checks that the run-time imports between the project's modules point one way:
 *   node dist/tools/check_imports.js [root]
 * Reads the relative imports of every .ts file under lib/, kernels/ and tools/ (tools only for
 * cycles), skipping `import type` / `export type` (erased at run time), and exits 1 listing
 * (a) every import cycle and (b) every import from a lower layer into a higher one.
 * Known violations that are being fixed elsewhere are listed in tools/import_allowlist.txt.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * The layers and which layers each may import (its own included). Graph building (framework,
 * ops, train) never reaches a backend or a kernel; a backend loads its kernels (the CPU backend
 * its WebAssembly module, the gpu.js backend kernels/gpu), and kernels see only framework-level
 * types and registries (cycles between backends and kernels are caught by the cycle check).
 */
const LAYER_OF_PATH: ReadonlyArray<[prefix: string, layer: Layer]> = [
  ['lib/framework/', 'framework'], ['lib/registry/', 'framework'],
  ['lib/ops/', 'ops'],
  ['lib/train/', 'train'], ['lib/saved_model/', 'train'], ['lib/api/', 'train'], ['lib/examples/', 'train'],
  ['lib/session/', 'backends'], ['lib/gpu/', 'backends'],
  ['kernels/', 'kernels'],
  ['lib/index.ts', 'entry'],
];
type Layer = 'framework' | 'ops' | 'train' | 'backends' | 'kernels' | 'entry';
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  framework: ['framework'],
  ops: ['framework', 'ops'],
  train: ['framework', 'ops', 'train'],
  backends: ['framework', 'ops', 'train', 'backends', 'kernels'],
  kernels: ['framework', 'ops', 'train', 'backends', 'kernels'],
  entry: ['framework', 'ops', 'train', 'backends', 'kernels', 'entry'],
};

/** Folders whose files are read; tools/ takes part in the cycle check only (it has no layer). */
const SCANNED_DIRS = ['lib', 'kernels', 'tools'];

export interface Import { from: string; to: string; line: number }
export interface CheckResult { problems: string[]; staleAllowlistEntries: string[] }

/** The layer of a repository-relative path; undefined for files outside the layers (tools/). */
function layerOf(file: string): Layer | undefined {
  return LAYER_OF_PATH.find(([prefix]) => file === prefix || (prefix.endsWith('/') && file.startsWith(prefix)))?.[1];
}

function listTsFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listTsFiles(root, rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Blanks out comments, keeping offsets (and so line numbers). */
function stripComments(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, lead: string) => lead + ' '.repeat(m.length - lead.length));
}

/** `import ... from './x'`, `import './x'`, `export ... from './x'`, at the start of a line. */
const STATEMENT = /^[ \t]*(import|export)\s+(type\s+)?(?:([^;'"]*?)\s*from\s*)?(['"])(\.{1,2}\/[^'"]*)\4/gm;
const REQUIRE = /\brequire\(\s*(['"])(\.{1,2}\/[^'"]*)\1\s*\)/g;

/** The relative, value (not type-only) imports of one source text, as written. */
export function valueImportsOf(src: string): Array<{ spec: string; line: number }> {
  const code = stripComments(src);
  const lineAt = (offset: number) => code.slice(0, offset).split('\n').length;
  const out: Array<{ spec: string; line: number }> = [];
  for (const m of code.matchAll(STATEMENT)) {
    const [, , typeKeyword, clause = '', , spec] = m;
    if (typeKeyword) continue;
    // `import { type A, type B } from` names types only and is erased too.
    const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
    if (braces) {
      const names = braces[1].split(',').map((s) => s.trim()).filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    }
    out.push({ spec, line: lineAt(m.index!) });
  }
  for (const m of code.matchAll(REQUIRE)) out.push({ spec: m[2], line: lineAt(m.index!) });
  return out;
}

/** Resolves './x' from 'lib/a/b.ts' to the repository-relative .ts file it loads, if it is one of ours. */
function resolve(root: string, from: string, spec: string): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (candidate.endsWith('.ts') && fs.existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

export function collectImports(root: string): Import[] {
  const imports: Import[] = [];
  for (const file of SCANNED_DIRS.flatMap((d) => listTsFiles(root, d))) {
    const src = fs.readFileSync(path.join(root, file), 'utf8');
    for (const { spec, line } of valueImportsOf(src)) {
      const to = resolve(root, file, spec);
      if (to) imports.push({ from: file, to, line });
    }
  }
  return imports;
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
  const imports = collectImports(root).filter((imp) => !allowed(imp));
  const problems: string[] = [];
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
      'lib/framework + lib/registry <- lib/ops <- lib/train, lib/saved_model <- lib/session, lib/gpu <- kernels ' +
      '(see MAY_IMPORT in tools/check_imports.ts)');
    return 1;
  }
  console.log('check_imports: no cycles, no imports against the layers');
  return 0;
}

if (require.main === module) process.exitCode = main();
