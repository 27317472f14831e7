import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Site builds share Astro's generated files in .astro/, so test files run one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
