import { defineConfig } from 'vitest/config';

/**
 * Three projects, run at the same time:
 * - unit: pure functions and the CLI on fixtures; files in parallel, no site build (`npm run test:unit`);
 * - build: `astro build` of fixtures and the sample KB, checking the generated files;
 * - browser: the built site served on loopback, driven by Chromium.
 * Builds go through test/helpers/build.ts: one `astro build` at a time (they share `.astro/`), and
 * identical builds (`sharedBuild`) run once for all files and projects.
 */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    testTimeout: 30_000,
    hookTimeout: 240_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], globalSetup: ['test/helpers/global-setup.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // Each file's builds hold the build lock anyway; one file at a time keeps the logs readable.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // One Chromium at a time: the machine is small and the tests measure timings.
          fileParallelism: false,
        },
      },
    ],
  },
});
