import { accessSync, constants } from 'node:fs';
import { basename } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Debian's packages, the documented fallback when neither config nor Playwright's own install has one. The bots
 * run headless, so the headless shell comes first: the same engine without the desktop browser around it, it does
 * a portal page's work in about half the CPU. The full browser serves where the shell is not installed.
 */
export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

export class ChromiumNotFoundError extends Error {
  constructor(tried: string[]) {
    super(
      `No Chromium found for the bots. Tried: ${tried.join(', ')}. ` +
        'Set CHROMIUM_PATH to a Chromium or Chrome executable, or install the distribution package `chromium-headless-shell` (or `chromium`).',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface FoundChromium {
  path: string;
  source: 'config' | 'playwright' | 'system';
}

/** Config first (an explicit choice must exist), then Playwright's own download, then the system package. */
export function findChromium(configured?: string): FoundChromium {
  if (configured) {
    if (isExecutable(configured)) return { path: configured, source: 'config' };
    throw new ChromiumNotFoundError([`CHROMIUM_PATH=${configured} (not an executable file)`]);
  }
  const tried: string[] = [];
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled) {
    if (isExecutable(bundled)) return { path: bundled, source: 'playwright' };
    tried.push(`Playwright's install (${bundled})`);
  }
  const system = SYSTEM_CHROMIUMS.find(isExecutable);
  if (system) return { path: system, source: 'system' };
  tried.push(...SYSTEM_CHROMIUMS);
  throw new ChromiumNotFoundError(tried);
}

/**
 * Whether the executable is a headless shell (Debian's chromium-headless-shell, Playwright's headless_shell,
 * Chrome for Testing's chrome-headless-shell): only the shell lets the protocol decide when frames are drawn.
 */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[_-]shell/i.test(basename(executablePath));
}

/**
 * Flags for a closed network and a container: no background downloads or sync, no GPU; root cannot use
 * Chromium's sandbox, so it is turned off only then.
 */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-gpu',
    '--no-first-run',
    '--disable-sync',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}
