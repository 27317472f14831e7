/** Builds the site (or a fixture content folder) with `astro build` in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const TMP = join(ROOT, 'test/.tmp');

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

/** A fresh folder under test/.tmp (git-ignored). */
export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${prefix}-`));
}

export function buildSite(options: { contentDir?: string; outDir?: string; env?: Record<string, string> } = {}): BuildResult {
  const outDir = options.outDir ?? join(tempDir('site'), 'dist');
  const env: Record<string, string | undefined> = {
    ...process.env,
    KB_OUT_DIR: outDir,
    KB_TODAY: '2026-11-27',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...options.env,
  };
  if (options.contentDir) {
    env.KB_CONTENT_DIR = options.contentDir;
    // Keep fixture builds out of the sample site's content cache.
    env.KB_CACHE_DIR = join(outDir, '..', '.astro-cache');
  }
  const r = spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, outDir };
}
