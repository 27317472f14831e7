import { describe, expect, it } from 'vitest';
import {
  codeForms,
  compoundParts,
  correction,
  editDistance,
  hasWord,
  indexTerms,
  knownWord,
  pageHas,
  proposeKeywords,
  queryUnits,
  runQuery,
  splitCompound,
  splitWithIndex,
  titleBoost,
  wordWeight,
  synonymTokens,
  vocabulary,
  type Hit,
} from '../../src/lib/search-engine.ts';
import { parseSynonyms } from '../../src/lib/synonyms.ts';

const synonyms = parseSynonyms(
  'synonyms.yaml',
  `de:
  - [Kennwort, Passwort, Password]
  - [PC, Rechner, Computer, Laptop]
  - [Drucker, Printer]
  - [Warteschlange, Druckwarteschlange, Spooler]
  - [Netzwerk, Netz]
  - [langsam, lahm]
  - [WLAN, WiFi]
  - [geht nicht, funktioniert nicht]
  - { term: Platte voll, adds: [Speicherplatz] }
en:
  - [password, passcode]
  - [computer, PC]
`,
).data;
const de = vocabulary(synonyms, 'de');

/** A tiny index: page id → its words (each occurrence counts 1), with their synonym tokens as the build adds them. */
function index(pages: Record<string, string>) {
  const searched: string[] = [];
  const search = async (word: string): Promise<Hit[]> => {
    searched.push(word);
    return Object.entries(pages).flatMap(([id, text]) => {
      const indexed = `${text} ${synonymTokens(text, synonyms, 'de').join(' ')}`;
      const n = indexed
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w.startsWith(word)).length;
      return n ? [{ id, score: n }] : [];
    });
  };
  return { search, searched };
}

describe('query words', () => {
  it('puts the particle of a German separable verb back next to its verb', () => {
    const terms = new Set(['bricht ab', 'kommt zurück']);
    expect(queryUnits('WLAN bricht ständig ab', terms).map((u) => u.text)).toEqual(['wlan', 'bricht ab']);
    expect(queryUnits('Mail kommt immer zurück', terms).map((u) => u.text)).toEqual(['mail', 'kommt zurück']);
    // A particle with no known verb before it stays filler.
    expect(queryUnits('Drucker geht ab', terms).map((u) => u.text)).toEqual(['drucker']);
  });

  it('drops filler words, keeps known multi-word terms together and bounds hostile input', () => {
    expect(queryUnits('Mein Drucker geht nicht!', de.terms)).toEqual([{ text: 'drucker', optional: false }]);
    expect(queryUnits('Drucker funktioniert nicht', de.terms)).toEqual([{ text: 'drucker', optional: false }]);
    expect(queryUnits('der die das', de.terms).map((u) => u.text)).toEqual(['der', 'die', 'das']);
    expect(queryUnits('%%% <script> ;;; ***', de.terms)).toEqual([{ text: 'script', optional: false }]);
    expect(queryUnits('!!! ??? ### ...', de.terms)).toEqual([]);
    const long = queryUnits('drucker '.repeat(300) + ' a'.repeat(1000), de.terms);
    expect(long.length).toBeLessThanOrEqual(8);
  });

  it('finds synonyms both ways, one-way expansions one way only', () => {
    expect(de.alternatives('passwort').map((a) => a.term)).toEqual(expect.arrayContaining(['kennwort', 'password']));
    // An English page also uses the German groups (with their English words), at a lower weight.
    const en = vocabulary(synonyms, 'en');
    expect(en.alternatives('password').map((a) => a.term)).toEqual(['passcode', 'kennwort', 'passwort']);
    expect(de.alternatives('kennwort').map((a) => a.term)).toContain('passwort');
    expect(de.alternatives('platte voll').map((a) => a.term)).toEqual(['speicherplatz']);
    expect(de.alternatives('speicherplatz')).toEqual([]);
    const weights = Object.fromEntries(en.alternatives('password').map((a) => [a.term, a.weight]));
    expect(weights.passcode).toBeGreaterThan(weights.kennwort!);
  });
});

