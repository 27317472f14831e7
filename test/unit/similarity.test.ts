import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimilarityIndex, relatedForAll, type SimilarityDoc } from '../../src/lib/similarity.ts';

const doc = (id: string, title: string, body: string, extra: Partial<SimilarityDoc> = {}): SimilarityDoc => ({
  id,
  title,
  summary: '',
  tags: [],
  errorCodes: [],
  body,
  ...extra,
});

const docs = [
  doc(
    'druckauftrag',
    'Druckauftrag hängt in der Warteschlange',
    'Der Druckauftrag bleibt hängen. Den Spooler neu starten: net stop spooler.',
  ),
  doc('drucker-offline', 'Drucker wird als offline angezeigt', 'Der Drucker ist offline. Druckaufträge bleiben in der Warteschlange.'),
  doc('vpn-809', 'VPN-Fehler 809', 'Die VPN-Verbindung scheitert mit Fehler 809, UDP 500 und 4500 blockiert.', { errorCodes: ['809'] }),
  doc('vpn-691', 'VPN error 691', 'The VPN connection is denied: error 691, user name and password not recognized.', {
    errorCodes: ['691'],
  }),
  doc('outlook', 'Outlook startet nicht', 'Die OST-Datei ist beschädigt. Outlook-Profil neu anlegen.'),
];

describe('related articles', () => {
  const index = createSimilarityIndex(docs);

  it('ranks articles on the same problem first, using German stemming', () => {
    // "Druckauftrag"/"Druckaufträge" and "Warteschlange" connect the two printer articles.
    expect(index.related('druckauftrag', 5)[0]!.id).toBe('drucker-offline');
    expect(index.related('vpn-809', 5)[0]!.id).toBe('vpn-691');
  });

  it('never relates an article to itself and leaves out unrelated ones', () => {
    const ids = index.related('outlook', 5).map((m) => m.id);
    expect(ids).not.toContain('outlook');
    expect(index.related('druckauftrag', 5, 0.05).map((m) => m.id)).not.toContain('outlook');
  });

  it('finds a known issue from ticket text, in English too', () => {
    expect(index.search({ title: 'Druckauftrag hängt', body: 'Spooler neu gestartet, Auftrag hängt weiter' }, 1)[0]!.id).toBe(
      'druckauftrag',
    );
    expect(index.search({ title: 'VPN denied', body: 'user name and password are not recognized', errorCodes: ['691'] }, 1)[0]!.id).toBe(
      'vpn-691',
    );
  });

  it('scores between 0 and 1, identical text highest', () => {
    const [best] = createSimilarityIndex([...docs, doc('kopie', docs[0]!.title, docs[0]!.body)]).related('druckauftrag', 1);
    expect(best).toMatchObject({ id: 'kopie' });
    expect(best!.score).toBeGreaterThan(0.99);
    expect(best!.score).toBeLessThanOrEqual(1.000001);
  });

  it('computes once per content digest and reuses the cache', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kb-related-'));
    const first = relatedForAll(docs, { cacheDir });
    const second = relatedForAll(docs, { cacheDir });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.related).toEqual(first.related);
    const changed = relatedForAll([...docs.slice(1), doc('druckauftrag', 'Geändert', 'Neuer Text')], { cacheDir });
    expect(changed.cached).toBe(false);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });
});
