/**
 * Synthetic ServiceNow incident exports for the importer benchmark: resolved escalations about
 * known problems (worded like the sample articles), about new problems (which become drafts) and
 * open tickets (skipped), with the personal data real tickets carry (names, e-mail, phone numbers).
 * Written as a stream, so 100,000 records never sit in memory here.
 */
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'yaml';
import { prng } from './synthetic.ts';

const HEADER = [
  'number',
  'short_description',
  'description',
  'state',
  'close_code',
  'close_notes',
  'category',
  'subcategory',
  'assignment_group',
  'priority',
  'opened_at',
  'resolved_at',
  'caller_id',
  'assigned_to',
  'resolved_by',
  'reassignment_count',
  'work_notes',
  'comments',
];

const NEW_PROBLEMS = [
  [
    'Scanner an Multifunktionsgerät sendet keine Mails mehr',
    'Scan-to-Mail am MFP liefert "SMTP-Authentifizierung fehlgeschlagen (535 5.7.139)".',
    'SMTP AUTH für das Scan-Postfach in Exchange Online wieder aktiviert.',
  ],
  [
    'SAP GUI meldet "Verbindung zum Partner abgebrochen"',
    'SAP Logon bricht mit "NiIRead: P=10.20.1.5:3200; L=0.0.0.0:0" ab.',
    'Firewall-Regel für Port 3200 nach Umzug des Netzsegments ergänzt.',
  ],
  [
    'Zeiterfassungsterminal nimmt Ausweis nicht an',
    'Terminal im Eingang zeigt "Ausweis unbekannt" bei neuen Mitarbeitenden.',
    'Synchronisation Personalstamm → Terminal-Server neu angestoßen.',
  ],
  [
    'Citrix-Sitzung friert beim Drucken ein',
    'Citrix Workspace hängt, sobald aus der Sitzung gedruckt wird. Event 1000 ctxgfx.exe.',
    'Universal Print Driver in der Citrix-Richtlinie erzwungen.',
  ],
  [
    'Webcam im Browser schwarz',
    'In Teams im Browser bleibt das Kamerabild schwarz, in der App geht es.',
    'Kamera-Zugriff in Edge-Richtlinie für teams.microsoft.com freigegeben.',
  ],
  [
    'Dateiserver-Laufwerk S: fehlt nach Anmeldung',
    'Netzlaufwerk S: wird nicht verbunden, "Der Netzwerkpfad wurde nicht gefunden (0x80070035)".',
    'GPO-Zielgruppenadressierung auf neue AD-Gruppe umgestellt.',
  ],
  [
    'Barcode-Scanner im Lager liest keine Etiketten',
    'Handscanner Zebra DS2208 piept, aber es kommt kein Text in der Lager-App an.',
    'Scanner per Konfigurations-Barcode auf USB-HID-Tastatur zurückgesetzt.',
  ],
  [
    'Excel-Makros blockiert: "Microsoft hat die Ausführung von Makros blockiert"',
    'Makros in Dateien vom Fileserver werden blockiert.',
    'Fileserver-Pfad als vertrauenswürdiger Speicherort per Intune verteilt.',
  ],
] as const;

const FIRST = ['Erika', 'Max', 'Jonas', 'Leonie', 'Murat', 'Sofia', 'Lukas', 'Aylin', 'Paul', 'Mia'];
const LAST = ['Musterfrau', 'Mustermann', 'Becker', 'Schmidt', 'Yilmaz', 'Wagner', 'Hoffmann', 'Nowak', 'Schulz', 'Keller'];

const csvCell = (v: string) => `"${v.replaceAll('"', '""')}"`;

function knownProblems(sampleDir: string): { id: string; lang: string; title: string; summary: string; code: string }[] {
  const list: { id: string; lang: string; title: string; summary: string; code: string }[] = [];
  for (const lang of ['de', 'en']) {
    for (const name of readdirSync(join(sampleDir, 'articles', lang))) {
      const text = readFileSync(join(sampleDir, 'articles', lang, name), 'utf8');
      const data = parse(text.split('\n---\n')[0]!.replace(/^---\n/, '')) as {
        title: string;
        summary: string;
        errorCodes?: string[];
        confidence: string;
      };
      if (data.confidence === 'archived') continue;
      list.push({ id: name.replace(/\.mdx$/, ''), lang, title: data.title, summary: data.summary, code: data.errorCodes?.[0] ?? '' });
    }
  }
  return list;
}

/**
 * Writes `records` incidents to `file`: 65 % known problems, 25 % new ones, 10 % still open. With
 * `articleLinks`, four in five close notes of known problems name the article's URL on that site
 * (what `kb report --tickets` counts as linked).
 */
export async function writeServiceNowCsv(
  file: string,
  records: number,
  sampleDir: string,
  seed = 7,
  options: { articleLinks?: string } = {},
): Promise<void> {
  const r = prng(seed);
  const known = knownProblems(sampleDir);
  const out = createWriteStream(file);
  out.write(`${HEADER.map(csvCell).join(',')}\n`);
  for (let i = 0; i < records; i++) {
    const roll = r();
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    const last = LAST[Math.floor(r() * LAST.length)]!;
    const caller = `${first} ${last}`;
    const contact = `Rückruf an ${caller}, ${first.toLowerCase()}.${last.toLowerCase()}@muster.example, Tel. +49 30 1234 ${String(1000 + (i % 9000))}.`;
    let title: string;
    let description: string;
    let notes: string;
    if (roll < 0.65) {
      const k = known[Math.floor(r() * known.length)]!;
      title = k.title;
      description = `${k.summary} ${k.code ? `Fehlermeldung: ${k.code}.` : ''} ${contact}`;
      const url = `${options.articleLinks}${k.lang === 'de' ? '/artikel/' : '/en/articles/'}${k.id}/`;
      notes =
        options.articleLinks && r() < 0.8 ? `Nach ${url} behoben. ${caller} bestätigt.` : `Nach KB-Artikel behoben. ${caller} bestätigt.`;
    } else {
      const [t, d, n] = NEW_PROBLEMS[Math.floor(r() * NEW_PROBLEMS.length)]!;
      title = t;
      description = `${d} ${contact}`;
      notes = n;
    }
    const open = roll > 0.9;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const row = [
      `INC${String(100000 + i).padStart(7, '0')}`,
      title,
      description,
      open ? 'In Progress' : 'Resolved',
      open ? '' : 'Solved (Permanently)',
      open ? '' : notes,
      'Software',
      '',
      'L2 Workplace',
      '3 - Moderate',
      `2026-10-${day} 08:00:00`,
      open ? '' : `2026-10-${day} 16:00:00`,
      caller,
      'Jonas Becker',
      open ? '' : 'Jonas Becker',
      String(i % 3),
      '',
      '',
    ];
    if (!out.write(`${row.map(csvCell).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
