import { describe, expect, it } from 'vitest';
import de from '../../src/i18n/de.ts';
import en from '../../src/i18n/en.ts';
import { useTranslations } from '../../src/i18n/index.ts';
import { buildAudience, canSee } from '../../src/lib/audience.ts';
import { formatDate } from '../../src/lib/format.ts';
import { fillTicketUrl, internalTarget, mailtoUrl, unlinkUnpublished } from '../../src/lib/links.ts';
import { buildDate, reviewState } from '../../src/lib/review.ts';
import { paginate, routes } from '../../src/lib/routes.ts';
import { needsMdx, splitFrontmatter } from '../../src/lib/content-files.ts';

describe('routes', () => {
  it('puts German at the root and English under /en/', () => {
    expect(routes.article('vpn-fehler-809', 'de')).toBe('/artikel/vpn-fehler-809/');
    expect(routes.article('vpn-error-691', 'en')).toBe('/en/articles/vpn-error-691/');
    expect(routes.category('konto', 'de', 2)).toBe('/kategorien/konto/2/');
    expect(routes.category('konto', 'en')).toBe('/en/categories/konto/');
  });

  it('paginates', () => {
    const p = paginate([1, 2, 3, 4, 5], 2, 3);
    expect(p).toEqual({ items: [5], page: 3, pages: 3 });
    expect(paginate([], 20, 1).pages).toBe(1);
  });
});

describe('UI strings', () => {
  it('have the same keys in every language and interpolate', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
    expect(useTranslations('de')('category.pageOf', { page: 2, pages: 5 })).toBe('Seite 2 von 5');
  });

  it('format dates per locale', () => {
    const d = new Date('2026-09-14T00:00:00Z');
    expect(formatDate(d, 'de')).toBe('14. September 2026');
    expect(formatDate(d, 'en')).toBe('14 September 2026');
  });
});

describe('audiences and review', () => {
  it('lets higher levels see lower-level content only', () => {
    expect(canSee('second-level', 'employee')).toBe(true);
    expect(canSee('employee', 'first-level')).toBe(false);
    expect(buildAudience({})).toBe('second-level');
    expect(() => buildAudience({ KB_AUDIENCE: 'admins' })).toThrow(/expected one of employee, first-level, second-level/);
  });

  it('classifies review dates', () => {
    const today = new Date('2026-11-27T15:00:00Z');
    expect(reviewState(new Date('2026-11-26T00:00:00Z'), today)).toBe('overdue');
    expect(reviewState(new Date('2026-11-27T00:00:00Z'), today)).toBe('due-soon');
    expect(reviewState(new Date('2027-03-01T00:00:00Z'), today)).toBe('ok');
    expect(buildDate({ KB_TODAY: '2026-01-31' })).toEqual(new Date('2026-01-31T00:00:00Z'));
  });
});

describe('links', () => {
  it('fills ticket URL templates with encoded values', () => {
    expect(fillTicketUrl('https://t.example/new?s={title}&d={description}', { title: 'VPN & DNS', description: 'a\nb' })).toBe(
      'https://t.example/new?s=VPN%20%26%20DNS&d=a%0Ab',
    );
  });

  it('builds mailto links with CRLF line breaks', () => {
    expect(mailtoUrl('x@y.example', 'Betreff ä', 'a\nb')).toBe('mailto:x@y.example?subject=Betreff%20%C3%A4&body=a%0D%0Ab');
  });

  it('splits frontmatter and reports the body line', () => {
    expect(splitFrontmatter('---\na: 1\nb: 2\n---\n\n## X\n')).toEqual({ frontmatter: 'a: 1\nb: 2', body: '\n## X\n', bodyLine: 5 });
  });
});

describe('plain-Markdown articles (rendered without the MDX compiler)', () => {
  it('treats bodies with components, tags, expressions or imports as MDX', () => {
    expect(needsMdx('## Lösung\n\n<DecisionTree id="kein-netzwerk" />\n')).toBe(true);
    expect(needsMdx('Text <Internal level="first-level">Nur intern</Internal>')).toBe(true);
    expect(needsMdx('Siehe <kbd>Strg</kbd>+<kbd>K</kbd>.')).toBe(true);
    expect(needsMdx('{/* Kommentar */}\nText')).toBe(true);
    expect(needsMdx("import X from './x.astro';\n\nText")).toBe(true);
  });

  it('treats code, escaped characters and ordinary prose as plain Markdown', () => {
    const body = [
      '## Lösung',
      '',
      'Führen Sie `Get-ADUser <Benutzername>` aus und öffnen Sie \\{GUID\\}; Fehler \\<0x80070005\\>.',
      '',
      '```powershell',
      "Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 4740 } | Select -First 5",
      '<script>alert(1)</script>',
      '```',
      '',
      'Größer als 5 MB: 5 > 4. [Artikel](/artikel/vpn-fehler-809/)',
    ].join('\n');
    expect(needsMdx(body)).toBe(false);
  });

  it('turns links to unpublished articles and trees into text, like <Link>', () => {
    expect(internalTarget('/en/articles/vpn-error-691/#cause')).toBe('vpn-error-691');
    expect(internalTarget('/diagnose/kein-netzwerk/')).toBe('kein-netzwerk');
    expect(internalTarget('https://example.com/artikel/x/')).toBeNull();
    const html =
      '<p>Siehe <a href="/artikel/intern-analyse/">Analyse</a> und <a href="/artikel/drucker-offline/">Drucker</a> und <a href="https://learn.microsoft.com/">Doku</a>.</p>';
    expect(unlinkUnpublished(html, (id) => id === 'drucker-offline')).toBe(
      '<p>Siehe <span>Analyse</span> und <a href="/artikel/drucker-offline/">Drucker</a> und <a href="https://learn.microsoft.com/">Doku</a>.</p>',
    );
  });
});
