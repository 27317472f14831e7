/**
 * Astro integration: after the build, removes training materials (files under `public/`) that
 * only modules for a higher audience link to, e.g. a first-level cheat sheet from the employee build.
 */
import config from '../../kb.config.ts';
import type { AstroIntegration } from 'astro';
import { rmSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAudience } from '../lib/audience.ts';
import { contentDir } from '../lib/content-files.ts';
import { readKb } from '../lib/kb-files.ts';
import { hiddenMaterials } from '../lib/materials.ts';

export default function audienceAssets(): AstroIntegration {
  return {
    name: 'kb-audience-assets',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const kb = readKb(contentDir(), config);
        const hidden = hiddenMaterials(
          kb.training.map((t) => t.data),
          buildAudience(),
        );
        for (const file of hidden) {
          const path = normalize(join(out, file));
          if (path.startsWith(out)) rmSync(path, { force: true });
        }
        if (hidden.length) logger.info(`removed ${hidden.length} training material file(s) meant for other audiences`);
      },
    },
  };
}
