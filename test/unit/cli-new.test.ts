import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const kb = (args: string[], content: string) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts/kb.ts'), ...args, '--content', content, '--owner', 'L2 Workplace'], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
  });

describe('kb new', () => {
  const content = mkdtempSync(join(tmpdir(), 'kb-new-'));
  cpSync(join(ROOT, 'content/categories.yaml'), join(content, 'categories.yaml'));

  it('refuses to guess a category and lists the choices', () => {
    const r = kb(['new', 'article', 'Drucker zieht Papier schief ein'], content);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/pass --category <id>; one of: konto, netzwerk, .*drucken/);
  });

  it('refuses an unknown category', () => {
    const r = kb(['new', 'article', 'Drucker zieht Papier schief ein', '--category', 'hardware'], content);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown category "hardware"');
  });

  it('files the article under the category it was given', () => {
    const r = kb(['new', 'article', 'Drucker zieht Papier schief ein', '--category', 'drucken'], content);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(r.stdout.trim(), 'utf8')).toMatch(/^category: drucken$/m);
  });
});
