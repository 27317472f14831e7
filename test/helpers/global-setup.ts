/**
 * Builds the sample knowledge base once for the browser tests and hands its folder to them.
 */
import type { TestProject } from 'vitest/node';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { buildSite, TMP } from './build.ts';
import { requireBrowserOrSkip } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleSite: string;
    chromium: string;
  }
}

export default function setup(project: TestProject) {
  // KB_BROWSER_TESTS=0 skips the browser tests (and the sample build) for quick local runs.
  const browser = process.env.KB_BROWSER_TESTS === '0' ? undefined : requireBrowserOrSkip();
  project.provide('chromium', browser ?? '');
  project.provide('sampleSite', '');
  if (!browser) return;
  const outDir = join(TMP, 'sample-site');
  rmSync(outDir, { recursive: true, force: true });
  const result = buildSite({ outDir });
  if (result.status !== 0) throw new Error(`Building the sample KB failed:\n${result.output}`);
  project.provide('sampleSite', outDir);
}
