/**
 * Team mode in the browser: registers the minimal-diff file formats with Sveltia CMS and starts
 * it with the configuration generated at build time (config.json next to this page). Bundled with
 * esbuild by src/integrations/editor.ts; loaded after sveltia-cms.js, which kb-init.js told to
 * wait for this script (CMS_MANUAL_INIT).
 */
import type { EditorField } from '../lib/editor/fields.ts';
import { LIST_FORMAT, MDX_FORMATS, listFromFile, listToFile, mdxFromFile, mdxToFile } from '../lib/editor/team.ts';

interface Cms {
  registerCustomFormat(
    name: string,
    extension: string,
    methods: { fromFile: (text: string) => unknown; toFile: (data: Record<string, unknown>) => string },
  ): void;
  init(options: { config: unknown }): Promise<void>;
}

const { config, fields } = (await (await fetch(new URL('config.json', location.href))).json()) as {
  config: unknown;
  fields: { articles: EditorField[]; training: EditorField[]; categories: EditorField[] };
};
const cms = (window as unknown as { CMS: Cms }).CMS;
cms.registerCustomFormat(MDX_FORMATS.articles, 'mdx', { fromFile: mdxFromFile, toFile: (d) => mdxToFile(d, fields.articles, 'articles') });
cms.registerCustomFormat(MDX_FORMATS.training, 'mdx', { fromFile: mdxFromFile, toFile: (d) => mdxToFile(d, fields.training, 'training') });
cms.registerCustomFormat(LIST_FORMAT, 'yaml', { fromFile: listFromFile, toFile: (d) => listToFile(d, fields.categories) });
await cms.init({ config });
