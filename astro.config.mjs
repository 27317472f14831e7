// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import kbConfig from './kb.config.ts';
import pagefindIndex from './src/integrations/pagefind-index.ts';
import editor from './src/integrations/editor.ts';
import audienceAssets from './src/integrations/audience-assets.ts';
import { autolinkPlugin } from './src/integrations/autolink-plugin.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { searchStrings, siteLocales, useTranslations } from './src/i18n/index.ts';

export default defineConfig({
  site: kbConfig.site,
  trailingSlash: 'always',
  // Two files with the same name would give two articles one id: fail instead of overwriting.
  prerenderConflictBehavior: 'error',
  // Tests build fixture content into their own folders; see test/helpers/build.ts.
  outDir: process.env.KB_OUT_DIR || './dist',
  cacheDir: process.env.KB_CACHE_DIR || './node_modules/.astro',
  // The sitemap lists exactly the pages this audience's build contains.
  integrations: [mdx(), sitemap({ filter: (page) => !page.endsWith('/404/') }), pagefindIndex(), editor(), audienceAssets()],
  build: { format: 'directory' },
  // Unchanged pages are copied from the previous build (keys from src/data/paths.ts), so a rebuild
  // after editing one article renders that article's page, not all of them.
  experimental: { incrementalBuild: true },
  devToolbar: { enabled: false },
  markdown: {
    // Phone numbers, e-mail and allowed web addresses in articles become links (tappable on phones).
    processor: satteri({ hastPlugins: [autolinkPlugin({ hosts: kbConfig.autolinkHosts })] }),
    // Light and dark code themes; global.css switches with prefers-color-scheme.
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, wrap: false },
  },
  vite: {
    // The search island's strings in both languages, compiled into its lazily loaded script instead
    // of being repeated in every page's HTML (src/islands/search.ts, declared in src/env.d.ts).
    define: {
      __KB_SEARCH_STRINGS__: JSON.stringify(Object.fromEntries(siteLocales.map((l) => [l, searchStrings(useTranslations(l))]))),
    },
    // The search worker imports Pagefind's module at run time: an ES module worker.
    worker: { format: 'es' },
    build: {
      // Never inline scripts into pages: the strict Content-Security-Policy in deploy/nginx.conf
      // allows only the site's own script files.
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro marks every MDX module with "use astro:head-inject"; the bundler warns once per
        // article that it may drop the directive, which is harmless and would flood large KBs.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
