/**
 * Page budgets on the sample KB, as a reader on a slow phone would feel them: article pages stay
 * small (what the page adds around the article text) and run no script beyond the search trigger; the decision-tree island stays under 6 KB
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

  it('keeps what an article page adds around the article text under 22 KB of HTML', () => {
    // The text itself is the author's (kb lint warns when it gets too long); the budget holds what
    // the code adds: header, navigation, metadata, contents, related articles, feedback, search.
    // About 18 KB today; the feedback block repeats the title in its prefilled links, so a title
    // near the schema's 140 characters adds 2-3 KB.
    const pages = articlePages();
    expect(pages.length).toBeGreaterThan(30);
    const over = pages.flatMap((file) => {
      const html = readFileSync(file, 'utf8');
      const start = html.indexOf('<div class="prose">');
      const end = html.lastIndexOf('<', html.indexOf('class="feedback', start));
      expect(start, file).toBeGreaterThan(0);
      expect(end, file).toBeGreaterThan(start);
      const chrome = Buffer.byteLength(html) - Buffer.byteLength(html.slice(start, end));
      return chrome > 22 * KB ? [`${file}: ${chrome} bytes around the text`] : [];
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

  // 6 KB before the usage events (issue 15) added their 0.65 KB module to the island.
  it('keeps the decision-tree island under 7 KB gzipped', () => {
    const js = initialJs(dist, join(dist, 'diagnose/kein-netzwerk/index.html'));
    expect(js.files.some((f) => /TreeRunner/.test(f))).toBe(true);
    expect(js.gzipBytes).toBeLessThan(7 * KB);
  });
});
