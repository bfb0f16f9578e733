/**
 * The browser build's `path`: POSIX joins over the in-memory file system's names
 * (lib/platform/browser/fs.ts), enough for the loaders' and savers' path arithmetic.
 */
export const sep = '/';
export const delimiter = ':';

export function normalize(p: string): string {
  const absolute = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/') + (p.endsWith('/') && parts.length > 0 ? '/' : '');
  return absolute ? `/${joined}` : joined || '.';
}

export function join(...parts: string[]): string { return normalize(parts.filter((p) => p !== '').join('/')); }
export function resolve(...parts: string[]): string {
  let out = '';
  for (const p of parts) out = p.startsWith('/') ? p : `${out}/${p}`;
  return normalize(out.startsWith('/') ? out : `/${out}`);
}
export function isAbsolute(p: string): boolean { return p.startsWith('/'); }
/** normalize without a trailing slash: dirname and basename ignore it, as Node's do. */
const trimmed = (p: string) => { const n = normalize(p); return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n; };

export function dirname(p: string): string {
  const n = trimmed(p);
  const i = n.lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : n.slice(0, i);
}
export function basename(p: string, ext?: string): string {
  const base = trimmed(p).split('/').pop() ?? '';
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}
export function extname(p: string): string {
  const base = basename(p);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i);
}
export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean), b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
export const posix = { sep, delimiter, normalize, join, resolve, isAbsolute, dirname, basename, extname, relative };
export default posix;
