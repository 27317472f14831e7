/**
 * Puts the browser editor (team mode, Sveltia CMS) into staff builds only: after the build, writes
 * `dist/redaktion/` with the CMS copied from node_modules (served from the site's own origin; no
 * CDN), the minimal-diff formats bundled with esbuild, and the configuration generated from the
 * zod schemas with choices from the content. The employee build gets nothing. The page is not an
 * Astro route, so it is in neither the sitemap nor Pagefind's index, and it asks robots to stay out.
 */
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../../kb.config.ts';
import { useTranslations } from '../i18n/index.ts';
import { buildAudience } from '../lib/audience.ts';
import { contentDir } from '../lib/content-files.ts';
import { contentChoices } from '../lib/editor/choices.ts';
import { editorFields } from '../lib/editor/fields.ts';
import { editorStrings } from '../lib/editor/strings.ts';
import { sveltiaConfig } from '../lib/editor/team.ts';
import { routes } from '../lib/routes.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function page(title: string, lead: string, configured: boolean, help: string): string {
  return `<!doctype html>
<html lang="${config.defaultLocale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<script src="kb-init.js"></script>
<script src="sveltia-cms.js"></script>
<script type="module" src="team.js"></script>
</head>
<body data-pagefind-ignore="all">
<noscript><p>${lead}</p></noscript>
${configured ? '' : `<!-- ${help} -->`}
</body>
</html>
`;
}

export default function editorIntegration(): AstroIntegration {
  return {
    name: 'kb-editor',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (buildAudience() === 'employee') return;
        const out = join(fileURLToPath(dir), routes.editor().slice(1));
        mkdirSync(out, { recursive: true });
        const cmsDist = join(ROOT, 'node_modules/@sveltia/cms/dist');
        copyFileSync(join(cmsDist, 'sveltia-cms.js'), join(out, 'sveltia-cms.js'));
        if (existsSync(join(cmsDist, 'chunks'))) {
          mkdirSync(join(out, 'chunks'), { recursive: true });
          for (const f of readdirSync(join(cmsDist, 'chunks')).filter((f) => f.endsWith('.js')))
            copyFileSync(join(cmsDist, 'chunks', f), join(out, 'chunks', f));
        }
        writeFileSync(join(out, 'kb-init.js'), 'window.CMS_MANUAL_INIT = true;\n');
        await build({
          entryPoints: [join(ROOT, 'src/editor/team.ts')],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          outfile: join(out, 'team.js'),
          logLevel: 'silent',
          legalComments: 'none',
        });
        const fields = editorFields();
        const labels = { de: editorStrings(useTranslations('de')), en: editorStrings(useTranslations('en')) };
        const cmsConfig = sveltiaConfig({
          fields,
          choices: contentChoices(resolve(ROOT, contentDir())),
          labels,
          editor: config.editor,
          locale: config.defaultLocale,
          site: config.site,
        });
        writeFileSync(join(out, 'config.json'), JSON.stringify({ config: cmsConfig, fields }));
        const t = labels[config.defaultLocale].ui;
        writeFileSync(
          join(out, 'index.html'),
          page(
            `${t.title} – ${config.title[config.defaultLocale]}`,
            t.lead,
            Boolean(config.editor),
            'kb.config.ts has no `editor` section: the CMS runs on an in-memory demo repository. See README "Editing in the browser".',
          ),
        );
        logger.info(
          `editor (team mode${config.editor ? `, ${config.editor.backend}` : ', demo repository'}) written to ${routes.editor()}`,
        );
      },
    },
  };
}
