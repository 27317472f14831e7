import { describe, expect, it } from 'vitest';
import { linkify, telHref, wholeLink } from '../../src/lib/autolink.ts';

const o = { hosts: ['microsoft.com', 'muster.example', 'aka.ms'] };
const links = (text: string) => linkify(text, o).flatMap((p) => (p.kind === 'link' ? [[p.value, p.href]] : []));

describe('autolinks in article text', () => {
  it('links phone numbers in German and international forms', () => {
    expect(links('Servicedesk: +49 30 1234-4444, mobil 0172 1234567 oder 089/123456-0.')).toEqual([
      ['+49 30 1234-4444', 'tel:+493012344444'],
      ['0172 1234567', 'tel:01721234567'],
      ['089/123456-0', 'tel:0891234560'],
    ]);
    expect(telHref('+49 (0)89 123456')).toBe('tel:+4989123456');
  });

  it('leaves versions, dates, error codes, KB numbers, IPs and short numbers alone', () => {
    for (const text of [
      'Windows 11 24H2 Build 26100.2605',
      'am 01.12.2026',
      'Fehler 0x80070005',
      'KB5014754',
      '10.0.0.1',
      'Durchwahl -4444',
      'Port 443',
      'Event ID 4740',
      'Version 16.0.18129.20158',
    ]) {
      expect(links(text), text).toEqual([]);
    }
  });

  it('links e-mail addresses and web addresses on allowed hosts only', () => {
    expect(links('Mail an servicedesk@muster.example oder https://mysignins.microsoft.com/security-info.')).toEqual([
      ['servicedesk@muster.example', 'mailto:servicedesk@muster.example'],
      ['https://mysignins.microsoft.com/security-info', 'https://mysignins.microsoft.com/security-info'],
    ]);
    // A web address from anywhere else (e.g. pasted from a ticket) stays text.
    expect(links('siehe https://evil.example/login?u=x und http://microsoft.com.evil.example/')).toEqual([]);
    expect(links('javascript:alert(1) data:text/html,<b>')).toEqual([]);
  });

  it('keeps the text around links and recognises whole-address code spans', () => {
    expect(linkify('Tel. +49 30 1234-4444!', o)).toEqual([
      { kind: 'text', value: 'Tel. ' },
      { kind: 'link', href: 'tel:+493012344444', value: '+49 30 1234-4444' },
      { kind: 'text', value: '!' },
    ]);
    expect(wholeLink('https://aka.ms/mfasetup', o)).toBe('https://aka.ms/mfasetup');
    expect(wholeLink('Get-Mailbox -Identity x', o)).toBeUndefined();
  });
});
