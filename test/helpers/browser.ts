/**
 * Browser-test harness: playwright-core driving Debian's Chromium (never a downloaded browser).
 * Where Chromium is missing the browser tests are skipped with a clear line, except under
 * CI=true, where a missing browser fails the run.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function chromiumPath(env: Record<string, string | undefined> = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

/** Throws under CI when the browser is missing; otherwise says once that browser tests are skipped. */
export function requireBrowserOrSkip(): string | undefined {
  const path = chromiumPath();
  if (path) return path;
  const message =
    'Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium): browser tests are SKIPPED. ' +
    'Install it with `apt-get install -y chromium` or set CHROMIUM_PATH.';
  if (process.env.CI === 'true') throw new Error(`${message} CI=true requires the browser tests to run.`);
  console.warn(`\n⚠ ${message}\n`);
  return undefined;
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  // playwright-core gives every launch a fresh, temporary user-data dir.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
