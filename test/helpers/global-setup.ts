/**
 * Per-project setup. The build and browser projects get the sample knowledge base, built through
 * the memoised `sharedBuild` (so it is built once for both, and reused by later runs until the code
 * changes), as `inject('sampleSite')`; the unit project gets an empty `sampleSite` and builds nothing.
 */
import type { TestProject } from 'vitest/node';
import { sharedBuild } from './build.ts';
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
  if (!browser || project.name === 'unit') return;
  const result = sharedBuild();
  if (result.status !== 0) throw new Error(`Building the sample KB failed:\n${result.output}`);
  project.provide('sampleSite', result.outDir);
}
