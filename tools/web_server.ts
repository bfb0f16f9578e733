/**
 * Serves the browser build and demo:  node dist/tools/web_server.js [--port 8080] [--dir dist/web]
 * (npm run web builds first). sirv serves the files; every response carries the
 * cross-origin isolation headers (COOP same-origin, COEP require-corp), which pages need
 * for SharedArrayBuffer and so for the CPU backend's shared WebAssembly memory.
 */
import * as http from 'http';
import * as path from 'path';
import type { AddressInfo } from 'net';
import sirv from 'sirv';

export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export interface WebServer { url: string; close(): Promise<void> }

/** Serves `dir` on 127.0.0.1:`port` (0: any free port). */
export function startWebServer(dir: string, port = 0): Promise<WebServer> {
  const serve = sirv(dir, {
    dev: true, // no caching: a rebuilt bundle or model is served at once
    setHeaders: (res) => { for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v); },
  });
  const server = http.createServer((req, res) => serve(req, res, () => {
    res.statusCode = 404;
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
    res.end('Not found');
  }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

if (require.main === module) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const dir = path.resolve(arg('dir', path.join(__dirname, '..', 'web')));
  startWebServer(dir, Number(arg('port', '8080'))).then((s) => {
    console.log(`tensorgraph demo: ${s.url}index.html  (serving ${dir}, cross-origin isolated)`);
  }).catch((e) => { console.error(e); process.exit(1); });
}
