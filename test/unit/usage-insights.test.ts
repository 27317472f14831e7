/** What the insight pages compute from usage.json: the "write an article" command, heat, signals. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  articleWords,
  needsAttention,
  newArticleCommand,
  nodeHeat,
  reviewSignals,
  shellQuote,
  suggestCategory,
} from '../../src/lib/usage/insights.ts';
import type { UsageReport } from '../../src/schemas/usage.ts';

describe('usage insights', () => {
  it('quotes a hostile query so the shell runs nothing in it', () => {
    for (const q of [`vpn fehler 809 ' $(touch /tmp/kb-pwned) \`id\` "x" ; rm -rf ~`, "it's", '$HOME', '\\n']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(q)}`], { encoding: 'utf8' })).toBe(q);
    }
    expect(newArticleCommand('drucker druckt leere seiten', 'drucken')).toBe(
      "npm run kb -- new article 'Drucker druckt leere seiten' --category drucken",
    );
    expect(newArticleCommand('x', undefined)).toBe("npm run kb -- new article 'X'");
  });

  it('suggests the category whose articles share the most words with the query', () => {
    const articles = [
      { category: 'drucken', words: articleWords({ title: 'Drucker offline', tags: ['drucker', 'followme'] }) },
      { category: 'netzwerk', words: articleWords({ title: 'VPN trennt', tags: ['vpn'], errorCodes: ['809'] }) },
    ];
    expect(suggestCategory('vpn fehler 809', articles)).toBe('netzwerk');
    expect(suggestCategory('drucker druckt nicht', articles)).toBe('drucken');
    expect(suggestCategory('[e-mail] xy', articles)).toBeUndefined();
  });

  const report = {
    articles: [
      { id: 'a', helpful: 1, notHelpful: 5, reasons: { outdated: 5 }, notHelpfulSinceReview: 4, fromSearch: 2 },
      { id: 'b', helpful: 3, notHelpful: 1, reasons: {}, notHelpfulSinceReview: 1, fromSearch: 0 },
    ],
    neverFound: ['b'],
  } as unknown as UsageReport;

  it('flags articles with many "not helpful" votes since review and gives the review page its signals', () => {
    expect(needsAttention(report).map((a) => a.id)).toEqual(['a']);
    expect(reviewSignals(report, 'b')).toEqual({ helpful: 3, notHelpful: 1, sinceReview: 1, fromSearch: 0, neverFound: true });
    expect(reviewSignals(report, 'unknown')).toMatchObject({ helpful: 0, neverFound: false });
    expect(reviewSignals(undefined, 'a')).toBeUndefined();
  });

  it('tints flowchart steps by the share of walks that reached them', () => {
    const heat = nodeHeat({
      tree: 't',
      version: '1',
      sessions: 10,
      solved: 2,
      escalated: 3,
      abandoned: 5,
      nodes: [
        { node: 'start', reached: 10, left: 2, solved: 0, escalated: 0 },
        { node: 'mid', reached: 4, left: 3, solved: 0, escalated: 0 },
        { node: 'end', reached: 1, left: 0, solved: 0, escalated: 1 },
        { node: 'never', reached: 0, left: 0, solved: 0, escalated: 0 },
      ],
      paths: [],
    });
    expect([...heat].map(([n, h]) => [n, h.level])).toEqual([
      ['start', 4],
      ['mid', 2],
      ['end', 1],
      ['never', 0],
    ]);
  });
});

describe('KCS measures from git', () => {
  it('counts created and validated articles per month and owner, and the time to validation', async () => {
    const { kcsMeasures, oldestDates } = await import('../../src/lib/usage/kcs.ts');
    // git log lists newest first: the oldest entry per file is its creation (or first validation).
    const created = oldestDates(
      '\u00002026-11-20T10:00:00+01:00\n\ncontent/articles/de/b.mdx\n\u00002026-10-01T10:00:00+02:00\n\ncontent/articles/de/a.mdx\ncontent/articles/de/b.mdx\n',
    );
    expect(created).toEqual(
      new Map([
        ['b', '2026-10-01T10:00:00+02:00'],
        ['a', '2026-10-01T10:00:00+02:00'],
      ]),
    );
    const validated = new Map([
      ['a', '2026-10-11T10:00:00+02:00'],
      ['b', '2026-11-20T10:00:00+01:00'],
    ]);
    const r = kcsMeasures(
      [
        { id: 'a', owner: 'L2 Netzwerk', confidence: 'validated' },
        { id: 'b', owner: 'L2 Netzwerk', confidence: 'not-validated' },
      ],
      created,
      validated,
    );
    expect(r.byMonth).toEqual({ '2026-10': { created: 2, validated: 1 } });
    expect(r.timeToValidated).toEqual({ count: 1, medianDays: 10, p90Days: 10 });
    expect(r.byOwner).toEqual([{ owner: 'L2 Netzwerk', created: 2, validated: 1 }]);
  });
});
