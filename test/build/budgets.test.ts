/**
 * Page budgets on the sample KB, as a reader on a slow phone would feel them: article pages stay
 * small and run no script beyond the search trigger; the decision-tree island stays under 6 KB
 * gzipped. (That an article page does not grow with the KB is checked in site-build.test.ts;
 * timings belong to `npm run bench`, not to tests.)
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedBuild } from '../helpers/build.ts';
import { initialJs } from '../bench/measure.ts';

const KB = 1024;

describe('page budgets of the sample KB', () => {
  let dist: string;
  beforeAll(() => {
    dist = inject('sampleSite');
    if (!dist) {
      const build = sharedBuild();
      if (build.status !== 0) throw new Error(build.output);
      dist = build.outDir;
    }
  });

  const articlePages = () =>
    ['artikel', 'en/articles'].flatMap((dir) => readdirSync(join(dist, dir)).map((id) => join(dist, dir, id, 'index.html')));

  it('keeps every article page under 30 KB of HTML, unless it embeds a whole decision tree', () => {
    const pages = articlePages();
    expect(pages.length).toBeGreaterThan(30);
    const over = pages.filter((file) => {
      const html = readFileSync(file, 'utf8');
      return !html.includes('data-tree-runner') && Buffer.byteLength(html) > 30 * KB;
    });
    expect(over).toEqual([]);
  });

  it('loads no script on article pages but the search trigger, about 1 KB', () => {
    for (const file of articlePages()) {
      const html = readFileSync(file, 'utf8');
      if (html.includes('data-tree-runner') || html.includes('data-quiz')) continue;
      const js = initialJs(dist, file);
      expect(js.files, file).toHaveLength(1);
      expect(js.files[0]).toMatch(/SearchModalLoader/);
      expect(js.gzipBytes).toBeLessThan(1.5 * KB);
    }
  });

  it('keeps the decision-tree island under 6 KB gzipped', () => {
    const js = initialJs(dist, join(dist, 'diagnose/kein-netzwerk/index.html'));
    expect(js.files.some((f) => /TreeRunner/.test(f))).toBe(true);
    expect(js.gzipBytes).toBeLessThan(6 * KB);
  });
});
