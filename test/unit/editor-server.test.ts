/**
 * The local editor's backend over real HTTP on loopback, on a git copy of the fixture KB: valid
 * saves are written and committed, invalid ones are refused with the build's messages and leave
 * the file alone, paths come from the content layout only, other origins are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { get as httpGet, type Server } from 'node:http';
import { tempDir, ROOT } from '../helpers/build.ts';
import { createEditorServer } from '../../src/editor/server.ts';

let content: string;
let server: Server;
let base: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: content, encoding: 'utf8' }).trim();

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json()) as Record<string, any> };
}
const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, data: (await res.json()) as Record<string, any>, headers: res.headers };
};

beforeAll(async () => {
  content = join(tempDir('editor-api'), 'content');
  cpSync('test/fixtures/content', content, { recursive: true });
  git('init', '-q');
  git('config', 'user.name', 'Editor Test');
  git('config', 'user.email', 'editor-test@example.invalid');
  git('add', '.');
  git('commit', '-qm', 'fixture');
  ({ server } = createEditorServer({ contentRoot: content, projectRoot: ROOT, today: () => new Date('2026-11-27T00:00:00Z') }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server?.close(() => r())));

describe('local editor API', () => {
  it('lists entries, drafts and trees with content-derived choices', async () => {
    const { data } = await get('/api/entries');
    expect(data.entries.map((e: { path: string }) => e.path)).toContain('articles/de/konto-gesperrt.mdx');
    expect(data.trees.map((t: { id: string }) => t.id)).toContain('drucker');
    const cfg = (await get('/api/config')).data;
    expect(cfg.choices.categories).toEqual(['drucken', 'konto', 'leer']);
    expect(cfg.choices.articles).toContain('password-reset');
    expect(cfg.strings.fields.sessions).toBe('Termine');
    const en = (await get('/api/config?lang=en')).data;
    expect(en.strings.fields.sessions).toBe('Sessions');
    expect(en.strings.ui.save).toBe('Save');
  });

  it('saves a valid new problem article from the German template and commits it', async () => {
    const t = (await get('/api/template?collection=articles&lang=de')).data;
    expect(t.body).toMatch(/## Problem[\s\S]*## Umgebung[\s\S]*## Ursache[\s\S]*## Lösung/);
    const data = { ...t.data, title: 'Scanner meldet Fehler 0x80004005', owner: 'L2 Workplace', category: 'drucken' };
    const r = await post('/api/save', { collection: 'articles', data, body: t.body });
    expect(r.status, JSON.stringify(r.data)).toBe(200);
    expect(r.data.path).toBe('articles/de/scanner-meldet-fehler-0x80004005.mdx');
    expect(r.data.commit.id).toMatch(/^[0-9a-f]{40}$/);
    expect(git('log', '-1', '--format=%s')).toBe('Add articles/de/scanner-meldet-fehler-0x80004005.mdx (editor)');
    expect(git('status', '--porcelain')).toBe('');
    // New articles start as drafts (wip): the queue lists them.
    const listed = (await get('/api/entries')).data.entries.find((x: { path: string }) => x.path === r.data.path);
    expect(listed).toMatchObject({ confidence: 'wip', title: data.title });
    const kb = execFileSync(process.execPath, ['scripts/kb.ts', 'validate', '--content', content], { cwd: ROOT, encoding: 'utf8' });
    expect(kb).toContain('no errors');
  });

  it('refuses an unknown category, a missing KCS section and a replacement on a live article, and leaves the file alone', async () => {
    const path = 'articles/de/konto-gesperrt.mdx';
    const before = readFileSync(join(content, path), 'utf8');
    const e = (await get(`/api/entry?path=${path}`)).data;
    const bad = await post('/api/save', {
      collection: 'articles',
      path,
      hash: e.hash,
      data: { ...e.data, category: 'gibt-es-nicht', replacedBy: 'password-reset', confidence: 'validated' },
      body: e.body.replace(/^## Lösung$/m, '## Sonstiges'),
    });
    expect(bad.status).toBe(422);
    const fields = bad.data.problems.map((p: { field: string }) => p.field);
    expect(fields).toContain('replacedBy');
    expect(readFileSync(join(content, path), 'utf8')).toBe(before);
    const noReplacement = await post('/api/save', {
      collection: 'articles',
      path,
      hash: e.hash,
      data: { ...e.data, category: 'gibt-es-nicht' },
      body: e.body.replace(/^## Lösung$/m, '## Sonstiges'),
    });
    expect(noReplacement.status).toBe(422);
    const messages = Object.fromEntries(noReplacement.data.problems.map((p: { field: string; message: string }) => [p.field, p.message]));
    expect(messages.category).toMatch(/unknown category "gibt-es-nicht"/);
    expect(messages['## Lösung']).toMatch(/missing required section/);
    expect(readFileSync(join(content, path), 'utf8')).toBe(before);
    // Archiving without naming the successor is refused next to `replacedBy`.
    const archived = await post('/api/save', {
      collection: 'articles',
      path,
      hash: e.hash,
      data: { ...e.data, confidence: 'archived' },
      body: e.body,
    });
    expect(archived.status).toBe(422);
    const archivedMessages = Object.fromEntries(
      archived.data.problems.map((p: { field: string; message: string }) => [p.field, p.message]),
    );
    expect(archivedMessages.replacedBy).toMatch(/names the article that replaces it/);
    expect(readFileSync(join(content, path), 'utf8')).toBe(before);
  });

  it('checks a translation against its original, which the KB has', async () => {
    const path = 'articles/en/password-reset.mdx';
    const e = (await get(`/api/entry?path=${path}`)).data;
    const check = (translationOf: string) =>
      post('/api/validate', { collection: 'articles', path, hash: e.hash, data: { ...e.data, translationOf }, body: e.body });
    const ok = await check('konto-gesperrt');
    expect(ok.status).toBe(200);
    expect(ok.data.problems).toEqual([]);
    const unknown = await check('gibt-es-nicht');
    expect(unknown.data.problems.map((p: { field: string; message: string }) => `${p.field}: ${p.message}`)).toEqual([
      'translationOf: unknown article id "gibt-es-nicht"',
    ]);
  });

  it('saves unchanged data without touching the file or making a commit', async () => {
    const path = 'articles/de/druckauftrag-haengt.mdx';
    const before = readFileSync(join(content, path), 'utf8');
    const head = git('rev-parse', 'HEAD');
    const e = (await get(`/api/entry?path=${path}`)).data;
    const r = await post('/api/save', { collection: 'articles', path, hash: e.hash, data: e.data, body: e.body });
    expect(r.data).toMatchObject({ changed: false, commit: null });
    expect(readFileSync(join(content, path), 'utf8')).toBe(before);
    expect(git('rev-parse', 'HEAD')).toBe(head);
  });

  it('refuses stale edits', async () => {
    const path = 'articles/de/druckauftrag-haengt.mdx';
    const e = (await get(`/api/entry?path=${path}`)).data;
    const r = await post('/api/save', {
      collection: 'articles',
      path,
      hash: '0'.repeat(64),
      data: { ...e.data, title: 'Anderer Titel für den Druckauftrag' },
      body: e.body,
    });
    expect(r.status).toBe(409);
  });

  it('chooses no path from the client and refuses other origins', async () => {
    for (const path of ['../kb.config.ts', 'articles/de/../../x.mdx', '/etc/passwd', 'articles/de/X.mdx', 'trees/drucker.yaml']) {
      expect((await get(`/api/entry?path=${encodeURIComponent(path)}`)).status, path).toBe(400);
      expect((await post('/api/save', { collection: 'articles', path, data: {}, body: '' })).status, path).toBe(400);
    }
    const t = (await get('/api/template?collection=articles&lang=de')).data;
    const sneaky = await post('/api/save', {
      collection: 'articles',
      data: { ...t.data, title: '../../../etc/passwd hijack', owner: 'x', category: 'drucken' },
      body: t.body,
    });
    expect(sneaky.data.path ?? '').toBe('articles/de/etc-passwd-hijack.mdx');
    const cross = await post('/api/save', { collection: 'articles', data: {}, body: '' }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    // DNS rebinding: a foreign host name pointing at 127.0.0.1 gets nothing.
    const rebound = await new Promise<number>((resolve, reject) => {
      const r = httpGet({ host: '127.0.0.1', port: new URL(base).port, path: '/api/entries', headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on('error', reject);
    });
    expect(rebound).toBe(421);
    expect(existsSync(join(content, '..', 'etc'))).toBe(false);
  });

  it('edits categories.yaml in place and refuses a duplicate id', async () => {
    const e = (await get('/api/entry?path=categories.yaml')).data;
    const before = readFileSync(join(content, 'categories.yaml'), 'utf8');
    const items = structuredClone(e.data) as { id: string; label: { de: string } }[];
    items[1]!.label.de = 'Drucken & Scannen';
    const r = await post('/api/save', { collection: 'categories', path: 'categories.yaml', hash: e.hash, data: items });
    expect(r.status, JSON.stringify(r.data)).toBe(200);
    const after = readFileSync(join(content, 'categories.yaml'), 'utf8');
    expect(after).toBe(before.replace('label: { de: Drucken, en: Printing }', 'label: { de: Drucken & Scannen, en: Printing }'));
    const dup = await post('/api/save', { collection: 'categories', path: 'categories.yaml', data: [...items, { ...items[0]! }] });
    expect(dup.status).toBe(422);
    expect(dup.data.problems[0].message).toMatch(/duplicate category id "konto"/);
    expect(readFileSync(join(content, 'categories.yaml'), 'utf8')).toBe(after);
  });

  it('serves the preview with a policy that runs no script', async () => {
    const r = await post('/api/preview', {
      title: 'T <b>x</b>',
      summary: 's',
      body: '## Hallo\n\n<script>alert(1)</script>\n<Internal>intern</Internal>',
      lang: 'de',
    });
    const res = await fetch(base + r.data.url);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
    expect(html).toContain('<h1>T &#60;b&#62;x&#60;/b&#62;</h1>');
    expect(html).toContain('<link rel="stylesheet" href="/site.css">');
    expect(html).toContain('<h2>Hallo</h2>');
  });
});
