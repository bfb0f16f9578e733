import * as fs from 'fs';
import type { Browser } from 'puppeteer-core';

/** Debian's chromium (apt-get install chromium); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const file = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(file)) {
    throw new Error(`chromium not found at ${file}: install it with \`apt-get install chromium\` (.ci/run does), ` +
      'or set CHROMIUM_PATH to a Chromium executable');
  }
  return file;
}

/**
 * Headless Chromium with WebGL on SwiftShader (the software renderer: there is no GPU
 * here), so gpu.js gets a WebGL2 context; --no-sandbox only as root, where Chromium
 * refuses to start sandboxed.
 */
export async function launchChromium(): Promise<Browser> {
  const puppeteer = await import('puppeteer-core');
  const args = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return puppeteer.launch({ executablePath: chromiumPath(), headless: true, args });
}
