/**
 * Lighthouse (the npm package) against Debian's Chromium: starts Chromium with a DevTools port and
 * a fresh profile, audits each URL in a new tab, and returns the four category scores plus the
 * audits that cost points. Used by `npm run lighthouse` and test/browser/lighthouse.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from './browser.ts';
import { nginxPath, startNginx } from './nginx.ts';
import { serveDir } from './server.ts';

/** The page types the issue names, in the employee build: home, article, tree, search, training. */
export const LIGHTHOUSE_PAGES = [
  '/',
  '/artikel/drucker-offline/',
  '/diagnose/kein-netzwerk/',
  '/suche/?q=Drucker',
  '/schulungen/phishing-erkennen/',
];

/** Serves a build as it is deployed (nginx with deploy/nginx.conf), or with Node's server without nginx. */
export async function serveForAudit(dist: string): Promise<{ url: string; kind: string; close: () => Promise<void> }> {
  if (nginxPath()) {
    const nginx = await startNginx(dist);
    return { url: nginx.url, kind: 'nginx with deploy/nginx.conf', close: nginx.stop };
  }
  const server = await serveDir(dist);
  return { url: server.url, kind: 'a plain Node file server (nginx not installed)', close: server.close };
}

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageReport {
  url: string;
  scores: Record<Category, number>;
  /** Scored audits below 1, as "category: audit id — title (display value)". */
  findings: string[];
  html: string;
}

async function startChromium(executable: string): Promise<{ port: number; stop: () => void }> {
  const profile = mkdtempSync(join(tmpdir(), 'kb-lighthouse-'));
  const proc = spawn(executable, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port:\n${err}`)), 20_000);
    proc.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${err}`)));
  });
  return {
    port,
    stop: () => {
      proc.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function auditPages(executable: string, urls: string[], options: { desktop?: boolean } = {}): Promise<PageReport[]> {
  const chromium = await startChromium(executable);
  const reports: PageReport[] = [];
  try {
    for (const url of urls) {
      const result = await lighthouse(
        url,
        { port: chromium.port, output: 'html', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        options.desktop ? (await import('lighthouse/core/config/desktop-config.js')).default : undefined,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<
        Category,
        number
      >;
      const findings: string[] = [];
      for (const c of CATEGORIES) {
        for (const ref of lhr.categories[c]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
          findings.push(`${c}: ${audit.id} — ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
        }
      }
      reports.push({ url, scores, findings, html: String(result.report) });
    }
  } finally {
    chromium.stop();
  }
  return reports;
}
