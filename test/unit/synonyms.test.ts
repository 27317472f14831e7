import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseSynonyms, readSynonyms, synonymWords } from '../../src/lib/synonyms.ts';

const problems = (source: string) => parseSynonyms('content/synonyms.yaml', source).problems;

describe('content/synonyms.yaml', () => {
  it('ships a real service-desk vocabulary: at least 80 groups per language, valid', () => {
    const { data, problems: found } = readSynonyms(join(import.meta.dirname, '../../content'));
    expect(found).toEqual([]);
    expect(data.de.groups.length).toBeGreaterThanOrEqual(80);
    expect(data.en.groups.length).toBeGreaterThanOrEqual(80);
    const all = (lang: 'de' | 'en') => new Set(data[lang].groups.flat());
    for (const term of [
      'rechner',
      'passwort',
      'handy',
      'wlan',
      'drucker',
      'postfach',
      'teams',
      'phishing',
      'bitlocker',
      'microsoft 365',
      'vpn',
    ])
      expect(all('de')).toContain(term);
    for (const term of ['laptop', 'password', 'wi-fi', 'printer', 'mailbox', 'phishing', 'mfa']) expect(all('en')).toContain(term);
    expect(synonymWords(data, 'de')).toContain('warteschlange');
  });

  it('names file, line and term for an empty group, a term in two groups and a malformed entry', () => {
    expect(problems('de:\n  - [PC, Rechner]\n  - []\n')).toEqual([
      expect.objectContaining({
        file: 'content/synonyms.yaml',
        field: 'de[1]',
        line: 3,
        message: expect.stringMatching(/at least two terms/),
      }),
    ]);
    expect(problems('de:\n  - [PC, Rechner]\n  - [Laptop, rechner]\n')).toEqual([
      expect.objectContaining({
        field: 'de[1]',
        line: 3,
        message: expect.stringMatching(/"rechner" is also in the group de\[0\] \(line 2\)/),
      }),
    ]);
    expect(problems('de:\n  - [PC, Rechner]\n  - { term: Platte }\n')[0]).toEqual(expect.objectContaining({ line: 3, field: 'de[1]' }));
    expect(problems('de:\n  - [PC, "<script>"]\n')[0]).toEqual(
      expect.objectContaining({ line: 2, message: expect.stringContaining('"<script>"') }),
    );
    expect(problems('de:\n  - Rechner\n')[0]).toEqual(expect.objectContaining({ line: 2, field: 'de[0]' }));
    expect(problems('fr:\n  - [a1, b1]\n')[0]).toEqual(
      expect.objectContaining({ field: 'fr', message: expect.stringMatching(/unknown language/) }),
    );
    expect(problems('de: [\n')[0]).toEqual(expect.objectContaining({ field: '(yaml)' }));
    expect(problems('de:\n  - { term: Platte, adds: [Festplatte] }\n  - { term: platte, adds: [SSD] }\n')[0]).toEqual(
      expect.objectContaining({ line: 3, message: expect.stringMatching(/already has a one-way expansion/) }),
    );
  });

  it('keeps nothing of an entry that failed, and everything else', () => {
    const { data } = parseSynonyms('x.yaml', 'de:\n  - [PC, Rechner]\n  - []\n  - [WLAN, WiFi]\n');
    expect(data.de.groups).toEqual([
      ['pc', 'rechner'],
      ['wlan', 'wifi'],
    ]);
  });
});