describe('synonym tokens', () => {
  it('marks a page with the groups whose words it uses, with endings and compound heads', () => {
    expect(synonymTokens('Der Rechner des Druckers', synonyms, 'de').sort()).toEqual(['druckerqx', 'pcqx']);
    expect(synonymTokens('Druckerwarteschlange leeren', synonyms, 'de')).toEqual(['druckerqx']);
    expect(synonymTokens('Wenn der Drucker geht nicht', synonyms, 'de')).toContain('gehtnichtqx');
    // One-way: a page with the added term carries the expansion's token.
    expect(synonymTokens('Speicherplatz schaffen', synonyms, 'de')).toEqual(['plattevollqz']);
    // English pages also carry the German groups, whose English words they use.
    expect(synonymTokens('The printer is offline', synonyms, 'en')).toEqual(['druckerqx']);
    expect(synonymTokens('nothing relevant here', synonyms, 'de')).toEqual([]);
  });

  it('searches one token per group instead of every synonym', async () => {
    const { search, searched } = index({ a: 'Der Computer startet', b: 'Laptop lahm' });
    const answer = await runQuery('Rechner', 'de', { search, vocabulary: de });
    expect(answer.pages.map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(searched.sort()).toEqual(['pcqx', 'rechner']);
  });
});

describe('German compounds', () => {
  it('splits a compound into known words, with a linking s', () => {
    expect(splitCompound('netzwerkdrucker', de.words)).toEqual(['netzwerk', 'drucker']);
    expect(splitCompound('druckerwarteschlange', de.words)).toEqual(['drucker', 'warteschlange']);
    expect(splitCompound('netzwerkswarteschlange', de.words)).toEqual(['netzwerk', 'warteschlange']);
    expect(splitCompound('firmenwlan', de.words)).toBeUndefined();
    expect(splitCompound('firmenwlan', de.words, true)).toEqual(['firmen', 'wlan']);
    expect(splitCompound('drucker', de.words)).toBeUndefined();
  });

  it('indexes the later parts of compounds the page uses only as a whole', () => {
    expect(compoundParts('Die Druckerwarteschlange hängt', de.words)).toEqual(['warteschlange']);
    // The part is on the page by itself already: nothing to add.
    expect(compoundParts('Druckerwarteschlange und Warteschlange', de.words)).toEqual([]);
  });
});

describe('error codes', () => {
  it('adds the partial forms people type', () => {
    expect(codeForms('0x0000011b')).toEqual(expect.arrayContaining(['0x11b', '11b', '0000011b']));
    expect(codeForms('AADSTS50076')).toEqual(['50076']);
    expect(codeForms('0x80070005')).toContain('80070005');
    expect(codeForms('550 5.7.1')).toEqual(expect.arrayContaining(['550', '5.7.1']));
    expect(codeForms('Event ID 4740')).toContain('4740');
    expect(codeForms('Kein Signal')).toEqual([]);
  });

  it('puts keywords and codes in the strong terms, tags apart, parts weak, all bounded', () => {
    const terms = indexTerms(
      { keywords: ['Rechner', ' Spooler '], codes: ['0x0000011b'], tags: ['point-and-print'], text: 'Netzwerkdrucker', lang: 'de' },
      de.words,
    );
    expect(terms.strong).toEqual(expect.arrayContaining(['Rechner', 'Spooler', '0x0000011b', '0x11b']));
    expect(terms.tags).toEqual(['point and print']);
    expect(terms.weak).toEqual(['drucker']);
    const many = indexTerms({ keywords: Array.from({ length: 100 }, (_, i) => `kw${i}`), text: '', lang: 'en' }, de.words);
    expect(many.strong).toHaveLength(30);
  });
});

describe('corrections', () => {
  it('measures edit distance with swaps as one edit', () => {
    expect(editDistance('pasword', 'password')).toBe(1);
    expect(editDistance('oendrive', 'onedrive')).toBe(1);
    expect(editDistance('drucer', 'drucker')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('corrects to the most widespread close word, not to distant ones', () => {
    const words = ['outlook', 'outside', 'outlet'];
    expect(correction('outlok', words)).toBe('outlook');
    expect(correction('outlook', words)).toBeUndefined();
    expect(correction('xyzzy', words)).toBeUndefined();
    expect(correction('0x11b', words)).toBeUndefined();
  });

  it('tells known words (also prefixes and inflected forms) from unknown ones', () => {
    const words = ['drucker', 'druckauftrag'];
    expect(knownWord('druck', words)).toBe(true);
    expect(knownWord('druckern', words)).toBe(true);
    expect(knownWord('drucer', words)).toBe(false);
  });
});

describe('a page really has the word', () => {
  it('does not let drücken stand for Drucker', () => {
    expect(hasWord('Drücken Sie Win+R', 'drucker')).toBe(false);
    expect(hasWord('Der Drucker ist offline', 'drucker')).toBe(true);
    expect(hasWord('Des Druckers Treiber', 'drucker')).toBe(true);
    expect(pageHas('Der Printer ist offline', 'drucker', de, 'de')).toBe(true);
    expect(pageHas('Drucker im Netzwerk', 'netzwerkdrucker', de, 'de')).toBe(true);
    expect(pageHas('Geben Sie on ein', 'oendrive', de, 'de')).toBe(false);
  });
});

describe('ranking', () => {
  const pages = {
    article: 'Kennwort vergessen Kennwort zurücksetzen',
    training: 'Schulung Passwort Passwort Passwort vergessen',
    other: 'Passwort',
  };

  it('finds pages through a synonym, exact matches first, training below articles', async () => {
    const { search } = index(pages);
    const answer = await runQuery('Passwort vergessen', 'de', { search, vocabulary: de, trainingIds: async () => new Set(['training']) });
    expect(answer.mode).toBe('all');
    expect(answer.pages.map((p) => p.id)).toEqual(['article', 'training']);
  });

  it('ranks training first when the query asks for training', async () => {
    const { search } = index(pages);
    const answer = await runQuery('Passwort Schulung', 'de', { search, vocabulary: de, trainingIds: async () => new Set(['training']) });
    expect(answer.pages[0]!.id).toBe('training');
  });

  it('returns the best pages for the largest set of words when no page has them all', async () => {
    const { search } = index({ a: 'rechner langsam', b: 'drucker offline' });
    const answer = await runQuery('Rechner langsam offline', 'de', { search, vocabulary: de });
    expect(answer.mode).toBe('subset');
    expect(answer.matched).toEqual(['rechner', 'langsam']);
    expect(answer.pages.map((p) => p.id)).toEqual(['a']);
  });

  it('corrects a word the index does not know and reports it', async () => {
    const { search } = index({ a: 'outlook kennwort', b: 'outside' });
    const answer = await runQuery('outlok kennwort', 'de', {
      search,
      vocabulary: de,
      indexWords: async () => ['outside', 'outlook'],
      correctionWords: async () => ['outlook', 'outside'],
    });
    expect(answer.corrections).toEqual([{ from: 'outlok', to: 'outlook' }]);
    expect(answer.suggestion).toBe('outlook kennwort');
    expect(answer.pages[0]!.id).toBe('a');
  });

  it('leaves out a word nothing can correct, and says so', async () => {
    const { search } = index({ a: 'drucker offline' });
    const answer = await runQuery('drucker qqqqqq', 'de', {
      search,
      vocabulary: de,
      indexWords: async () => ['drucker'],
      correctionWords: async () => ['drucker'],
    });
    expect(answer.mode).toBe('subset');
    expect(answer.matched).toEqual(['drucker']);
  });

  it('finds the pages of a compound query that use its parts', async () => {
    const { search } = index({ a: 'drucker im netzwerk', b: 'drucker lokal' });
    const answer = await runQuery('Netzwerkdrucker', 'de', { search, vocabulary: de });
    expect(answer.pages.map((p) => p.id)).toEqual(['a']);
  });

  it('splits a compound the vocabulary does not know into two words of the index', async () => {
    const words = async (w: string) =>
      ['online', 'onlinehilfe', 'archiv', 'archivieren', 'anmeldung', 'problem'].filter((x) => x.startsWith(w.slice(0, 2)));
    await expect(splitWithIndex('onlinearchiv', words)).resolves.toEqual(['online', 'archiv']);
    await expect(splitWithIndex('anmeldungsproblem', words)).resolves.toEqual(['anmeldung', 'problem']);
    await expect(splitWithIndex('onlinexyzabc', words)).resolves.toBeUndefined();
    await expect(splitWithIndex('kurz', words)).resolves.toBeUndefined();
  });

  it('finds the pages that use both parts of an unknown compound', async () => {
    const { search } = index({ a: 'outlook online archiv nutzen', b: 'outlook online anmelden', c: 'archiv datei' });
    const answer = await runQuery('Onlinearchiv', 'de', {
      search,
      vocabulary: de,
      indexWords: async (w) => ['online', 'outlook', 'archiv', 'anmelden', 'nutzen', 'datei'].filter((x) => x.startsWith(w.slice(0, 2))),
    });
    expect(answer.pages.map((p) => p.id)).toEqual(['a']);
    expect(answer.matched).toEqual(['online archiv']);
  });

  it('keeps the rare word when no page has every word', async () => {
    // "fehlgeschlagen" is on many pages, "vertrauensstellung" on one: its page comes back.
    const pages: Record<string, string> = { t: 'vertrauensstellung domäne' };
    for (let i = 0; i < 12; i++) pages[`p${i}`] = `fehlgeschlagen anmeldung ${'wort '.repeat(i)}`;
    const { search } = index(pages);
    const answer = await runQuery('Vertrauensstellung fehlgeschlagen', 'de', { search, vocabulary: de });
    expect(answer.mode).toBe('subset');
    expect(answer.matched).toEqual(['vertrauensstellung']);
    expect(answer.pages.map((p) => p.id)).toEqual(['t']);
  });

  it('weighs rare words above common ones and titles that name the words', () => {
    expect(wordWeight(1, 50)).toBeGreaterThan(wordWeight(25, 50));
    expect(wordWeight(50, 50)).toBe(1);
    expect(wordWeight(0, 50)).toBe(1);
    expect(titleBoost(2, 2)).toBeCloseTo(2);
    expect(titleBoost(1, 2)).toBeCloseTo(1.5);
    expect(titleBoost(0, 2)).toBe(1);
    expect(titleBoost(5, 2)).toBeCloseTo(2);
  });

  it('answers symbol soup and 2,000 characters quickly with nothing or a bounded search', async () => {
    const { search, searched } = index({ a: 'drucker' });
    expect((await runQuery('<>"\'&;{}[]()=+*~^°§$%', 'de', { search, vocabulary: de })).mode).toBe('none');
    const started = Date.now();
    await runQuery(`${'Drucker Rechner Passwort '.repeat(100)}`.slice(0, 2000), 'de', { search, vocabulary: de });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(searched.length).toBeLessThan(60);
  });
});

describe('keyword proposals for the importer', () => {
  it('proposes words several tickets use that the article lacks, no filler, no redaction marks', () => {
    const proposals = proposeKeywords(
      ['Rechner hängt beim Drucken', 'Mein Rechner druckt nicht, Spooler hängt', 'Spooler Fehler bei [REDACTED-NAME]', 'Rechner langsam'],
      'Druckauftrag hängt in der Warteschlange. Drucken bricht ab.',
    );
    expect(proposals).toEqual(['rechner', 'spooler']);
  });
});
