// The bare baseline for `npm run bench`: Astro + MDX + Pagefind over the same article files,
// without Support KB's layouts, collections schemas or features. Copied to a temp folder to run.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  // Same bundler settings as Support KB, so both builds do the same bundling work.
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
  outDir: process.env.KB_OUT_DIR,
  cacheDir: process.env.KB_CACHE_DIR,
  integrations: [
    mdx(),
    {
      name: 'pagefind',
      hooks: {
        'astro:build:done': async ({ dir }) => {
          const pagefind = await import('pagefind');
          const { index } = await pagefind.createIndex({});
          await index.addDirectory({ path: new URL(dir).pathname });
          await index.writeFiles({ outputPath: new URL('pagefind/', dir).pathname });
          await pagefind.close();
        },
      },
    },
  ],
});
