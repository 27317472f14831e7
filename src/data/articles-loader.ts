/**
 * The articles collection's loader: Astro's glob loader with two changes that keep a 10,000-article
 * build fast and small.
 *
 * - An MDX file whose body is plain Markdown (no components, tags or expressions; see `needsMdx`)
 *   is rendered to HTML once during content sync, like a `.md` file, instead of becoming a
 *   JavaScript module that the bundler compiles. Articles using `<Internal>`, `<DecisionTree>` or
 *   other MDX stay MDX.
 * - Neither that HTML nor the Markdown source goes into Astro's content store, which a build
 *   compiles into one JavaScript module (hundreds of MB for 10,000 articles). The HTML is written
 *   to `<cacheDir>/kb-articles/<digest>.html`, named in the entry's `rendered.metadata.htmlFile`
 *   (read by `articleHtml()`); the source stays in its file (`articleBody()`).
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { needsMdx, splitFrontmatter } from '../lib/content-files.ts';
import config from '../../kb.config.ts';

/**
 * What besides an entry's own text changes its HTML: the Markdown plugins' settings. Part of the
 * cached file's name, so changing them renders every plain-Markdown article again.
 */
export const RENDER_KEY = createHash('sha256')
  .update(JSON.stringify({ renderer: 1, autolinkHosts: config.autolinkHosts }))
  .digest('hex')
  .slice(0, 12);

type StoreEntry = Parameters<LoaderContext['store']['set']>[0];

export function articlesLoader(options: Parameters<typeof glob>[0]): Loader {
  const inner = glob(options);
  return {
    name: 'kb-articles',
    load: async (context) => {
      const htmlDir = join(fileURLToPath(context.config.cacheDir), 'kb-articles');
      mkdirSync(htmlDir, { recursive: true });
      const htmlFile = (entry: { id: string; digest?: string | number | undefined }) =>
        join(htmlDir, `${entry.digest ?? entry.id}-${RENDER_KEY}.html`);
      const pending: Promise<void>[] = [];
      const renderPlain = (entry: StoreEntry, body: string) => {
        const file = htmlFile(entry);
        const fileURL = entry.filePath ? pathToFileURL(resolve(fileURLToPath(context.config.root), entry.filePath)) : undefined;
        pending.push(
          context.renderMarkdown(body, fileURL ? { fileURL } : {}).then((rendered) => {
            writeFileSync(file, rendered.html);
            const metadata = { headings: rendered.metadata?.headings ?? [], htmlFile: file };
            // The store ignores a set() whose digest it has already; replace the entry instead.
            context.store.delete(entry.id);
            context.store.set({ ...entry, body: undefined, deferredRender: false, rendered: { html: '', metadata } });
          }),
        );
      };
      const set = (entry: StoreEntry): boolean => {
        const body = entry.body;
        if (!entry.deferredRender || body === undefined) return context.store.set(entry);
        if (needsMdx(body)) return context.store.set({ ...entry, body: undefined });
        renderPlain(entry, body);
        return true;
      };
      const store = new Proxy(context.store, {
        get: (target, key, receiver) => (key === 'set' ? set : Reflect.get(target, key, receiver)),
      });
      await inner.load({ ...context, store });
      // Entries unchanged since the last build keep their HTML file; one deleted meanwhile, or
      // rendered with other plugin settings, is rendered again.
      for (const entry of context.store.values()) {
        const file = entry.rendered?.metadata?.htmlFile;
        if (typeof file === 'string' && (file !== htmlFile(entry) || !existsSync(file)) && entry.filePath) {
          renderPlain(entry, articleBody({ filePath: resolve(fileURLToPath(context.config.root), entry.filePath) }));
        }
      }
      await Promise.all(pending);
    },
  };
}

/** The HTML of a plain-Markdown article, or undefined for an MDX one (render it with `render()`). */
export function articleHtml(entry: { rendered?: { metadata?: Record<string, unknown> } }): string | undefined {
  const file = entry.rendered?.metadata?.htmlFile;
  return typeof file === 'string' ? readFileSync(file, 'utf8') : undefined;
}

/** An article's Markdown/MDX source without frontmatter, read from its file (the content store keeps none). */
export function articleBody(entry: { filePath?: string; body?: string }): string {
  if (entry.body !== undefined) return entry.body;
  return entry.filePath ? splitFrontmatter(readFileSync(resolve(entry.filePath), 'utf8')).body : '';
}
