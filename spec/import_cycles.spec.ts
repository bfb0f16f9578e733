import { expect } from 'chai';
import * as path from 'path';
import { importCycles, importGraph } from './helpers/import_graph';

/** The repository root, from dist/spec where the compiled spec runs. */
const ROOT = path.resolve(__dirname, '..', '..');
const rel = (group: string[]) => group.map((f) => path.relative(ROOT, f));

describe('import structure', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    expect(importCycles(graph)).to.deep.equal([['a', 'b', 'c'], ['e']]);
  });

  for (const dirs of [['lib/gpu', 'kernels/gpu'], ['lib/session']]) {
    it(`has no import cycle within ${dirs.join(' + ')}`, () => {
      const cycles = importCycles(importGraph(dirs.map((d) => path.join(ROOT, d))));
      expect(cycles.map(rel)).to.deep.equal([]);
    });
  }
});
