import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, findChromium, isHeadlessShell } from './find-chromium';
import { BEGIN_FRAME_CONTROL_ARGS, FrameClock } from './frame-clock';
import { processTreeBytes } from './process-memory';
import { Semaphore } from './semaphore';

export interface BrowserPoolOptions {
  /** Explicit executable (CHROMIUM_PATH); otherwise found by findChromium. */
  chromiumPath?: string | undefined;
  /** Worker-level cap on pages open at once. */
  maxConcurrentPages: number;
  /** A browser is replaced after serving this many pages (renderers leak; a fresh browser does not). */
  recycleAfterPages: number;
  /** …or once its process tree uses more than this. */
  memoryLimitBytes: number;
  /** Default timeout of every page action and navigation. */
  actionTimeoutMs: number;
  /** Record a Playwright trace in every context, so a failure can save it as evidence. */
  trace: boolean;
  /**
   * Paint pages as a screen would. Unattended pages need no pixels until a screenshot: without painting (the
   * default where the browser is a headless shell) a bot page costs a fifth less CPU. Undefined: the default.
   */
  paint?: boolean | undefined;
  /** Keep one fresh context and page ready, so an activity does not wait for them. */
  prewarm?: boolean | undefined;
  onEvent?: ((event: string, details: Record<string, unknown>) => void) | undefined;
}

/** A page on a fresh, isolated context, lent to one activity. */
export interface PageLease {
  page: Page;
  context: BrowserContext;
  /** Whether this context records a trace (saved as evidence on failure). */
  tracing: boolean;
  /**
   * A PNG of the whole page as it shows now. Use it rather than `page.screenshot()`, which cannot draw a page of
   * a pool that does not paint.
   */
  screenshot(): Promise<Buffer>;
}

