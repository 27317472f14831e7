/**
 * Synthetic `kb_events` access logs for `npm run bench -- report`: searches (a long tail of
 * queries, some with e-mail addresses and phone numbers typed in), votes, tree sessions and quiz
 * submissions, in the exact line format deploy/nginx.conf writes, split into a current log and
 * gzip-rotated ones. Deterministic (seeded).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { join } from 'node:path';
import { eventUrl } from '../../src/lib/usage/wire.ts';
import { NOT_HELPFUL_REASONS } from '../../src/lib/usage/vocabulary.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS =
  'vpn drucker outlook teams passwort konto gesperrt bitlocker wlan netzlaufwerk zertifikat mfa authenticator onedrive sharepoint laptop dockingstation monitor headset kamera update fehler langsam abgestürzt synchronisiert offline anmelden zugriff verweigert 0x80070005 0x800706ba aadsts50126 excel word teams-meeting'.split(
    ' ',
  );

/** Writes `events` lines over `files` files (all but the first gzip-compressed); returns their paths. */
export async function writeEventLogs(
  dir: string,
  events: number,
  o: { files?: number; articles: readonly string[]; seed?: number },
): Promise<string[]> {
  const random = rng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  // Zipf-like: query i is drawn with weight 1/(i+1).
  const queries = Array.from({ length: 20_000 }, (_, i) => {
    const n = 1 + (i % 3);
    const words = Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]);
    if (i % 97 === 0) words.push(`vorname.nachname${i}@muster.example`);
    if (i % 89 === 0) words.push(`+49 30 ${String(1_000_000 + i)}`);
    return words.join(' ');
  });
  const zipf = () => Math.min(queries.length - 1, Math.floor(Math.exp(random() * Math.log(queries.length + 1))) - 1);
  const count = o.files ?? 4;
  const paths = Array.from({ length: count }, (_, i) => join(dir, i === 0 ? 'support-kb-events.log' : `support-kb-events.log.${i}.gz`));
  const start = Date.parse('2026-06-01T00:00:00Z');
  const span = 180 * 86_400_000;
  let written = 0;
  for (const [f, path] of paths.entries()) {
    const file = createWriteStream(path);
    const gzip = f === 0 ? undefined : createGzip();
    gzip?.pipe(file);
    const out: NodeJS.WritableStream = gzip ?? file;
    const share = f === count - 1 ? events - written : Math.floor(events / count);
    let buffer = '';
    for (let i = 0; i < share; i++) {
      const time = new Date(start + ((written + i) / events) * span).toISOString().replace('.000Z', '+00:00');
      const ctx = {
        lang: random() < 0.8 ? 'de' : 'en',
        audience: pick(['employee', 'first-level', 'second-level']),
        path: `/artikel/${pick(o.articles)}/`,
      };
      const r = random();
      let url: string;
      if (r < 0.6) {
        const n = random() < 0.15 ? 0 : 1 + Math.floor(random() * 20);
        url = eventUrl('search', ctx, {
          q: queries[zipf()],
          n,
          fb: random() < 0.05,
          k: n && random() < 0.6 ? 1 + Math.floor(random() * 5) : undefined,
          id: undefined,
        });
        if (n && url.includes('&k=')) url += `&id=${pick(o.articles)}`;
      } else if (r < 0.75) {
        const yes = random() < 0.7;
        url = eventUrl('feedback', ctx, { a: pick(o.articles), v: yes ? 'y' : 'n', r: yes ? undefined : pick(NOT_HELPFUL_REASONS) });
      } else if (r < 0.97) {
        const tree = `tree-${Math.floor(random() * 20)}@${1 + Math.floor(random() * 3)}`;
        const node = `node-${Math.floor(random() * 30)}`;
        const e = random();
        url =
          e < 0.5
            ? eventUrl('tree', ctx, { tr: tree, e: 's', nd: node })
            : e < 0.85
              ? eventUrl('tree', ctx, { tr: tree, e: 'a', nd: node, ch: Math.floor(random() * 4) })
              : eventUrl('tree', ctx, {
                  tr: tree,
                  e: 'o',
                  nd: node,
                  o: pick(['solved', 'escalated', 'abandoned']),
                  pa: `start.0_${node}.${Math.floor(random() * 3)}`,
                });
      } else {
        url = eventUrl('quiz', ctx, {
          qz: `quiz-${Math.floor(random() * 10)}`,
          r: Array.from({ length: 8 }, () => (random() < 0.7 ? '1' : '0')).join(''),
        });
      }
      buffer += `{"time":"${time}","args":"${url.slice(url.indexOf('?') + 1)}"}\n`;
      if (buffer.length > 1 << 16) {
        if (!out.write(buffer)) await new Promise((res) => out.once('drain', res));
        buffer = '';
      }
    }
    out.write(buffer);
    written += share;
    await new Promise<void>((res) => {
      file.once('close', () => res());
      out.end();
    });
    void (file as WriteStream);
  }
  return paths;
}
