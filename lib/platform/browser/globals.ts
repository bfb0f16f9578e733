/**
 * `process` and `Buffer` for the browser build, injected by tools/build_web.ts wherever
 * the library names them: settings read from process.env (TENSORGRAPH_*) are simply
 * unset in a page, log lines go to the console, and Buffer covers the byte/string
 * conversions the loaders make (utf8, base64, hex).
 */
declare function atob(s: string): string;
declare function btoa(s: string): string;
declare const performance: { now(): number };

type Encoding = 'utf8' | 'utf-8' | 'base64' | 'hex' | 'latin1' | 'binary' | undefined;

class BrowserBuffer extends Uint8Array {
  // `any`: Node's Buffer.from overloads Uint8Array.from's signature.
  static override from(value: any, encoding?: any, length?: number): BrowserBuffer {
    if (typeof value !== 'string') {
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
        return new BrowserBuffer(value as ArrayBuffer, (encoding as number | undefined) ?? 0, length);
      }
      const out = new BrowserBuffer((value as ArrayLike<number>).length);
      out.set(value as ArrayLike<number>);
      return out;
    }
    if (encoding === 'base64') return BrowserBuffer.from(Array.from(atob(value), (c) => c.charCodeAt(0)));
    if (encoding === 'hex') return BrowserBuffer.from((value.match(/../g) ?? []).map((h) => parseInt(h, 16)));
    if (encoding === 'latin1' || encoding === 'binary') return BrowserBuffer.from(Array.from(value, (c) => c.charCodeAt(0)));
    return BrowserBuffer.from(new TextEncoder().encode(value));
  }
  static alloc(size: number, fill = 0): BrowserBuffer { return new BrowserBuffer(size).fill(fill) as BrowserBuffer; }
  static allocUnsafe(size: number): BrowserBuffer { return new BrowserBuffer(size); }
  static isBuffer(x: unknown): boolean { return x instanceof BrowserBuffer; }
  static concat(list: Uint8Array[]): BrowserBuffer {
    const out = new BrowserBuffer(list.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of list) { out.set(b, at); at += b.length; }
    return out;
  }
  override toString(encoding?: Encoding): string {
    if (encoding === 'base64') {
      let s = '';
      for (let i = 0; i < this.length; i += 0x8000) s += String.fromCharCode(...this.subarray(i, i + 0x8000));
      return btoa(s);
    }
    if (encoding === 'hex') return Array.from(this, (b) => b.toString(16).padStart(2, '0')).join('');
    if (encoding === 'latin1' || encoding === 'binary') return Array.from(this, (b) => String.fromCharCode(b)).join('');
    return new TextDecoder().decode(this);
  }
}

export const Buffer = BrowserBuffer;

export const process = {
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: 'browser',
  versions: {} as Record<string, string>,
  stdout: { write: (s: string) => { console.log(s.replace(/\n$/, '')); return true; } },
  stderr: { write: (s: string) => { console.error(s.replace(/\n$/, '')); return true; } },
  cwd: () => '/',
  hrtime: Object.assign((prev?: [number, number]) => {
    const ns = Math.round(performance.now() * 1e6);
    const t: [number, number] = [Math.floor(ns / 1e9), ns % 1e9];
    return prev ? [t[0] - prev[0], t[1] - prev[1]] : t;
  }, { bigint: () => BigInt(Math.round(performance.now() * 1e6)) }),
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
  on: () => process,
  emitWarning: (w: unknown) => console.warn(w),
  exitCode: 0,
};
