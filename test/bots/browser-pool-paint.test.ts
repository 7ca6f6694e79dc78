import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BrowserPool } from '../../activities/engine/browser/browser-pool';
import { findChromium, isHeadlessShell } from '../../activities/engine/browser/find-chromium';

// A page taller than the viewport, whose button answers a click (Playwright's click waits for animation frames).
const PAGE = `<!doctype html><html><body style="margin:0">
  <h1>Paint check</h1>
  <button type="button" onclick="document.title = 'clicked'">Go</button>
  <div style="height: 2000px; background: linear-gradient(#fff, #36c)"></div>
</body></html>`;

const pngSize = (png: Buffer) => ({
  signature: png.subarray(1, 4).toString(),
  width: png.readUInt32BE(16),
  height: png.readUInt32BE(20),
});

/**
 * Loads PAGE and clicks its button; returns how many tiles the browser rasterised and frames it drew meanwhile
 * (from Chromium's own trace events).
 */
async function loadAndClick(page: Page): Promise<{ rasterTasks: number; framesDrawn: number }> {
  const browser = page.context().browser() as Browser;
  await browser.startTracing(undefined, { categories: ['cc', 'viz'] });
  let trace: Buffer;
  try {
    await page.setContent(PAGE);
    await page.getByRole('button', { name: 'Go' }).click();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString()) as { traceEvents: Array<{ name: string; ph: string }> }).traceEvents;
  const count = (name: string) => events.filter((e) => e.name === name && (e.ph === 'X' || e.ph === 'B')).length;
  return { rasterTasks: count('RasterTask'), framesDrawn: count('Display::DrawAndSwap') };
}

// The browser the bots would use (CHROMIUM_PATH, else found). Only a headless shell can leave pages unpainted;
// with the full chromium those tests are reported as skipped.
const chromiumPath = process.env.CHROMIUM_PATH || undefined;
const onHeadlessShell = isHeadlessShell(findChromium(chromiumPath).path);

function pool(paint: boolean): BrowserPool {
  return new BrowserPool({
    paint,
    chromiumPath,
    actionTimeoutMs: 10_000,
    trace: false,
    maxConcurrentPages: 2,
    recycleAfterPages: 100,
    memoryLimitBytes: 1024 ** 3,
  });
}

describe.skipIf(!onHeadlessShell)('pages the pool does not paint', () => {
  let unpainted: BrowserPool;
  beforeAll(() => {
    unpainted = pool(false);
  });
  afterAll(async () => {
    await unpainted.close();
  });

  it('clicks as usual, yet nothing is painted until a screenshot asks for it', async () => {
    expect(unpainted.paints).toBe(false);
    await unpainted.withPage(async ({ page, screenshot }) => {
      const work = await loadAndClick(page);
      expect(await page.title()).toBe('clicked');
      expect(work).toEqual({ rasterTasks: 0, framesDrawn: 0 });

      const shot = pngSize(await screenshot());
      expect(shot).toEqual({
        signature: 'PNG',
        width: 1280,
        height: await page.evaluate('document.documentElement.scrollHeight'),
      });
      expect(shot.height).toBeGreaterThan(2000);
      // The viewport is back to its size after the full-page frame, and the page goes on answering.
      expect(page.viewportSize()).toEqual({ width: 1280, height: 900 });
      await page.getByRole('button', { name: 'Go' }).click();
    });
  });

  it('gives no frames to the spare page waiting in the pool', async () => {
    let browser: Browser | undefined;
    await unpainted.withPage(async ({ context }) => void (browser = context.browser() ?? undefined));
    await unpainted.warm();
    await browser!.startTracing(undefined, { categories: ['viz'] });
    // Idle on purpose: what is measured is what happens while nothing asks for anything.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events = (JSON.parse((await browser!.stopTracing()).toString()) as { traceEvents: Array<{ name: string }> })
      .traceEvents;
    expect(events.filter((e) => e.name === 'ExternalBeginFrameSource::OnBeginFrame')).toHaveLength(0);
  });

  it('keeps several pages at once going (frames are drawn one at a time)', async () => {
    const titles = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        unpainted.withPage(async ({ page }) => {
          await page.setContent(PAGE.replace("'clicked'", `'clicked ${i}'`));
          await page.getByRole('button', { name: 'Go' }).click();
          return page.title();
        }),
      ),
    );
    expect(titles).toEqual(['clicked 1', 'clicked 2', 'clicked 3', 'clicked 4']);
  });

  it('goes on driving the other pages when one page stops finishing its frames', { timeout: 30_000 }, async () => {
    await unpainted.withPage(async ({ page: stuck, screenshot }) => {
      // A page resized after a drawn frame never finishes a frame again under begin-frame control.
      await stuck.setContent(PAGE);
      await screenshot();
      await stuck.setViewportSize({ width: 1000, height: 700 });
      await unpainted.withPage(async ({ page }) => {
        await page.setContent(PAGE);
        await page.getByRole('button', { name: 'Go' }).click();
        expect(await page.title()).toBe('clicked');
      });
    });
  });

  it('drives the pages a bot opens itself', async () => {
    await unpainted.withPage(async ({ page, context }) => {
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        page.evaluate('void window.open("about:blank")'),
      ]);
      await popup.setContent(PAGE);
      await popup.getByRole('button', { name: 'Go' }).click();
      expect(await popup.title()).toBe('clicked');
    });
  });
});

describe('pages the pool paints', () => {
  const painted = pool(true);
  afterAll(async () => {
    await painted.close();
  });

  it('refuses to leave pages unpainted on a browser that cannot skip painting', () => {
    expect(
      () =>
        new BrowserPool({
          paint: false,
          chromiumPath: process.execPath,
          actionTimeoutMs: 1_000,
          trace: false,
          maxConcurrentPages: 1,
          recycleAfterPages: 1,
          memoryLimitBytes: 1024 ** 3,
        }),
    ).toThrow(/unpainted only on a headless shell .* set BOTS_PAINT_PAGES=true/);
  });

  it('paints as a screen would when asked to', async () => {
    expect(painted.paints).toBe(true);
    await painted.withPage(async ({ page, screenshot }) => {
      const work = await loadAndClick(page);
      expect(work.rasterTasks).toBeGreaterThan(0);
      expect(work.framesDrawn).toBeGreaterThan(0);
      expect(pngSize(await screenshot())).toMatchObject({ signature: 'PNG', width: 1280 });
    });
  });
});
