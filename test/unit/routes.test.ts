import { describe, expect, it } from 'vitest';
import { alternates, matchPath, pathOf, reservedTrainingIds, ROUTE_KINDS, ROUTES, routes, type RouteKind } from '../../src/lib/routes.ts';
import { internalTarget } from '../../src/lib/links.ts';
import { checkInternalPath } from '../../src/lib/lint.ts';

const LOCALES = ['de', 'en'];
const PARAMS: Record<RouteKind, Record<string, string>> = Object.fromEntries(
  // Every required parameter (`:name`, not the optional `:page?`) with a sample value.
  ROUTE_KINDS.map((k) => [
    k,
    Object.fromEntries([...ROUTES[k].pattern.matchAll(/:(\w+)(\?)?/g)].filter((m) => !m[2]).map((m) => [m[1], `x-${m[1]}`])),
  ]),
) as Record<RouteKind, Record<string, string>>;

describe('the route table', () => {
  it('keeps the URLs of the site', () => {
    expect(routes.home('de')).toBe('/');
    expect(routes.home('en')).toBe('/en/');
    expect(routes.article('vpn-fehler-809', 'de')).toBe('/artikel/vpn-fehler-809/');
    expect(routes.article('vpn-error-691', 'en')).toBe('/en/articles/vpn-error-691/');
    expect(routes.category('konto', 'de', 2)).toBe('/kategorien/konto/2/');
    expect(routes.category('konto', 'en', 1)).toBe('/en/categories/konto/');
    expect(routes.tag('ä b', 'de')).toBe('/tags/%C3%A4%20b/');
    expect(routes.treeScript('drucker', 'de')).toBe('/diagnose/drucker/skript/');
    expect(routes.trainingFeed('de')).toBe('/schulungen/kalender.ics');
    expect(routes.trainingFeed('en', 'employee')).toBe('/en/training/calendar-employee.ics');
    expect(routes.sessionIcs('phishing', 's1', 'de')).toBe('/schulungen/phishing/s1.ics');
    expect(routes.trainingNeeds('de')).toBe('/schulungen/bedarf/');
    expect(routes.notFound('en')).toBe('/en/404/');
  });

  it('reads back every URL it builds, in every locale', () => {
    for (const kind of ROUTE_KINDS) {
      for (const locale of [...LOCALES, 'fr']) {
        const path = pathOf(kind, locale, PARAMS[kind]);
        const m = matchPath(path, [...LOCALES, 'fr']);
        expect(m, `${kind} ${locale} ${path}`).not.toBeNull();
        expect({ kind: m!.kind, locale: m!.locale, params: m!.params }, path).toEqual({ kind, locale, params: PARAMS[kind] });
      }
    }
    expect(matchPath('/kategorien/konto/3/', LOCALES)).toMatchObject({ kind: 'category', params: { id: 'konto', page: '3' } });
    expect(matchPath('/artikel/x', LOCALES)).toMatchObject({ kind: 'article', params: { id: 'x' } });
    expect(matchPath('/gibt-es-nicht/', LOCALES)).toBeNull();
    expect(matchPath('https://example.com/artikel/x/', LOCALES)).toBeNull();
  });

  it('gives a new locale English URL words under its own prefix', () => {
    expect(pathOf('article', 'fr', { id: 'x' })).toBe('/fr/articles/x/');
    expect(pathOf('trainingCalendar', 'fr')).toBe('/fr/training/calendar/');
  });

  it('reserves the URL words of the training section as module ids', () => {
    expect([...reservedTrainingIds()].sort()).toEqual(['bedarf', 'calendar', 'for', 'fuer', 'kalender', 'needs', 'thema', 'topic']);
    expect(matchPath('/schulungen/kalender/', LOCALES)?.kind).toBe('trainingCalendar');
    expect(matchPath('/en/training/needs/', LOCALES)?.kind).toBe('trainingNeeds');
  });

  it('links the same page in the other locales where it exists in all, else their home page', () => {
    expect(alternates('/kategorien/konto/2/', 'de', [...LOCALES, 'fr'])).toEqual([
      { locale: 'en', href: '/en/categories/konto/2/', samePage: true },
      { locale: 'fr', href: '/fr/categories/konto/2/', samePage: true },
    ]);
    expect(alternates('/en/articles/vpn-error-691/', 'en', LOCALES)).toEqual([{ locale: 'de', href: '/', samePage: false }]);
    expect(alternates('/404.html', 'de', LOCALES)).toEqual([{ locale: 'en', href: '/en/', samePage: false }]);
  });

  it('drives link checks: unpublished targets and lint', () => {
    expect(internalTarget('/en/artikel/x/')).toBe('x');
    expect(internalTarget('/diagnose/kein-netzwerk/#start')).toBe('kein-netzwerk');
    expect(internalTarget('/diagnose/kein-netzwerk/skript/')).toBeNull();
    const articles = new Map([['konto-gesperrt', 'de' as const]]);
    const o = { treeIds: new Set(['drucker']), categoryIds: new Set(['konto']), tags: new Set(['vpn']) };
    expect(checkInternalPath('/artikel/konto-gesperrt/', articles, o)).toBeUndefined();
    expect(checkInternalPath('/en/articles/konto-gesperrt/', articles, o)).toBe("the article's URL is /artikel/konto-gesperrt/");
    expect(checkInternalPath('/artikel/nope/', articles, o)).toBe('unknown article "nope"');
    expect(checkInternalPath('/en/categories/hardware/2/', articles, o)).toBe('unknown category "hardware"');
    expect(checkInternalPath('/diagnose/drucker/', articles, o)).toBeUndefined();
    expect(checkInternalPath('/diagnose/wlan/', articles, o)).toBe('unknown decision tree "wlan"');
    expect(checkInternalPath('/tags/wlan/', articles, o)).toBe('no article has the tag "wlan"');
  });
});
