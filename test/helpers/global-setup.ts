/**
 * Per-project setup. The browser project builds the sample knowledge base (through the memoised
 * `sharedBuild`, so the build project and later runs reuse it) and hands its folder to the tests;
 * the other projects get an empty `sampleSite` and build what they need through `sharedBuild`.
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
  if (!browser || project.name !== 'browser') return;
  const result = sharedBuild();
  if (result.status !== 0) throw new Error(`Building the sample KB failed:\n${result.output}`);
  project.provide('sampleSite', result.outDir);
}
