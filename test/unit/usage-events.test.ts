/** Usage events: the wire form the browser sends and how `kb report` reads each log line back. */
import { describe, expect, it } from 'vitest';
import { normaliseQuery, parseEventLine } from '../../src/lib/usage/events.ts';
import { eventUrl } from '../../src/lib/usage/wire.ts';
import { kbConfigSchema } from '../../src/schemas/config.ts';

const ctx = { lang: 'de', audience: 'employee', path: '/artikel/vpn-trennt/?q=secret#x' };
/** The log line nginx writes for a request to `url` (log_format kb_events). */
const line = (url: string, time = '2026-11-30T10:00:00+01:00') => JSON.stringify({ time, args: url.split('?')[1] ?? '' });

describe('usage events', () => {
  it('round-trips every event type from the browser through the log line', () => {
    const s = parseEventLine(line(eventUrl('search', ctx, { q: 'VPN trennt', n: 0, fb: true, c: false })));
    expect(s).toMatchObject({ kind: 'event', event: { t: 's', q: 'VPN trennt', n: 0, fb: true, c: false, p: '/artikel/vpn-trennt/' } });
    expect(parseEventLine(line(eventUrl('feedback', ctx, { a: 'vpn-trennt', v: 'n', r: 'outdated' })))).toMatchObject({
      kind: 'event',
      event: { v: 'n', r: 'outdated' },
    });
    expect(
      parseEventLine(line(eventUrl('tree', ctx, { tr: 'kein-netzwerk@1.2', e: 'o', nd: 'team', o: 'escalated', pa: 'start.0_kabel.1' }))),
    ).toMatchObject({
      kind: 'event',
      event: { o: 'escalated', pa: 'start.0_kabel.1' },
    });
    expect(parseEventLine(line(eventUrl('quiz', ctx, { qz: 'phishing-erkennen', r: '1101' })))).toMatchObject({
      kind: 'event',
      event: { r: '1101' },
    });
    // The page path stays readable for nginx's redirect, and the query/fragment of the page is dropped.
    expect(eventUrl('feedback', ctx, { a: 'x', v: 'y' })).toBe('/_kb/e?t=f&l=de&b=employee&p=/artikel/vpn-trennt/&a=x&v=y');
  });

  it('ignores lines that are not events and rejects malformed ones without echoing them', () => {
    expect(parseEventLine('')).toEqual({ kind: 'ignored' });
    expect(parseEventLine('127.0.0.1 - - [30/Nov/2026] "GET / HTTP/1.1" 200')).toEqual({ kind: 'ignored' });
    expect(parseEventLine(line('/_kb/e'))).toEqual({ kind: 'ignored' });
    const hostile = [
      '{"time":"2026-11-30T10:00:00Z","args":"t=s&q=<script>alert(1)</script>',
      JSON.stringify({ time: '2026-11-30T10:00:00Z', args: 't=s&l=de&b=employee&p=/&n=1&q=x&ip=10.1.2.3' }),
      JSON.stringify({ time: '2026-11-30T10:00:00Z', args: 't=s&l=de&b=employee&p=/&n=1&q=a&q=b' }),
      JSON.stringify({ time: '2026-11-30T10:00:00Z', args: `t=s&l=de&b=employee&p=/&n=1&q=${'x'.repeat(10_000)}` }),
      JSON.stringify({ time: '2026-11-30T10:00:00Z', args: 't=f&l=de&b=employee&p=//evil.example/&a=x&v=y' }),
      JSON.stringify({ time: '2026-11-30T10:00:00Z', args: 't=f&l=de&b=employee&p=/&a=x&v=y&r=outdated' }),
      JSON.stringify({ time: 'yesterday', args: 't=q&l=de&b=employee&p=/&qz=x&r=1' }),
      JSON.stringify({ time: '2026-11-30T10:00:00Z', args: 't=n&l=de&b=employee&p=/&tr=x@1&e=o&nd=a&o=exploded' }),
      '{"time":"2026-11-30T10:00:00Z","args":"t=q","user_agent":"Mozilla"}',
    ];
    for (const h of hostile) {
      const r = parseEventLine(h);
      expect(r.kind, h.slice(0, 80)).toBe('rejected');
      if (r.kind === 'rejected') expect(r.reason).not.toMatch(/script|10\.1\.2\.3|evil|Mozilla|xxxx/);
    }
  });

  it("reads Apache's event lines (LogFormat kb_events) as nginx's", () => {
    // Apache writes `%z` without the colon; the event time comes out as nginx writes it.
    const apache = '{"time":"2026-11-30T10:00:00+0100","args":"t=f&l=de&b=second-level&p=/artikel/x/&a=x&v=y"}';
    expect(parseEventLine(apache)).toEqual({
      kind: 'event',
      time: '2026-11-30T10:00:00+01:00',
      event: expect.objectContaining({ t: 'f', a: 'x', v: 'y', b: 'second-level' }),
    });
    expect(parseEventLine(apache.replace('+0100', '-0230'))).toMatchObject({ time: '2026-11-30T10:00:00-02:30' });
    expect(parseEventLine(apache.replace('+0100', '+01000')).kind).toBe('rejected');
    expect(parseEventLine(apache.replace('+0100', '+2500')).kind).toBe('rejected');
    // mod_log_config's escapes of a hostile request: `\"` and `\\` stay inside the string (the event
    // is then judged by its fields); `\xhh` (control or non-ASCII bytes sent raw) is not JSON: rejected.
    const forged = String.raw`{"time":"2026-11-30T10:00:00+0100","args":"t=s&l=de&b=employee&p=/&n=1&q=\"},{\"time\":\"2026-01-01T00:00:00Z\",\"args\":\"t=f&v=y"}`;
    // One line, one search whose query holds the quotes – and whose forged `&v=y` is a field too many.
    expect(parseEventLine(forged)).toEqual({ kind: 'rejected', reason: 'invalid event (unknown field "v")' });
    expect(parseEventLine(forged.replace('&v=y', ''))).toMatchObject({
      kind: 'event',
      event: { t: 's', q: '"},{"time":"2026-01-01T00:00:00Z","args":"t=f' },
    });
    expect(
      parseEventLine(String.raw`{"time":"2026-11-30T10:00:00+0100","args":"t=s&l=de&b=employee&p=/&n=1&q=\\\"</script>"}`),
    ).toMatchObject({ kind: 'event', event: { q: '\\"</script>' } });
    const raw = parseEventLine(String.raw`{"time":"2026-11-30T10:00:00+0100","args":"t=s&l=de&b=employee&p=/&n=1&q=dr\xc3\xbccker"}`);
    expect(raw).toEqual({ kind: 'rejected', reason: 'not valid JSON' });
  });

  it('redacts personal data and control characters from search queries', () => {
    expect(normaliseQuery('  VPN\u0000  Fehler\u202E 809 ')).toBe('vpn fehler 809');
    const q = normaliseQuery('Postfach anna.nowak@muster.example voll, Rückruf +49 170 1234567');
    expect(q).not.toMatch(/nowak|1234567/);
    expect(q).toContain('[e-mail]');
    expect(q).toContain('[telefon]');
    expect(normaliseQuery('Passwort: Sommer2026! geht nicht')).not.toContain('sommer2026');
    expect([...normaliseQuery('ä'.repeat(500))].length).toBe(200);
  });

  it('is configured once in kb.config.ts: on by default, minQueryCount 2', () => {
    const base = {
      title: { de: 'KB' },
      organisation: 'X',
      supportEmail: 'a@b.example',
      ticketUrlTemplate: 'https://t.example/?s={title}',
      teams: {},
      locales: { de: { 'x.y': 'z' } },
    };
    expect(kbConfigSchema.parse(base).usage).toEqual({ enabled: true, minQueryCount: 2 });
    expect(kbConfigSchema.safeParse({ ...base, usage: { enabled: 'yes' } }).error?.issues[0]?.path).toEqual(['usage', 'enabled']);
  });
});
