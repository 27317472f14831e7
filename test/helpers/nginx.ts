/** Starts Debian's nginx on loopback with deploy/nginx.conf over a built site, for the deployment tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { tempDir } from './build.ts';

export function nginxPath(): string | undefined {
  return ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
}

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** `logDir` holds the logs that deploy/nginx.conf writes under /var/log/nginx/ (e.g. the usage events). */
export async function startNginx(siteDir: string): Promise<{ url: string; logDir: string; stop: () => Promise<void> }> {
  const bin = nginxPath();
  if (!bin) throw new Error('nginx not found');
  const port = await freePort();
  const dir = tempDir('nginx');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const server = readFileSync('deploy/nginx.conf', 'utf8')
    .replace(/listen 8080;/, `listen 127.0.0.1:${port};`)
    .replace(/root [^;]+;/, `root ${resolve(siteDir)};`)
    .replace(/access_log \/var\/log\/nginx\//g, `access_log ${dir}/`);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    // As root, nginx's workers would switch to an unprivileged user that may not read a build in a
    // private temp folder (CI clones into one); run them as the test's own user instead.
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents { worker_connections 64; }\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;\n${server}\n}\n`,
  );
  const check = spawnSync(bin, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
  const proc: ChildProcess = spawn(bin, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(url);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    logDir: dir,
    stop: () =>
      new Promise((res) => {
        proc.once('exit', () => res());
        proc.kill('SIGQUIT');
      }),
  };
}
