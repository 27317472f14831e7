/**
 * Builds the site (or a fixture content folder) with `astro build` in a child process.
 *
 * - `buildSite` always builds, into the folder you give (or a fresh one).
 * - `sharedBuild` is memoised: a build of the same sources, content and environment runs once and
 *   every test file (in any vitest project, in any worker) gets the same read-only output folder.
 *   The key hashes the site's sources, the content folder's files and the environment, so an edit
 *   makes a new build; folders of older keys are deleted.
 *
 * Astro writes generated files to the shared `.astro/` folder, so builds take a lock: at most one
 * `astro build` runs at a time, whichever project or worker asks.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const TMP = join(ROOT, 'test/.tmp');

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

export interface BuildOptions {
  /** Content folder (default: the sample KB in ./content). */
  contentDir?: string;
  outDir?: string;
  env?: Record<string, string>;
  /** Project folder to build (default: this repository); see `projectCopy`. */
  root?: string;
}

/** A fresh folder under test/.tmp (git-ignored). */
export function tempDir(prefix: string): string {
  mkdirSync(TMP, { recursive: true });
  return mkdtempSync(join(TMP, `${prefix}-`));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding the lock folder `dir` (created atomically; a lock of a dead process is taken over). */
export function withLock<T>(dir: string, fn: () => T): T {
  mkdirSync(join(dir, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {
        // Being created right now: wait.
      }
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) rmSync(dir, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BUILD_LOCK = join(TMP, 'astro-build.lock');

export function buildSite(options: BuildOptions = {}): BuildResult {
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
    if (!options.env?.KB_CACHE_DIR) env.KB_CACHE_DIR = join(outDir, '..', '.astro-cache');
  }
  const root = options.root ?? ROOT;
  const r = withLock(BUILD_LOCK, () =>
    spawnSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, outDir };
}

/**
 * A copy of the project's sources (src, public, configuration; node_modules linked) in a temp
 * folder, for tests that change the code itself, such as adding a locale. Build it with
 * `buildSite({ root })`; content comes from the repository unless `contentDir` says otherwise.
 */
export function projectCopy(prefix: string): string {
  const dir = join(tempDir(prefix), 'project');
  mkdirSync(dir, { recursive: true });
  for (const f of ['src', 'public', 'astro.config.mjs', 'kb.config.ts', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, f), join(dir, f), { recursive: true, filter: (p) => !p.includes(`${sep}public${sep}pagefind`) });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Relative paths with sizes and contents (or mtimes, for the site's sources) of every file under `dir`. */
function hashTree(hash: ReturnType<typeof createHash>, dir: string, byContent: boolean, skip: (rel: string) => boolean = () => false) {
  if (!existsSync(dir)) return;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full);
      if (skip(rel)) continue;
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else {
        hash.update(`${rel}\0${st.size}\0`);
        hash.update(byContent ? readFileSync(full) : String(st.mtimeMs));
      }
    }
  };
  walk(dir);
}

let sourcesDigest: string | undefined;

/** The site's code and configuration as a digest: part of every shared build's key. */
function sources(): string {
  if (sourcesDigest) return sourcesDigest;
  const h = createHash('sha256');
  for (const d of ['src', 'public']) hashTree(h, join(ROOT, d), false, (rel) => rel.startsWith('pagefind'));
  for (const f of ['astro.config.mjs', 'kb.config.ts', 'package-lock.json', 'tsconfig.json']) {
    const p = join(ROOT, f);
    if (existsSync(p)) h.update(`${f}\0${statSync(p).mtimeMs}\0`);
  }
  return (sourcesDigest = h.digest('hex').slice(0, 16));
}

const SHARED = join(TMP, 'shared-builds');

/** The key of a build: sources, the content folder's files and the environment (without output paths). */
export function buildKey(options: Omit<BuildOptions, 'outDir'> = {}): string {
  const h = createHash('sha256');
  h.update(sources());
  hashTree(h, resolve(ROOT, options.contentDir ?? 'content'), true);
  // The caller's environment reaches the build too (buildSite passes process.env on): its KB_* variables count.
  const inherited = Object.entries(process.env).filter(([k]) => k.startsWith('KB_') && k !== 'KB_BROWSER_TESTS');
  const env = [...inherited, ...Object.entries(options.env ?? {})].filter(([k]) => k !== 'KB_OUT_DIR' && k !== 'KB_CACHE_DIR');
  const merged = Object.entries(Object.fromEntries(env));
  h.update(JSON.stringify(merged.sort(([a], [b]) => a.localeCompare(b))));
  return `${sources()}-${h.digest('hex').slice(0, 16)}`;
}

/**
 * A memoised build: identical builds (same sources, content files and environment) run once per
 * change of the code, shared by all test files. Treat `outDir` as read-only; copy it to change it.
 */
export function sharedBuild(options: Omit<BuildOptions, 'outDir'> = {}): BuildResult {
  const key = buildKey(options);
  const dir = join(SHARED, key);
  const resultFile = join(dir, 'result.json');
  return withLock(join(SHARED, `${key}.lock`), () => {
    if (existsSync(resultFile)) return JSON.parse(readFileSync(resultFile, 'utf8')) as BuildResult;
    // Builds of older sources are of no use any more.
    if (existsSync(SHARED)) {
      for (const name of readdirSync(SHARED)) {
        if (!name.startsWith(`${sources()}-`)) rmSync(join(SHARED, name), { recursive: true, force: true });
      }
    }
    rmSync(dir, { recursive: true, force: true });
    // Content builds get their own Astro cache next to the output, as in buildSite.
    const env = { ...options.env, ...(options.contentDir ? { KB_CACHE_DIR: join(dir, '.astro-cache') } : {}) };
    const r = buildSite({ ...options, env, outDir: join(dir, 'dist') });
    const result: BuildResult = { ...r, outDir: join(dir, 'dist') };
    // Written last: a result.json means a complete build.
    writeFileSync(resultFile, JSON.stringify(result));
    return result;
  });
}
