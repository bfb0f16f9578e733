import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { valueImportsOf } from '../tools/check_imports';
import { UnreadableSourceError } from '../tools/source_tokens';

const SCRIPT = path.join(__dirname, '..', 'tools', 'check_imports.js');
const REPO = path.join(__dirname, '..', '..');

const fixtures: string[] = [];
after(() => { for (const dir of fixtures) fs.rmSync(dir, { recursive: true, force: true }); });

/** Writes a source tree (path -> text) into a fresh temporary folder. */
function fixtureTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-imports-'));
  fixtures.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string) {
  const r = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A tree with one cycle (ops/b <-> ops/c), two imports against the layers, and imports the check must ignore. */
const TREE = {
  'lib/framework/a.ts': "// import { nothing } from '../session/s';\nimport { b } from '../ops/b';\nexport const a = b;\n",
  'lib/ops/b.ts': "import type { S } from '../session/s';\nimport {\n  c,\n} from './c';\nexport const b = c;\nexport type T = S;\n",
  'lib/ops/c.ts': "import { type S } from '../session/s';\nimport { b } from './b';\nexport const c = 1;\nexport const d = () => b;\nexport type U = S;\n",
  'lib/train/t.ts': "import { a } from '../framework/a';\nexport { s } from '../session/s';\nexport const t = a;\n",
  'lib/session/s.ts': "import { t } from '../train/t';\nexport const s = 1;\nexport type S = number;\nexport const u = t;\n",
};

describe('tools/check_imports', () => {
  it('passes on this repository (with its allowlist)', () => {
    const r = check(REPO);
    expect(r.stderr).to.equal('');
    expect(r.status).to.equal(0);
  });

  it('reports each cycle and each import against the layers, with file:line, and exits 1', () => {
    const r = check(fixtureTree(TREE));
    expect(r.status).to.equal(1);
    const lines = r.stderr.split('\n');
    expect(lines).to.include('lib/framework/a.ts:2: layer violation: framework imports ops (lib/ops/b.ts)');
    expect(lines).to.include('lib/train/t.ts:2: layer violation: train imports backends (lib/session/s.ts)');
    expect(lines).to.include('lib/ops/b.ts:2: import cycle: lib/ops/b.ts -> lib/ops/c.ts -> lib/ops/b.ts');
    expect(lines).to.include('lib/session/s.ts:1: import cycle: lib/session/s.ts -> lib/train/t.ts -> lib/session/s.ts');
    // The type-only imports of lib/session from lib/ops, and the commented-out one, are erased at run time.
    expect(r.stderr).not.to.match(/ops imports backends|framework imports backends/);
    expect(lines.filter((l) => /violation|cycle/.test(l))).to.have.length(4);
  });

  it('accepts what the allowlist names and warns about entries that match nothing', () => {
    const root = fixtureTree({
      ...TREE,
      'tools/import_allowlist.txt': '# being fixed elsewhere\nlib/framework/a.ts -> lib/ops/b.ts  # moves to ops\n' +
        'lib/ops/c.ts -> lib/ops/b.ts\nlib/train/ -> lib/session/\nlib/ops/gone.ts -> lib/ops/b.ts # fixed already\n',
    });
    const r = check(root);
    expect(r.status).to.equal(0);
    expect(r.stderr).to.contain("tools/import_allowlist.txt: 'lib/ops/gone.ts -> lib/ops/b.ts' matches no import any more; remove it");
    expect(r.stdout).to.contain('no cycles');
  });

  it('rejects a malformed allowlist line', () => {
    const r = check(fixtureTree({ ...TREE, 'tools/import_allowlist.txt': 'lib/ops/c.ts lib/ops/b.ts\n' }));
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain("bad line 'lib/ops/c.ts lib/ops/b.ts' (want 'from -> to # why')");
  });

  it('reads side-effect imports, re-exports and require() of relative paths, not packages or type-only forms', () => {
    const src = [
      "import './side_effect';",
      "export * from './all';",
      "export * as ns from './ns';",
      "import Default, { named } from '../default';",
      "import type { T } from './type_only';",
      "export type { U } from './type_reexport';",
      "import { type A, type B } from './types_only';",
      "import { type C, value } from './mixed';",
      "import * as fs from 'fs';",
      "const lazy = require('./lazy');",
      "const s = './not_an_import';",
      '/* import { x } from "./in_comment"; */',
    ].join('\n');
    expect(valueImportsOf(src)).to.deep.equal([
      { spec: './side_effect', line: 1 }, { spec: './all', line: 2 }, { spec: './ns', line: 3 },
      { spec: '../default', line: 4 }, { spec: './mixed', line: 8 }, { spec: './lazy', line: 10 },
    ]);
  });
  it('finds the imports that line-anchored regexes missed: import(), .js specifiers, mid-line, after a /* in a string', () => {
    const r = check(fixtureTree({
      'lib/session/s.ts': 'export const s = 1;\n',
      'lib/framework/dynamic.ts': "export async function load() {\n  return (await import('../session/s')).s;\n}\n",
      'lib/framework/js_extension.ts': "import { s } from '../session/s.js';\nexport const x = s;\n",
      'lib/framework/mid_line.ts': "// two statements on one line\nexport const before = 1; import { s } from '../session/s';\nexport const x = s;\n",
      'lib/framework/glob.ts': "export const pattern = 'lib/*';\nimport { s } from '../session/s';\n/** Uses s. */\nexport const x = s;\n",
      'lib/ops/p.ts': "export const q = () => import('./q.js');\n",
      'lib/ops/q.ts': "import { q } from './p';\nexport const p = q;\n",
    }));
    expect(r.status).to.equal(1);
    const lines = r.stderr.split('\n');
    expect(lines).to.include('lib/framework/dynamic.ts:2: layer violation: framework imports backends (lib/session/s.ts)');
    expect(lines).to.include('lib/framework/js_extension.ts:1: layer violation: framework imports backends (lib/session/s.ts)');
    expect(lines).to.include('lib/framework/mid_line.ts:2: layer violation: framework imports backends (lib/session/s.ts)');
    expect(lines).to.include('lib/framework/glob.ts:2: layer violation: framework imports backends (lib/session/s.ts)');
    expect(lines).to.include('lib/ops/p.ts:1: import cycle: lib/ops/p.ts -> lib/ops/q.ts -> lib/ops/p.ts');
    expect(lines.filter((l) => /violation|cycle/.test(l))).to.have.length(5);
  });

  it('rejects a file under lib/ or kernels/ that is in no layer, with or without imports', () => {
    const r = check(fixtureTree({
      'lib/framework/f.ts': 'export const f = 1;\n',
      'lib/misc/x.ts': "import { f } from '../framework/f';\nexport const x = f;\n",
      'lib/stray.ts': 'export const stray = 1;\n',
      'tools/helper.ts': "import { x } from '../lib/misc/x';\nexport const h = x;\n",
    }));
    expect(r.status).to.equal(1);
    const lines = r.stderr.split('\n');
    expect(lines).to.include('lib/misc/x.ts is in no layer: add its folder to LAYER_OF_PATH');
    expect(lines).to.include('lib/stray.ts is in no layer: add its folder to LAYER_OF_PATH');
    // tools/ is outside the layers on purpose (cycles only).
    expect(r.stderr).not.to.contain('tools/helper.ts');
  });

  it('lets kernels import framework-level code and lib/session/run_context.ts only; the run context stays framework-level', () => {
    const r = check(fixtureTree({
      'lib/framework/f.ts': 'export const f = 1;\n',
      'lib/registry/g.ts': 'export const g = 1;\n',
      'lib/ops/o.ts': 'export const o = 1;\n',
      'lib/train/t.ts': 'export const t = 1;\n',
      'lib/gpu/device.ts': 'export const d = 1;\nexport type D = number;\n',
      'lib/session/variable_store.ts': 'export const v = 1;\nexport type V = number;\n',
      'lib/session/run_context.ts': "import { f } from '../framework/f';\nimport type { V } from './variable_store';\n" +
        "import { v } from './variable_store';\nexport const run = f + v;\nexport type W = V;\n",
      'kernels/cpu/k.ts': [
        "import { f } from '../../lib/framework/f';",
        "import { g } from '../../lib/registry/g';",
        "import { run } from '../../lib/session/run_context';",
        "import type { D } from '../../lib/gpu/device';",
        "import { o } from '../../lib/ops/o';",
        "import { t } from '../../lib/train/t';",
        "import { d } from '../../lib/gpu/device';",
        "import { v } from '../../lib/session/variable_store';",
        'export const k = [f, g, run, o, t, d, v];',
        'export type E = D;',
      ].join('\n'),
    }));
    expect(r.status).to.equal(1);
    const lines = r.stderr.split('\n');
    expect(lines).to.include('kernels/cpu/k.ts:5: layer violation: kernels imports ops (lib/ops/o.ts)');
    expect(lines).to.include('kernels/cpu/k.ts:6: layer violation: kernels imports train (lib/train/t.ts)');
    expect(lines).to.include('kernels/cpu/k.ts:7: layer violation: kernels imports backends (lib/gpu/device.ts)');
    expect(lines).to.include('kernels/cpu/k.ts:8: layer violation: kernels imports backends (lib/session/variable_store.ts)');
    expect(lines).to.include('lib/session/run_context.ts:3: layer violation: run_context imports backends (lib/session/variable_store.ts)');
    expect(lines.filter((l) => /violation|cycle/.test(l))).to.have.length(5);
  });

  it('reads imports on tokens: not inside strings, templates, comments or regexes; type positions skipped', () => {
    const src = [
      "const a = 1; import { mid } from './mid_line';",
      "import { ext } from './ext.js';",
      "const glob = 'lib/*'; const re = /['\"`]/g; // quotes in a regex",
      "import { afterString } from './after_string'; /* */",
      "const t = `import { no } from './in_template' ${require('./in_substitution')} ${`${import('./nested')}`}`;",
      "async function f() { return import('./dynamic'); }",
      'const m = import(`./template_spec`).then((x) => x);',
      "type Lazy = typeof import('./type_position');",
      "let n: import('./type_position2').N;",
      "import eq = require('./import_equals');",
      "import type teq = require('./type_import_equals');",
      "export type * from './type_star';",
      "const meta = import.meta; obj.import('./method'); obj.require('./method2');",
      "const s = \"// import x from './in_string'\"; export { named } from './reexport'; export { type V } from './type_reexport';",
      "import type, { value2 } from './default_named_type';",
      "const q = a / b; import { afterDivision } from './after_division'; const r = c / d;",
      "const notStatic = require('./dir/' + name); export const e = { import: 1 }; if (e) /'`/.test(s);",
      "export import alias = require('./export_import_equals');",
      "x.if(a) / 2; import { y } from './after_member_if'; const z = 3 / 4;",
      "require('\\x2e/hex_escaped'); import { u } from '\\u002e\\u{2E}/unicode_escaped';",
    ].join('\n');
    expect(valueImportsOf(src)).to.deep.equal([
      { spec: './mid_line', line: 1 }, { spec: './ext.js', line: 2 }, { spec: './after_string', line: 4 },
      { spec: './in_substitution', line: 5 }, { spec: './nested', line: 5 }, { spec: './dynamic', line: 6 },
      { spec: './template_spec', line: 7 }, { spec: './import_equals', line: 10 }, { spec: './reexport', line: 14 },
      { spec: './default_named_type', line: 15 }, { spec: './after_division', line: 16 },
      { spec: './export_import_equals', line: 18 }, { spec: './after_member_if', line: 19 },
      { spec: './hex_escaped', line: 20 }, { spec: '../unicode_escaped', line: 20 },
    ]);
  });
  it('refuses, with file:line and exit 2, a file whose tokens it loses track of, rather than miss its imports', () => {
    // Valid TypeScript that the tokenizer misreads: a regular expression statement right after a
    // block is taken for a division, so its quote seems to open a string the line never closes.
    const r = check(fixtureTree({
      'lib/session/s.ts': 'export const s = 1;\n',
      'lib/framework/misread.ts': "export function f() {}\n/'/.test('x');\nimport { s } from '../session/s';\n",
    }));
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain('check_imports: lib/framework/misread.ts:2: cannot read its imports: unterminated string literal');
    for (const [src, message] of [
      ["/* import { x } from './x';", 'unterminated comment'],
      ["const t = `${a}\nimport { x } from './x';", 'unterminated template literal'],
      ["const t = `${`${a}`;\nimport { x } from './x';", 'unterminated template literal'],
    ]) {
      expect(() => valueImportsOf(src)).to.throw(UnreadableSourceError, message);
    }
  });
  it('rejects an import of a computed path under lib/ or kernels/ (it cannot be followed), not a method of that name', () => {
    const r = check(fixtureTree({
      'lib/framework/f.ts': [
        "const dir = '../session/';",
        'export const load = (name: string) => require(dir + name);',
        'export const later = async (name: string) => import(`${dir}${name}`);',
        'export const pick = (a: boolean) => a ? require(dir) : import(dir);',
        'export class Loader {',
        '  require(name: string) { return name; }',
        '  async import(name: string): Promise<string> { return name; }',
        '}',
        'function scope() { function require(name: string) { return name; } return require; }',
      ].join('\n'),
      'tools/cli.ts': "export const plugin = (p: string) => require(p);\n",
    }));
    expect(r.status).to.equal(1);
    const computed = r.stderr.split('\n').filter((l) => l.includes('computed path'));
    expect(computed).to.deep.equal([2, 3, 4, 4].map((line) =>
      `lib/framework/f.ts:${line}: import of a computed path: the check cannot follow it (name the module with a string literal)`));
  });
});
