/** The browser build's `os`: the few facts the library asks for (thread counts, a scratch folder). */
declare const navigator: { hardwareConcurrency?: number } | undefined;

export function availableParallelism(): number {
  return typeof navigator !== 'undefined' && navigator?.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
}
export function cpus(): unknown[] { return new Array(availableParallelism()).fill({}); }
/** A folder of the in-memory file system (lib/platform/browser/fs.ts). */
export function tmpdir(): string { return '/tmp'; }
export function platform(): string { return 'browser'; }
export function homedir(): string { return '/'; }
/** Event files are named after the host (events.out.tfevents.<time>.<host>); a page has none of its own. */
export function hostname(): string { return 'localhost'; }
export const EOL = '\n';
/** Every engine a page runs on is little-endian in practice; typed arrays use the machine's order. */
export function endianness(): 'LE' | 'BE' { return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE'; }
export default { availableParallelism, cpus, tmpdir, platform, homedir, hostname, EOL, endianness };
