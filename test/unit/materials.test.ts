import { describe, expect, it } from 'vitest';
import { hiddenMaterials } from '../../src/lib/materials.ts';

describe('training materials per build', () => {
  const modules = [
    {
      audience: 'first-level' as const,
      materials: [{ file: '/schulungen/material/spickzettel.md' }, { file: '/schulungen/material/gemeinsam.pdf' }],
    },
    {
      audience: 'employee' as const,
      materials: [{ file: '/schulungen/material/gemeinsam.pdf' }, { url: 'https://x.example' } as { file?: string }],
    },
  ];
  it('drops files only higher audiences link to, keeps shared ones', () => {
    expect(hiddenMaterials(modules, 'employee')).toEqual(['/schulungen/material/spickzettel.md']);
    expect(hiddenMaterials(modules, 'first-level')).toEqual([]);
  });
});
