import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'puppeteer-core';
import { buildDemo, buildLibrary, ROOT, WEB_DIR } from '../tools/build_web';
import { ensureWebModel } from '../tools/web_model';
import { startWebServer, WebServer } from '../tools/web_server';
import { launchChromium } from './helpers/chromium';

/** What examples/web/demo.ts puts on window.tensorgraphDemo. */
interface DemoHooks {
  ready: Promise<string>;
  useDevice(device: string): Promise<string>;
  paintTestDigit(index: number): Promise<{ label: number; predicted: number; probabilities: number[] }>;
  lastPrediction(): { predicted: number; probabilities: number[] } | null;
  train(steps: number): Promise<{ losses: number[]; accuracy: number; device: string }>;
  resetTraining(): void;
  crossOriginIsolated: boolean;
  cpuThreads(): { threads: number; readyWorkers: number };
  setCpuThreads(n: number): void;
}
declare const window: { tensorgraphDemo: DemoHooks };

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
/** Held-out digits (not in the CNN's training split) the model classifies correctly. */
const TEST_DIGITS = [0, 1, 2, 3, 4];

describe('the demo page in headless Chromium (examples/web)', function () {
  this.timeout(60_000);
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async function () {
    this.timeout(300_000); // a fresh checkout trains the demo's model first (npm run web:model; about 90 s)
    ensureWebModel({ log: () => {} });
    await buildLibrary();
    await buildDemo();
    server = await startWebServer(WEB_DIR);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setViewport({ width: 900, height: 760 });
    await page.goto(`${server.url}index.html`);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads cross-origin isolated, on the CPU backend by default (SwiftShader is no GPU) with the WebAssembly kernels', async () => {
    const description = await page.evaluate(() => window.tensorgraphDemo.ready);
    const threads = /^cpu · kernels wasm-simd, (\d+) threads · cross-origin isolated$/.exec(description);
    expect(threads, description).to.not.equal(null);
    expect(Number(threads![1])).to.be.above(1);
    expect(pageErrors).to.deep.equal([]);
  });

  it('runs the CPU kernels on Web Workers too, with the same predictions as on the main thread alone', async () => {
    await page.evaluate(() => window.tensorgraphDemo.useDevice('cpu'));
    const { threads } = await page.evaluate(() => window.tensorgraphDemo.cpuThreads());
    expect(threads).to.be.above(1);
    // The workers boot in the background; every one must come up (none failed to instantiate the module).
    await page.waitForFunction((n) => window.tensorgraphDemo.cpuThreads().readyWorkers === n, { timeout: 10_000 }, threads - 1);
    const predict = () => page.evaluate(async () => {
      const all: number[][] = [];
      for (const i of [0, 1, 2, 3, 4, 6]) all.push((await window.tensorgraphDemo.paintTestDigit(i)).probabilities);
      return all;
    });
    const withThreads = await predict();
    await page.evaluate(() => window.tensorgraphDemo.setCpuThreads(1));
    expect(await page.evaluate(() => window.tensorgraphDemo.useDevice('cpu'))).to.equal('cpu · kernels wasm-simd on the main thread · cross-origin isolated');
    const mainThreadOnly = await predict();
    await page.evaluate((n) => window.tensorgraphDemo.setCpuThreads(n), threads);
    withThreads.forEach((ps, i) => ps.forEach((p, d) => expect(mainThreadOnly[i][d], `digit ${i} class ${d}`).to.be.closeTo(p, 1e-5)));
    expect(pageErrors).to.deep.equal([]);
  });

  for (const device of ['cpu', 'gpu']) {
    it(`classifies held-out MNIST digits painted on the pad on ${device}`, async () => {
      const description = await page.evaluate((d) => window.tensorgraphDemo.useDevice(d), device);
      expect(description.startsWith(device === 'gpu' ? 'gpu (gpu.js webgl2, ' : 'cpu ·'), description).to.equal(true);
      for (const index of TEST_DIGITS) {
        const result = await page.evaluate((i) => window.tensorgraphDemo.paintTestDigit(i), index);
        expect(result.predicted, `digit #${index}`).to.equal(result.label);
        expect(result.probabilities.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-5);
      }
    });
  }

  it('gives the same probabilities on gpu.js and on the CPU backend', async () => {
    const on = async (device: string) => {
      await page.evaluate((d) => window.tensorgraphDemo.useDevice(d), device);
      return (await page.evaluate(() => window.tensorgraphDemo.paintTestDigit(6))).probabilities;
    };
    const [cpu, gpu] = [await on('cpu'), await on('gpu')];
    cpu.forEach((p, d) => expect(gpu[d], `class ${d}`).to.be.closeTo(p, 1e-4));
  });

  it('predicts strokes drawn with pointer events (a 1 and a 7)', async () => {
    await page.evaluate(() => window.tensorgraphDemo.useDevice('cpu'));
    const box = (await (await page.$('#canvas'))!.boundingBox())!;
    const stroke = async (points: [number, number][]) => {
      await page.mouse.move(box.x + points[0][0], box.y + points[0][1]);
      await page.mouse.down();
      for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 8 });
      await page.mouse.up();
    };
    const predictedAfter = async (strokes: [number, number][][]) => {
      await page.click('#clear');
      for (const s of strokes) await stroke(s);
      await page.waitForFunction(() => window.tensorgraphDemo.lastPrediction() !== null);
      await new Promise((r) => setTimeout(r, 100)); // the stroke's last prediction
      return page.evaluate(() => window.tensorgraphDemo.lastPrediction()!.predicted);
    };
    expect(await predictedAfter([[[140, 50], [138, 230]]])).to.equal(1);
    expect(await predictedAfter([[[70, 60], [210, 60], [120, 235]]])).to.equal(7);
  });

  for (const device of ['cpu', 'gpu']) {
    it(`trains softmax regression in the page on ${device}: the loss falls from ln 10`, async () => {
      await page.evaluate(async (d) => { await window.tensorgraphDemo.useDevice(d); window.tensorgraphDemo.resetTraining(); }, device);
      await page.click('button[data-tab="train"]');
      const result = await page.evaluate(() => window.tensorgraphDemo.train(60));
      expect(result.device.startsWith(device)).to.equal(true);
      expect(result.losses).to.have.length(60);
      // Zero weights give every class 1/10: the first batch's loss is ln 10.
      expect(result.losses[0]).to.be.closeTo(Math.log(10), 1e-5);
      const lastTen = result.losses.slice(-10).reduce((a, b) => a + b, 0) / 10;
      expect(lastTen).to.be.below(0.6);
      expect(result.accuracy).to.be.above(0.8);
      await page.click('button[data-tab="draw"]');
    });
  }

  it('saves a screenshot (test-artifacts/browser.png) with no page errors', async () => {
    await page.evaluate(() => window.tensorgraphDemo.useDevice('gpu'));
    await page.evaluate(() => window.tensorgraphDemo.paintTestDigit(3));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'browser.png');
    await page.screenshot({ path: file as `${string}.png`, clip: { x: 0, y: 0, width: 900, height: 560 } });
    expect(fs.statSync(file).size).to.be.above(10_000);
    await page.click('button[data-tab="train"]');
    await page.screenshot({ path: path.join(ARTIFACTS, 'browser_training.png') as `${string}.png`, clip: { x: 0, y: 0, width: 900, height: 560 } });
    await page.click('button[data-tab="draw"]');
    expect(pageErrors).to.deep.equal([]);
  });
});
