import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKb } from '../../src/lib/kb-files.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { tempDir } from '../helpers/build.ts';
import config from '../../kb.config.ts';

describe('the sample knowledge base', () => {
  const kb = readKb('content', config);

  it('validates without errors; warnings only flag trees that use not-yet-validated articles', () => {
    expect(kb.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    for (const w of kb.problems.filter((p) => p.severity === 'warning')) expect(w.message).toMatch(/is not validated yet/);
  });

  it('ships decision trees for employees and agents that end in fixes and escalations', () => {
    expect(kb.trees.length).toBeGreaterThanOrEqual(5);
    expect(kb.trees.filter((t) => t.tree.audience === 'employee').length).toBeGreaterThanOrEqual(2);
    expect(kb.trees.some((t) => Object.values(t.tree.nodes).some((n) => n.type === 'tree'))).toBe(true);
    for (const { tree } of kb.trees) {
      const types = new Set(Object.values(tree.nodes).map((n) => n.type));
      expect(types.has('solved') && types.has('escalate'), tree.id).toBe(true);
    }
  });

  it('is broad enough to be a real first impression', () => {
    expect(kb.articles.length).toBeGreaterThanOrEqual(24);
    expect(kb.articles.filter((a) => a.data.lang === 'en').length).toBeGreaterThanOrEqual(6);
    expect(new Set(kb.articles.map((a) => a.data.category)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(kb.articles.map((a) => a.data.audience))).toEqual(new Set(['employee', 'first-level', 'second-level']));
    expect(new Set(kb.articles.map((a) => a.data.confidence))).toEqual(new Set(['wip', 'not-validated', 'validated', 'archived']));
  });

  it('lists only error codes that the article body actually contains', () => {
    for (const a of kb.articles) {
      for (const code of a.data.errorCodes) expect(a.body, `${a.file}: ${code}`).toContain(code);
    }
  });
});

describe('kb validate', () => {
  const run = (dir: string) => spawnSync(process.execPath, ['scripts/kb.ts', 'validate', '--content', dir], { encoding: 'utf8' });

  it('passes valid content', () => {
    const r = run('test/fixtures/content');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('6 articles, 3 trees, 1 training modules, 3 categories checked');
  });

  it('fails with file and field for invalid content', () => {
    const dir = join(tempDir('validate'), 'content');
    cpSync('test/fixtures/content', dir, { recursive: true });
    const f = join(dir, 'articles/de/konto-gesperrt.mdx');
    writeFileSync(f, readFileSync(f, 'utf8').replace('confidence: validated', 'confidence: maybe'));
    writeFileSync(join(dir, 'articles/en/konto-gesperrt.mdx'), readFileSync(f, 'utf8'));
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /articles\/de\/konto-gesperrt\.mdx {2}confidence: Invalid option: expected one of "wip"\|"not-validated"\|"validated"\|"archived"/,
    );
    expect(r.stderr).toMatch(/articles\/en\/konto-gesperrt\.mdx {2}\(id\): duplicate article id "konto-gesperrt"/);
  });

  it('fails for a German and an English article with one file name, naming both files', () => {
    const dir = join(tempDir('validate'), 'content');
    cpSync('test/fixtures/content', dir, { recursive: true });
    cpSync(join(dir, 'articles/en/password-reset.mdx'), join(dir, 'articles/de/password-reset.mdx'));
    const r = run(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /articles\/de\/password-reset\.mdx {2}\(id\): duplicate article id "password-reset", also used by \S*articles\/en\/password-reset\.mdx/,
    );
    expect(r.stderr).toMatch(
      /articles\/en\/password-reset\.mdx {2}\(id\): duplicate article id "password-reset", also used by \S*articles\/de\/password-reset\.mdx/,
    );
  });
});
