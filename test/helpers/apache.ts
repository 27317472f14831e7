/**
 * Starts Debian's Apache with mod_auth_openidc in the foreground on loopback, with its own config
 * folder, over a generated site file (src/lib/deploy/apache.ts). Used by the sign-in tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODULES = '/usr/lib/apache2/modules';

export function apachePath(): string | undefined {
  return ['/usr/sbin/apache2', '/usr/sbin/httpd'].find((p) => existsSync(p));
}

export function openidcModulePath(): string | undefined {
  const p = join(MODULES, 'mod_auth_openidc.so');
  return existsSync(p) ? p : undefined;
}

/**
 * Undefined when Apache and mod_auth_openidc are there; otherwise the reason the sign-in tests are
 * skipped (and under CI=true, an error).
 */
export function apacheMissing(): string | undefined {
  if (apachePath() && openidcModulePath()) return undefined;
  const message =
    'Apache or mod_auth_openidc not found (looked for /usr/sbin/apache2 and /usr/lib/apache2/modules/mod_auth_openidc.so): ' +
    'the sign-in tests are SKIPPED. Install them with `apt-get install -y apache2 libapache2-mod-auth-openidc`.';
  if (process.env.CI === 'true') throw new Error(`${message} CI=true requires the sign-in tests to run.`);
  console.warn(`\n⚠ ${message}\n`);
  return message;
}

export async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

const created: string[] = [];

/**
 * A temp folder Apache's unprivileged workers (www-data, when the tests run as root) may read: in
 * the system temp folder, because the checkout may sit in a private folder (CI clones into one),
 * and opened up, because mkdtemp makes folders 0700. `removeReadableTempDirs` deletes them.
 */
export function readableTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `support-kb-${prefix}-`));
  chmodSync(dir, 0o755);
  created.push(dir);
  return dir;
}

export function removeReadableTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunningApache {
  port: number;
  errorLog: () => string;
  accessLog: () => string;
  /** The usage-event log the site file was given (src/lib/deploy/apache.ts `eventLog`). */
  eventLog: () => string;
  eventLogFile: string;
  stop: () => Promise<void>;
}

/**
 * `siteConfig(secretsFile, accessLog, eventLog)` returns the generated site file; the helper writes the secrets file
 * (Define lines, mode 0600) and a minimal main configuration around it.
 */
export async function startApache(options: {
  port: number;
  siteConfig: (secretsFile: string, accessLog: string, eventLog: string) => string;
  secrets: Record<string, string>;
}): Promise<RunningApache> {
  const bin = apachePath();
  if (!bin || !openidcModulePath()) throw new Error('apache2 with mod_auth_openidc is not installed');
  const dir = readableTempDir('apache');
  mkdirSync(join(dir, 'run'), { recursive: true });
  const secretsFile = join(dir, 'secrets.conf');
  writeFileSync(
    secretsFile,
    Object.entries(options.secrets)
      .map(([k, v]) => `Define ${k} "${v}"\n`)
      .join(''),
    { mode: 0o600 },
  );
  const site = join(dir, 'support-kb.conf');
  const accessLog = join(dir, 'access.log');
  const eventLog = join(dir, 'events.log');
  writeFileSync(site, options.siteConfig(secretsFile, accessLog, eventLog));
  const modules = ['mpm_event', 'authn_core', 'authz_core', 'authz_user', 'auth_openidc', 'alias', 'dir', 'mime', 'headers', 'setenvif'];
  const conf = join(dir, 'apache2.conf');
  writeFileSync(
    conf,
    [
      `ServerRoot "${dir}"`,
      `DefaultRuntimeDir "${dir}/run"`,
      `PidFile "${dir}/run/apache2.pid"`,
      `Mutex file:${dir}/run default`,
      `Listen 127.0.0.1:${options.port}`,
      'ServerName 127.0.0.1',
      `ErrorLog "${dir}/error.log"`,
      'LogLevel warn',
      'ServerLimit 1',
      'StartServers 1',
      'ThreadsPerChild 32',
      'MaxRequestWorkers 32',
      'MinSpareThreads 1',
      'MaxSpareThreads 32',
      ...modules.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
      'TypesConfig /etc/mime.types',
      // As root, Apache's workers must switch to an unprivileged user (it refuses to serve as root).
      ...(process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : []),
      '<Directory />',
      '    AllowOverride None',
      '    Require all denied',
      '</Directory>',
      `Include "${site}"`,
      '',
    ].join('\n'),
  );
  const args = ['-d', dir, '-f', conf];
  const check = spawnSync(bin, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`apache2 -t failed:\n${check.stderr}${check.stdout}`);
  const proc: ChildProcess = spawn(bin, [...args, '-DFOREGROUND'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const errorLog = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '') + stderr;
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${options.port}/`);
      break;
    } catch {
      if (i > 100 || proc.exitCode !== null) throw new Error(`Apache did not start:\n${errorLog()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port: options.port,
    errorLog,
    accessLog: () => (existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : ''),
    eventLog: () => (existsSync(eventLog) ? readFileSync(eventLog, 'utf8') : ''),
    eventLogFile: eventLog,
    stop: () =>
      new Promise((res) => {
        if (proc.exitCode !== null) return res();
        proc.once('exit', () => res());
        // Graceful stop of a foreground Apache.
        proc.kill('SIGWINCH');
        setTimeout(() => proc.exitCode === null && proc.kill('SIGTERM'), 3000).unref();
      }),
  };
}
