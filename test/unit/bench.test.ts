/** The benchmark's tooling: the synthetic KB must be a valid KB, or the numbers measure errors. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKb } from '../../src/lib/kb-files.ts';
import { generateKb } from '../bench/synthetic.ts';
import { writeServiceNowCsv } from '../bench/tickets.ts';
import { initialJs } from '../bench/measure.ts';
import { ROOT, tempDir } from '../helpers/build.ts';
import { runImport } from '../../src/lib/import/run.ts';
import config from '../../kb.config.ts';

describe('synthetic KB', () => {
  it('grows the sample KB to the requested size and passes every content check', () => {
    const dir = join(tempDir('bench'), 'kb');
    const kb = generateKb({ sampleDir: join(ROOT, 'content'), dir, articles: 300 });
    const disk = readKb(dir, config);
    expect(disk.articles).toHaveLength(300);
    expect(kb.trees).toBe(disk.trees.length);
    expect(disk.trees.length).toBeGreaterThanOrEqual(5);
    expect(disk.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Variants differ from their source: own title, own error code.
    const titles = new Set(disk.articles.map((a) => a.data.title));
    expect(titles.size).toBe(300);
    const de = disk.articles.filter((a) => a.data.lang === 'de').length;
    // German is the primary language, as in the sample KB.
    expect(de).toBeGreaterThan(300 - de);
  });

  it('is the same KB on every run', () => {
    const a = generateKb({ sampleDir: join(ROOT, 'content'), dir: join(tempDir('bench'), 'kb'), articles: 120 });
    const b = generateKb({ sampleDir: join(ROOT, 'content'), dir: join(tempDir('bench'), 'kb'), articles: 120 });
    const id = a.generatedIds[10]!;
    const read = (dir: string) =>
      readFileSync(
        join(dir, 'articles', readdirSync(join(dir, 'articles', 'de')).includes(`${id}.mdx`) ? 'de' : 'en', `${id}.mdx`),
        'utf8',
      );
    expect(read(a.dir)).toBe(read(b.dir));
  });
});

describe('synthetic ticket export', () => {
  it('is a ServiceNow export the importer accounts for record by record', async () => {
    const dir = tempDir('bench');
    const kb = generateKb({ sampleDir: join(ROOT, 'content'), dir: join(dir, 'kb'), articles: 60 });
    const csv = join(dir, 'incidents.csv');
    await writeServiceNowCsv(csv, 400, join(ROOT, 'content'));
    const result = await runImport({
      files: [csv],
      contentRoot: kb.dir,
      kb: readKb(kb.dir, config),
      dryRun: true,
      today: new Date('2026-11-27'),
      locale: 'de',
    });
    const s = result.summary;
    expect(s.total).toBe(400);
    expect(s.rejected).toBe(0);
    expect(s.linked).toBeGreaterThan(150);
    expect(s.skipped).toBeGreaterThan(10);
    expect(s.drafted + s.merged).toBeGreaterThan(50);
    expect(s.drafted + s.merged + s.linked + s.skipped).toBe(400);
  });
});

describe('initial JavaScript of a page', () => {
  it('follows static imports but not dynamic ones', () => {
    const dist = tempDir('bench');
    writeFileSync(join(dist, 'page.html'), '<script type="module" src="/a.js"></script>');
    writeFileSync(join(dist, 'a.js'), 'import{x}from"./b.js";import("./lazy.js");x();');
    writeFileSync(join(dist, 'b.js'), 'export const x=()=>1;');
    writeFileSync(join(dist, 'lazy.js'), 'export const big="' + 'x'.repeat(5000) + '";');
    const js = initialJs(dist, join(dist, 'page.html'));
    expect(js.files.sort()).toEqual(['/a.js', '/b.js']);
    expect(js.bytes).toBeLessThan(200);
  });
});
