/**
 * Training materials are files under `public/`, which Astro copies into every build. A file that
 * only modules for other audiences link to must not ship in a build whose readers may not see them.
 */
import type { Audience } from '../schemas/vocabulary.ts';
import { canSee } from './audience.ts';

export interface ModuleMaterials {
  audience: Audience;
  materials: readonly { file?: string | undefined }[];
}

/** Site paths of material files that no module visible to `audience` links to. */
export function hiddenMaterials(modules: readonly ModuleMaterials[], audience: Audience): string[] {
  const visible = new Set<string>();
  const all = new Set<string>();
  for (const m of modules) {
    for (const { file } of m.materials) {
      if (!file) continue;
      all.add(file);
      if (canSee(audience, m.audience)) visible.add(file);
    }
  }
  return [...all].filter((f) => !visible.has(f)).sort();
}
