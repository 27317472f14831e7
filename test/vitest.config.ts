import { defineConfig } from 'vitest/config';

/**
 * Three projects, run at the same time:
 * - unit: pure functions and the CLI on fixtures; files in parallel, no site build (`npm run test:unit`);
 * - build: `astro build` of fixtures and the sample KB, checking the generated files;
 * - browser: the built site served on loopback (static server, nginx, Apache sign-in), driven by Chromium.
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
          // One file at a time: its builds queue behind the browser project's at most.
          fileParallelism: false,
          // Some tests build inside the test itself and may wait for the build lock first.
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // Real servers too: nginx, Apache with mod_auth_openidc, an OpenID provider (test/deploy).
          include: ['test/browser/**/*.test.ts', 'test/deploy/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          // Two files at a time (each with its own Chromium and servers on random ports); the
          // tests wait for states, not for fixed times, so a busy machine only slows them down.
          maxWorkers: 2,
          // Builds queue behind one lock shared by all projects: a file's own builds (the sign-in
          // test's three audiences, the editor's site) may wait minutes on a busy run.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
