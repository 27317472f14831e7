import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { articleFrontmatterSchema } from '../../src/schemas/article.ts';

describe('README frontmatter reference', () => {
  it('documents exactly the fields of the article schema', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.split('### Frontmatter reference')[1]!.split('\n### ')[0]!;
    const documented = [...section.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(articleFrontmatterSchema.shape).sort());
  });
});
