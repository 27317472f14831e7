import { describe, expect, it } from 'vitest';
import { searchStrings, useTranslations } from '../../src/i18n/index.ts';
import {
  excerptParts,
  facetFilters,
  filterOptions,
  pagefindFilters,
  readSearchParams,
  resultUrl,
  searchQuery,
  statusText,
  type SearchFacet,
} from '../../src/lib/search.ts';

describe('search URL', () => {
  it('reads the query and filters the search form submits', () => {
    const state = readSearchParams(new URLSearchParams('q=+Drucker+offline+&type=tree&type=article&category=drucken&utm_source=mail'));
    expect(state).toEqual({ q: 'Drucker offline', filters: { type: ['tree', 'article'], category: ['drucken'] } });
  });

  it('ignores malformed filter values and repeated ones, and caps the query', () => {
    const state = readSearchParams(new URLSearchParams(`q=${'x'.repeat(500)}&status=<script>&status=validated&status=validated&audience=`));
    expect(state.q).toHaveLength(200);
    expect(state.filters).toEqual({ status: ['validated'] });
  });

  it('writes the same URL back, so a search can be shared', () => {
    expect(searchQuery({ q: 'Kennwörter & VPN', filters: { type: ['tree'], status: [] } })).toBe('?q=Kennw%C3%B6rter+%26+VPN&type=tree');
    expect(searchQuery({ q: '  ', filters: {} })).toBe('');
    const url = '?q=0x80070005&type=article&category=windows';
    expect(searchQuery(readSearchParams(new URLSearchParams(url)))).toBe(url);
  });

  it('combines values of one group with OR and groups with AND for Pagefind', () => {
    expect(pagefindFilters({ type: ['article', 'tree'], category: ['netzwerk'], status: [] })).toEqual({
      type: { any: ['article', 'tree'] },
      category: { any: ['netzwerk'] },
    });
  });
});

describe('search facets', () => {
  const facets: SearchFacet[] = [
    { type: 'article', category: 'netzwerk', audience: 'employee', status: 'validated' },
    { type: 'article', category: 'drucken', audience: 'employee', status: 'not-validated' },
    { type: 'tree', category: 'netzwerk', audience: 'employee' },
    { type: 'training', category: 'sicherheit', audience: 'employee' },
  ];

  it('gives Pagefind one filter per group the page has', () => {
    expect(facetFilters(facets[0]!)).toEqual([
      ['type', 'article'],
      ['category', 'netzwerk'],
      ['audience', 'employee'],
      ['status', 'validated'],
    ]);
    expect(facetFilters(facets[2]!).map(([g]) => g)).toEqual(['type', 'category', 'audience']);
  });

  it('offers the values the build contains in vocabulary order, and no group with a single value', () => {
    expect(filterOptions(facets, ['sicherheit', 'netzwerk', 'drucken'])).toEqual([
      ['type', ['article', 'tree', 'training']],
      ['category', ['sicherheit', 'netzwerk', 'drucken']],
      ['status', ['not-validated', 'validated']],
    ]);
  });
});

describe('search results', () => {
  it('turns an excerpt into text and highlights, never into markup', () => {
    const excerpt =
      'Fehler <mark>0x80070005</mark> in &lt;script&gt;alert(1)&lt;/script&gt; <img src=x onerror=alert(1)> &amp; <mark>Zugriff</mark>';
    const parts = excerptParts(excerpt);
    expect(parts).toEqual([
      { text: 'Fehler ', mark: false },
      { text: '0x80070005', mark: true },
      { text: ' in <script>alert(1)</script> <img src=x onerror=alert(1)> &amp; ', mark: false },
      { text: 'Zugriff', mark: true },
    ]);
  });

  it('links only to paths on this site', () => {
    expect(resultUrl('/artikel/vpn-fehler-691/')).toBe('/artikel/vpn-fehler-691/');
    expect(resultUrl('/artikel/vpn-fehler-691/#loesung')).toBe('/artikel/vpn-fehler-691/#loesung');
    for (const bad of [
      'javascript:alert(1)',
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      '/a b',
      '/a\nb',
      undefined,
      42,
    ]) {
      expect(resultUrl(bad), String(bad)).toBeUndefined();
    }
  });

  it('says how many results there are in the page language', () => {
    const de = searchStrings(useTranslations('de'));
    const en = searchStrings(useTranslations('en'));
    expect(statusText(de, 12, 'Drucker')).toBe('12 Treffer für „Drucker“');
    expect(statusText(en, 1, 'printer')).toBe('1 result for “printer”');
    expect(statusText(en, 3, '')).toBe('3 results');
    expect(statusText(de, 0, 'xyz')).toMatch(/^Keine Treffer für „xyz“/);
    expect(statusText(en, 0, '')).toBe('No results with these filters.');
  });
});
