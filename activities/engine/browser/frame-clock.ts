import type { CDPSession, Page } from 'playwright-core';
import { withinMs } from './within-ms';

/** Chromium flags under which a page draws a frame only when the protocol asks for one. */
export const BEGIN_FRAME_CONTROL_ARGS = ['--enable-begin-frame-control', '--run-all-compositor-stages-before-draw'];

/** Time between two frames of a page: a display's 60 Hz. */
const FRAME_INTERVAL_MS = 16;

/** How long one page's frame may take before the clock stops waiting for that page. */
const STALLED_FRAME_MS = 5_000;

/**
 * The display of pages nobody looks at. A headless shell launched with begin-frame control draws a frame only
 * when asked; this clock asks every page it drives for one each 16 ms, with `noDisplayUpdates`, which
 * runs what a frame runs inside the page (animation-frame callbacks, observers, style and layout) and skips paint,
 * raster and compositing. Playwright's checks that wait for animation frames (a click's "stable") keep working;
 * pixels are made only when a screenshot asks for them (and for a new document's first frame, which Chromium
 * draws in full whatever it is asked).
 *
 * Frames go out one at a time over all pages: two that overlap make Chromium's GPU process exit.
 */
/** A page connected to the clock. */
export interface DrivenPage {
  start(): void;
  screenshot(): Promise<Buffer>;
}

export class FrameClock {
  private readonly pages = new Set<CDPSession>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  /**
   * Connects to the page without giving it frames yet: a page waiting to be lent needs none, and each frame costs
   * a few milliseconds of CPU. `start` gives it frames from then until it closes; `screenshot` draws it.
   */
  async attach(page: Page): Promise<DrivenPage> {
    const session = await page.context().newCDPSession(page);
    let closed = false;
    page.once('close', () => {
      closed = true;
      this.pages.delete(session);
    });
    return {
      start: () => {
        if (closed) return;
        this.pages.add(session);
        this.schedule();
      },
      screenshot: () => this.screenshot(page, session),
    };
  }

  /**
   * A PNG of the whole page as it shows now, drawn between ticks. The viewport is stretched to the page's height
   * for the shot (up to the tallest frame Chromium draws) and set back, and one more frame is then drawn at the
   * restored size: without it the page's next frames never complete.
   */
  private screenshot(page: Page, session: CDPSession): Promise<Buffer> {
    return this.alone(async () => {
      const viewport = page.viewportSize();
      const height = (await page.evaluate(
        'Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0)',
      )) as number;
      const stretch = viewport !== null && height > viewport.height;
      if (stretch) await page.setViewportSize({ width: viewport.width, height: Math.min(height, 16_384) });
      try {
        const { screenshotData } = await session.send('HeadlessExperimental.beginFrame', {
          screenshot: { format: 'png' },
        });
        if (!screenshotData) throw new Error('the browser drew no frame for the screenshot');
        return Buffer.from(screenshotData, 'base64');
      } finally {
        if (stretch) {
          await page.setViewportSize(viewport);
          await session.send('HeadlessExperimental.beginFrame', {});
        }
      }
    });
  }

  /** Runs fn after everything queued before it, and before anything queued after. */
  private alone<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule(): void {
    if (this.timer || this.pages.size === 0) return;
    this.timer = setTimeout(() => {
      void this.alone(() => this.tick()).finally(() => {
        this.timer = undefined;
        this.schedule();
      });
    }, FRAME_INTERVAL_MS);
    // An idle clock must not keep a worker process alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    for (const page of [...this.pages]) {
      // A frame can be refused while the page resizes or closes; the next tick asks again, if it is still open.
      const frame = page.send('HeadlessExperimental.beginFrame', { noDisplayUpdates: true }).catch(() => undefined);
      // A page whose frame never ends would stop every other page's frames: it loses its own.
      await withinMs(STALLED_FRAME_MS, frame, 'a frame').catch(() => this.pages.delete(page));
    }
  }
}