/** Anything that lends pages: the shared pool, or (for comparison) a browser launched per activity. */
export interface PageProvider {
  withPage<T>(fn: (lease: PageLease) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

interface Generation {
  id: number;
  browser: Browser;
  /** The browser process, for the memory limit (undefined where the browser does not say). */
  pid: number | undefined;
  served: number;
  open: number;
  retiring: boolean;
}

export interface BrowserPoolStats {
  launches: number;
  recycled: number;
  pagesServed: number;
  activePages: number;
}

/**
 * One Chromium per worker process, shared by every bot activity. Each activity gets its own context (no
 * cookies or storage shared between activities); the browser is replaced after N pages or past a memory
 * limit, once the pages still open on it are done.
 */
export class BrowserPool implements PageProvider {
  private current: Generation | undefined;
  private launching: Promise<Generation> | undefined;
  private spare: { generation: Generation; lease: Promise<PageLease> } | undefined;
  private readonly slots: Semaphore;
  private readonly executablePath: string;
  /** Drives the pages when the pool does not paint them. */
  private readonly clock: FrameClock | undefined;
  /** What starts a lease's frames once it is lent (a spare page waiting in the pool gets none). */
  private readonly onLent = new WeakMap<PageLease, () => void>();
  private generations = 0;
  private counters = { launches: 0, recycled: 0, pagesServed: 0 };
  private closed = false;
  private closing = new Set<Promise<void>>();

  constructor(private readonly options: BrowserPoolOptions) {
    this.slots = new Semaphore(options.maxConcurrentPages);
    this.executablePath = findChromium(options.chromiumPath).path;
    const shell = isHeadlessShell(this.executablePath);
    if (options.paint === false && !shell) {
      throw new Error(
        `pages can go unpainted only on a headless shell (chromium-headless-shell), and ${this.executablePath} is not one: set BOTS_PAINT_PAGES=true or CHROMIUM_PATH to a headless shell`,
      );
    }
    if (!(options.paint ?? !shell)) this.clock = new FrameClock();
  }

  /** Whether the pool's pages are painted (false: pixels only for screenshots). */
  get paints(): boolean {
    return this.clock === undefined;
  }

  stats(): BrowserPoolStats {
    return { ...this.counters, activePages: this.slots.active };
  }

  /**
   * Runs fn with a fresh page; the context is closed afterwards whatever happens. An abort of the signal
   * (activity cancellation) closes the context at once, so whatever the page was waiting for fails fast.
   */
  async withPage<T>(fn: (lease: PageLease) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.slots.acquire(signal);
    let lease: PageLease | undefined;
    let generation: Generation | undefined;
    const onAbort = () => void lease?.context.close().catch(() => undefined);
    try {
      ({ lease, generation } = await this.takeLease());
      this.onLent.get(lease)?.();
      signal?.throwIfAborted();
      signal?.addEventListener('abort', onAbort, { once: true });
      return await fn(lease);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await lease?.context.close().catch(() => undefined);
      if (generation) this.returned(generation);
      release();
    }
  }

  /** Resolves once the spare page is prepared (a worker between activities; benchmarks before timing). */
  async warm(): Promise<void> {
    this.refillSpare();
    await this.spare?.lease.catch(() => undefined);
  }

  /** Memory of the current browser's process tree, in bytes (0 when no browser runs). */
  async memoryBytes(): Promise<number> {
    const pid = this.current?.pid;
    return pid ? processTreeBytes(pid) : 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = undefined;
    if (spare) await spare.lease.then((l) => l.context.close()).catch(() => undefined);
    const generation = this.current ?? (await this.launching?.catch(() => undefined));
    this.current = undefined;
    if (generation) this.shutdown(generation);
    await Promise.all(this.closing);
  }

  private shutdown(generation: Generation): void {
    const done = generation.browser.close().catch(() => undefined);
    this.closing.add(done);
    void done.finally(() => this.closing.delete(done));
  }

  private async takeLease(): Promise<{ lease: PageLease; generation: Generation }> {
    if (this.closed) throw new Error('the browser pool is closed');
    const spare = this.spare;
    this.spare = undefined;
    if (spare && !spare.generation.retiring) {
      const lease = await spare.lease.catch(() => undefined);
      if (lease) {
        this.served(spare.generation);
        return { lease, generation: spare.generation };
      }
      this.returned(spare.generation);
    } else if (spare) {
      void spare.lease
        .then((l) => l.context.close())
        .catch(() => undefined)
        .finally(() => this.returned(spare.generation));
    }
    const generation = await this.generation();
    generation.open += 1;
    try {
      const lease = await this.newLease(generation);
      this.served(generation);
      return { lease, generation };
    } catch (err) {
      this.returned(generation);
      // A browser that cannot open a context is broken: the next activity gets a new one.
      this.retire(generation, 'context failed');
      throw err;
    }
  }

  private served(generation: Generation): void {
    generation.served += 1;
    this.counters.pagesServed += 1;
    if (generation.served >= this.options.recycleAfterPages) this.retire(generation, 'page limit');
    else if (generation.served % 10 === 0) void this.checkMemory(generation);
    this.refillSpare();
  }

  private refillSpare(): void {
    const generation = this.current;
    if (this.options.prewarm === false || this.spare || this.closed || !generation || generation.retiring) return;
    generation.open += 1;
    const lease = this.newLease(generation);
    lease.catch(() => undefined);
    this.spare = { generation, lease };
  }

  private async checkMemory(generation: Generation): Promise<void> {
    const { pid } = generation;
    if (!pid || generation.retiring) return;
    const bytes = await processTreeBytes(pid);
    if (bytes > this.options.memoryLimitBytes) this.retire(generation, 'memory limit', { bytes });
  }

  private retire(generation: Generation, reason: string, details: Record<string, unknown> = {}): void {
    if (generation.retiring) return;
    generation.retiring = true;
    this.counters.recycled += 1;
    if (this.current === generation) this.current = undefined;
    this.options.onEvent?.('browser-recycle', {
      generation: generation.id,
      served: generation.served,
      reason,
      ...details,
    });
    if (this.spare?.generation === generation) {
      const spare = this.spare;
      this.spare = undefined;
      void spare.lease
        .then((l) => l.context.close())
        .catch(() => undefined)
        .finally(() => this.returned(generation));
    }
    if (generation.open === 0) this.shutdown(generation);
  }

  private returned(generation: Generation): void {
    generation.open -= 1;
    if (generation.retiring && generation.open === 0) this.shutdown(generation);
  }

  private async generation(): Promise<Generation> {
    if (this.current && !this.current.retiring && this.current.browser.isConnected()) return this.current;
    if (this.current) this.retire(this.current, 'disconnected');
    this.launching ??= this.launch().finally(() => (this.launching = undefined));
    return this.launching;
  }

  private async launch(): Promise<Generation> {
    // launch, not launchServer + connect: the client then drives the browser directly, without a WebSocket hop
    // inside this process that every protocol message would cross twice.
    const args = this.clock ? [...chromiumArgs(), ...BEGIN_FRAME_CONTROL_ARGS] : chromiumArgs();
    const browser = await chromium.launch({ executablePath: this.executablePath, args, headless: true });
    const pid = await browserPid(browser);
    const generation: Generation = { id: ++this.generations, browser, pid, served: 0, open: 0, retiring: false };
    this.counters.launches += 1;
    this.current = generation;
    browser.on('disconnected', () => this.retire(generation, 'disconnected'));
    this.options.onEvent?.('browser-launch', { generation: generation.id, pid });
    return generation;
  }

  private async newLease(generation: Generation): Promise<PageLease> {
    const context = await generation.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(this.options.actionTimeoutMs);
    context.setDefaultNavigationTimeout(this.options.actionTimeoutMs);
    if (this.options.trace) await context.tracing.start({ screenshots: false, snapshots: true });
    const page = await context.newPage();
    const clock = this.clock;
    if (!clock)
      return { page, context, tracing: this.options.trace, screenshot: () => page.screenshot({ fullPage: true }) };
    const driven = await clock.attach(page);
    // Pages the bot opens itself (popups, new tabs) need frames as well.
    context.on(
      'page',
      (opened) =>
        void clock.attach(opened).then(
          (d) => d.start(),
          () => undefined,
        ),
    );
    const lease = { page, context, tracing: this.options.trace, screenshot: driven.screenshot };
    this.onLent.set(lease, driven.start);
    return lease;
  }
}

/** The browser process's pid, as the browser itself reports it (the memory limit reads its process tree). */
async function browserPid(browser: Browser): Promise<number | undefined> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: Array<{ type: string; id: number }>;
    };
    return processInfo.find((p) => p.type === 'browser')?.id;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** A page on a browser launched just for it: the cold path, for benchmarks and one-off scripts. */
export async function withColdPage<T>(
  options: Pick<BrowserPoolOptions, 'chromiumPath' | 'actionTimeoutMs' | 'trace'>,
  fn: (lease: PageLease) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const pool = new BrowserPool({
    ...options,
    maxConcurrentPages: 1,
    recycleAfterPages: 1,
    memoryLimitBytes: Number.MAX_SAFE_INTEGER,
    prewarm: false,
  });
  try {
    return await pool.withPage(fn, signal);
  } finally {
    await pool.close();
  }
}

/** A PageProvider that launches a browser for every activity: what the pool is measured against. */
export function coldPageProvider(
  options: Pick<BrowserPoolOptions, 'chromiumPath' | 'actionTimeoutMs' | 'trace'>,
): PageProvider {
  return { withPage: (fn, signal) => withColdPage(options, fn, signal) };
}
