/**
 * Measuring a command: wall time and the peak resident memory of its whole process tree (Astro's
 * workers and Pagefind's binary included), sampled from /proc every 50 ms. Linux only; elsewhere
 * memory is reported as null.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Run {
  wallMs: number;
  peakRssBytes: number | null;
  status: number | null;
  output: string;
}

const PAGE = 4096;

function treeRss(root: number): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    while (p && p !== root) p = parent.get(p);
    if (p !== root) continue;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      // Ended meanwhile.
    }
  }
  return total;
}

export function measure(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    const linux = existsSync('/proc/self/statm');
    let peak = 0;
    const timer = setInterval(() => {
      if (linux && child.pid) peak = Math.max(peak, treeRss(child.pid));
    }, 50);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({ wallMs: performance.now() - started, peakRssBytes: linux ? peak : null, status, output });
    });
  });
}

export function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

export const gzipSize = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * The JavaScript a page loads before the reader does anything: its module scripts and their static
 * imports (dynamic `import()` and scripts injected on interaction are not counted).
 */
export function initialJs(dist: string, htmlFile: string): { files: string[]; bytes: number; gzipBytes: number } {
  const html = readFileSync(htmlFile, 'utf8');
  const queue = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((s) => s.trim());
  const seen = new Set<string>();
  let bytes = inline.reduce((n, s) => n + Buffer.byteLength(s), 0);
  let gzipBytes = inline.reduce((n, s) => n + gzipSize(s), 0);
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url) || !url.startsWith('/')) continue;
    seen.add(url);
    const file = join(dist, url);
    if (!existsSync(file)) continue;
    const code = readFileSync(file);
    bytes += code.length;
    gzipBytes += gzipSize(code);
    const dir = url.slice(0, url.lastIndexOf('/') + 1);
    for (const m of code.toString().matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["']((?:\.{1,2})?\/[^"']+)["']/g)) {
      queue.push(new URL(m[1]!, `http://x${dir}`).pathname);
    }
  }
  return { files: [...seen], bytes, gzipBytes };
}
