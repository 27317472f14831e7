/**
 * The articles collection's loader: Astro's glob loader, except that an MDX file whose body is
 * plain Markdown (no components, no expressions; see `needsMdx`) is rendered to HTML once during
 * content sync, like a `.md` file, instead of becoming a JavaScript module that the bundler compiles
 * and keeps in memory. Articles that use `<Internal>`, `<DecisionTree>` or other MDX stay MDX.
 * With 10,000 articles this roughly halves build time and memory; the HTML is the same.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { pathToFileURL } from 'node:url';
import { needsMdx } from '../lib/content-files.ts';

type StoreEntry = Parameters<LoaderContext['store']['set']>[0];

export function articlesLoader(options: Parameters<typeof glob>[0]): Loader {
  const inner = glob(options);
  return {
    name: 'kb-articles',
    load: async (context) => {
      const pending: Promise<void>[] = [];
      const set = (entry: StoreEntry): boolean => {
        if (!entry.deferredRender || entry.body === undefined || needsMdx(entry.body)) return context.store.set(entry);
        const fileURL = entry.filePath ? pathToFileURL(`${context.config.root.pathname}${entry.filePath}`) : undefined;
        pending.push(
          context.renderMarkdown(entry.body, fileURL ? { fileURL } : {}).then((rendered) => {
            context.store.set({ ...entry, deferredRender: false, rendered });
          }),
        );
        return true;
      };
      const store = new Proxy(context.store, {
        get: (target, key, receiver) => (key === 'set' ? set : Reflect.get(target, key, receiver)),
      });
      await inner.load({ ...context, store });
      await Promise.all(pending);
    },
  };
}
