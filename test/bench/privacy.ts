/**
 * The privacy benchmark (`npm run bench -- privacy`): writes the corpus of test/bench/privacy-corpus.ts
 * as ServiceNow CSV and JSON, Jira CSV, Zammad folder, GLPI CSV and a generic CSV with a mapping,
 * runs the real `kb import` CLI on it, and searches everything it wrote (drafts, links.json,
 * drafts.json, insights.json, the --report file, stdout and stderr) for the planted items.
 * Recall per category = planted items that no longer appear; precision = must-keep items kept.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { EXTRA_NOTES, NAMES, SCENES, STRUCTURED, type PlantCategory, type Scene } from './privacy-corpus.ts';
import { createRedactor, NameIndex, normalizeText, PLACEHOLDER, redactShapes } from '../../src/lib/import/redact.ts';

const ROOT = join(import.meta.dirname, '../..');

export interface Plant {
  category: PlantCategory | 'person-field';
  value: string;
  ticket: string;
}

/** Clean text and the items marked in it. */
export function unmark(text: string, ticket: string): { text: string; plants: Plant[]; keep: Plant[] } {
  const plants: Plant[] = [];
  const keep: Plant[] = [];
  const clean = text
    .replace(/⟦([a-z-]+)\|([^⟧]+)⟧/g, (_m, category: PlantCategory, value: string) => {
      plants.push({ category, value, ticket });
      return value;
    })
    .replace(/⟪([^⟫]+)⟫/g, (_m, value: string) => {
      keep.push({ category: 'name-field', value, ticket });
      return value;
    });
  return { text: clean, plants, keep };
}

interface Ticket {
  id: string;
  scene: Scene;
  title: string;
  problem: string;
  resolution: string;
  note: string;
  plants: Plant[];
  keep: Plant[];
}

export function corpusTickets(): Ticket[] {
  return SCENES.map((scene, i) => {
    const id = `T${String(i + 1).padStart(3, '0')}`;
    // The extra note is a follow-up of the caller, appended to the description; the scene's note is
    // an agent's work note (not every format carries those into a draft, so its must-keep items do not count).
    const parts = [scene.title, `${scene.problem}\n\n${EXTRA_NOTES[i % EXTRA_NOTES.length]}`, scene.resolution, scene.note ?? ''].map((t) =>
      unmark(t, id),
    );
    const plants = parts.flatMap((p) => p.plants);
    for (const person of [scene.caller, scene.agent]) plants.push({ category: 'person-field', value: person, ticket: id });
    return {
      id,
      scene,
      title: parts[0]!.text,
      problem: parts[1]!.text,
      resolution: parts[2]!.text,
      note: parts[3]!.text,
      plants,
      keep: parts.slice(0, 3).flatMap((p) => p.keep),
    };
  });
}

const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
const mail = (name: string) =>
  `${normalizeText(name)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.')}@muster.example`;
const html = (t: string) =>
  t
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`)
    .join('');

/** Writes the tickets in every format; returns the files/folders to import and the ticket id per scene. */
export function writeExports(dir: string, tickets: Ticket[]): { files: string[]; ids: Map<string, string> } {
  const ids = new Map<string, string>();
  const by = (k: number) => tickets.filter((_t, i) => i % 6 === k);
  // ServiceNow CSV (German display values for German tickets)
  const sn = [
    '"number","short_description","description","state","close_code","close_notes","category","subcategory","assignment_group","resolved_at","caller_id","assigned_to","resolved_by","work_notes"',
  ];
  by(0).forEach((t, i) => {
    const id = `INC09${String(i).padStart(5, '0')}`;
    ids.set(t.id, id);
    sn.push(
      [
        id,
        t.title,
        t.problem,
        t.scene.lang === 'de' ? 'Gelöst' : 'Resolved',
        'Solved (Permanently)',
        t.resolution,
        'Software',
        '',
        'L2 Workplace',
        '2026-11-04 15:30:00',
        t.scene.caller,
        t.scene.agent,
        t.scene.agent,
        `2026-11-04 15:20:11 - ${t.scene.agent} (Work notes)\n${t.note}`,
      ]
        .map(q)
        .join(','),
    );
  });
  writeFileSync(join(dir, 'sn.csv'), `${sn.join('\r\n')}\r\n`);
  // Jira CSV
  const jira = [
    '"Summary","Issue key","Status","Status Category","Resolution","Resolved","Reporter","Assignee","Description","Components","Comment","Comment"',
  ];
  by(1).forEach((t, i) => {
    const id = `ITSD-9${String(i).padStart(3, '0')}`;
    ids.set(t.id, id);
    jira.push(
      [
        t.title,
        id,
        'Done',
        'Done',
        'Done',
        '12/Nov/26 2:15 PM',
        t.scene.caller,
        t.scene.agent,
        t.problem,
        'L2 Workplace',
        `11/Nov/26 9:00 AM;${t.scene.agent};${t.note}`,
        `12/Nov/26 2:10 PM;${t.scene.agent};${t.resolution}`,
      ]
        .map(q)
        .join(','),
    );
  });
  writeFileSync(join(dir, 'jira.csv'), `${jira.join('\r\n')}\r\n`);
  // Zammad folder
  const z = join(dir, 'zammad');
  mkdirSync(join(z, 'articles'), { recursive: true });
  const zt = by(2).map((t, i) => {
    const id = 800 + i;
    ids.set(t.id, String(41000 + i));
    writeFileSync(
      join(z, 'articles', `${id}.json`),
      JSON.stringify([
        {
          body: html(t.problem),
          content_type: 'text/html',
          sender: 'Customer',
          from: `${t.scene.caller} <${mail(t.scene.caller)}>`,
          created_at: '2026-11-15T08:00:00.000Z',
        },
        {
          body: t.note,
          content_type: 'text/plain',
          sender: 'Agent',
          internal: true,
          from: t.scene.agent,
          created_at: '2026-11-15T09:00:00.000Z',
        },
        {
          body: html(t.resolution),
          content_type: 'text/html',
          sender: 'Agent',
          from: `${t.scene.agent} via IT-Servicedesk <servicedesk@muster.example>`,
          created_at: '2026-11-16T12:00:00.000Z',
        },
      ]),
    );
    return {
      id,
      number: String(41000 + i),
      title: t.title,
      state: 'closed',
      group: '2nd Level Support',
      customer: t.scene.caller,
      owner: t.scene.agent,
      close_at: '2026-11-16T12:00:00.000Z',
    };
  });
  writeFileSync(join(z, 'tickets.json'), JSON.stringify(zt));
  // GLPI CSV (BOM, ;, HTML)
  const glpi = [
    '"ID";"Title";"Entity";"Status";"Requester - Requester";"Assigned to - Technician";"Assigned to - Technician group";"Category";"Description";"Solution - Solution";"Resolution date";',
  ];
  by(3).forEach((t, i) => {
    const id = String(7000 + i);
    ids.set(t.id, id);
    glpi.push(
      `${[id, t.title, 'Muster AG', t.scene.lang === 'de' ? 'Gelöst' : 'Solved', t.scene.caller, t.scene.agent, '2nd Level Workplace', 'Software', html(`${t.problem}\n\n${t.note}`), html(t.resolution), '2026-11-09 10:00'].map(q).join(';')};`,
    );
  });
  writeFileSync(join(dir, 'glpi.csv'), `\uFEFF${glpi.join('\r\n')}\r\n`);
  // ServiceNow Table API JSON with display values
  const api = by(4).map((t, i) => {
    const id = `INC08${String(i).padStart(5, '0')}`;
    ids.set(t.id, id);
    const dv = (v: string, value = v) => ({ display_value: v, value });
    return {
      number: dv(id),
      short_description: dv(t.title),
      description: dv(t.problem),
      state: dv(t.scene.lang === 'de' ? 'Geschlossen' : 'Closed', '7'),
      close_notes: dv(t.resolution),
      assignment_group: dv('L2 Workplace', 'a'.repeat(32)),
      caller_id: dv(t.scene.caller, 'b'.repeat(32)),
      assigned_to: dv(t.scene.agent, 'c'.repeat(32)),
      work_notes: dv(`2026-11-04 15:20:11 - ${t.scene.agent} (Work notes)\n${t.note}`),
      resolved_at: dv('2026-11-04 15:30:00'),
    };
  });
  writeFileSync(join(dir, 'sn-api.json'), JSON.stringify({ result: api }));
  // Generic CSV with a mapping (German Excel, ;)
  const gen = ['Ticketnr;Betreff;Beschreibung;Lösung;Status;Team;Melder;Bearbeiter'];
  by(5).forEach((t, i) => {
    const id = `GEN-${100 + i}`;
    ids.set(t.id, id);
    gen.push(
      [id, t.title, `${t.problem}\n\n${t.note}`, t.resolution, 'Gelöst', 'L2 Service', t.scene.caller, t.scene.agent].map(q).join(';'),
    );
  });
  writeFileSync(join(dir, 'generic.csv'), `${gen.join('\r\n')}\r\n`);
  writeFileSync(
    join(dir, 'mapping.yaml'),
    'system: other\ndelimiter: ";"\ncolumns: { id: Ticketnr, title: Betreff, description: Beschreibung, resolution: Lösung, status: Status, team: Team, persons: [Melder, Bearbeiter] }\nresolvedStatuses: [Gelöst]\n',
  );
  return { files: ['sn.csv', 'jira.csv', 'zammad', 'glpi.csv', 'sn-api.json'].map((f) => join(dir, f)), ids };
}

const decodeRefs = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(+n))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/\\\\/g, '\\');
const norm = (s: string) => normalizeText(s).replace(/\\u([0-9a-f]{4})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

function allText(dir: string): string {
  const parts: string[] = [];
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    const p = join(dir, f);
    if (statSync(p).isFile()) parts.push(readFileSync(p, 'utf8'));
  }
  return parts.join('\n');
}

/** Whether a planted item still appears: its exact form, or (for names) any word of it with 4+ letters, case-sensitive. */
export function leaked(p: Plant, haystack: string): boolean {
  const v = norm(p.value);
  if (haystack.includes(v)) return true;
  if (p.category === 'name-field' || p.category === 'name-context' || p.category === 'person-field') {
    const words = v
      .replace(/^(?:Frau|Herrn?|Mr|Mrs|Ms|Dr|Prof)\.?\s+/g, '')
      .replace(/\b(?:Dr|Prof)\.\s*/g, '')
      .split(/[\s,]+/)
      .filter((w) => w.replace(/\.$/, '').length >= 4);
    return words.some((w) => new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(haystack));
  }
  return false;
}

export interface PrivacyScore {
  categories: { category: string; planted: number; redacted: number; recall: number }[];
  structuredRecall: number;
  namesRecall: number;
  keep: { total: number; kept: number; rate: number; lost: string[] };
  leaks: Plant[];
  evaluatedTickets: number;
  totalTickets: number;
}

export function score(plants: Plant[], keep: Plant[], haystack: string, evaluated: Set<string>, total: number): PrivacyScore {
  const inScope = plants.filter((p) => evaluated.has(p.ticket));
  const cats = [...new Set(inScope.map((p) => p.category))];
  const leaks = inScope.filter((p) => leaked(p, haystack));
  const categories = cats.map((category) => {
    const list = inScope.filter((p) => p.category === category);
    const redacted = list.filter((p) => !leaks.includes(p)).length;
    return { category, planted: list.length, redacted, recall: list.length ? redacted / list.length : 1 };
  });
  const rate = (set: readonly string[]) => {
    const l = inScope.filter((p) => set.includes(p.category));
    return l.length ? l.filter((p) => !leaks.includes(p)).length / l.length : 1;
  };
  const keepScope = keep.filter((k) => evaluated.has(k.ticket));
  const lost = keepScope.filter((k) => !haystack.includes(norm(k.value))).map((k) => k.value);
  return {
    categories,
    structuredRecall: rate(STRUCTURED),
    namesRecall: rate([...NAMES, 'person-field']),
    keep: {
      total: keepScope.length,
      kept: keepScope.length - lost.length,
      rate: keepScope.length ? (keepScope.length - lost.length) / keepScope.length : 1,
      lost,
    },
    leaks,
    evaluatedTickets: evaluated.size,
    totalTickets: total,
  };
}

/** End to end: the real CLI on every format, everything it wrote and printed searched. */
export function runPrivacyBench(): PrivacyScore {
  const work = mkdtempSync(join(tmpdir(), 'kb-privacy-'));
  try {
    const tickets = corpusTickets();
    const exports = join(work, 'exports');
    mkdirSync(exports);
    const { files, ids } = writeExports(exports, tickets);
    const content = join(work, 'content');
    cpSync(join(ROOT, 'test/fixtures/content'), content, { recursive: true });
    const reportFile = join(work, 'out', 'report.json');
    mkdirSync(join(work, 'out'));
    const env = { ...process.env, KB_TODAY: '2026-11-27' };
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'scripts/kb.ts'), 'import', ...args, '--content', content], {
        cwd: ROOT,
        encoding: 'utf8',
        env,
      });
    const a = run([...files, '--report', reportFile]);
    const b = run([
      join(exports, 'generic.csv'),
      '--from',
      'csv',
      '--map',
      join(exports, 'mapping.yaml'),
      '--report',
      join(work, 'out', 'report2.json'),
    ]);
    const written = [
      allText(join(content, 'articles')),
      allText(join(content, 'escalations')),
      allText(join(work, 'out')),
      a.stdout,
      a.stderr,
      b.stdout,
      b.stderr,
    ].join('\n');
    const haystack = norm(decodeRefs(written));
    const report = [reportFile, join(work, 'out', 'report2.json')].flatMap(
      (f) => (JSON.parse(readFileSync(f, 'utf8')) as { records: { id: string; outcome: string }[] }).records,
    );
    const drafted = new Set(report.filter((r) => r.outcome === 'drafted' || r.outcome === 'merged').map((r) => r.id));
    const evaluated = new Set(tickets.filter((t) => drafted.has(ids.get(t.id) ?? '')).map((t) => t.id));
    return score(
      tickets.flatMap((t) => t.plants),
      tickets.flatMap((t) => t.keep),
      haystack,
      evaluated,
      tickets.length,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The redactor alone on each ticket's texts, with the context-name layer either our rules or an
 * NLP library's person detection (`compromise`), for the comparison in the README. Shapes and
 * person-field names are the same in both.
 */
export function runEngineComparison(engine: 'rules' | 'compromise', modulesDir = process.env.KB_EVAL_MODULES ?? ROOT): PrivacyScore {
  const tickets = corpusTickets();
  let people: ((text: string) => string[]) | undefined;
  if (engine === 'compromise') {
    const req = createRequire(join(modulesDir, 'package.json'));
    const nlp = req('compromise') as (t: string) => { people: () => { out: (f: string) => string[] } };
    people = (t) => nlp(t).people().out('array');
  }
  const parts: string[] = [];
  for (const t of tickets) {
    const texts = [t.title, t.problem, t.resolution, t.note];
    if (engine === 'rules') {
      const r = createRedactor();
      r.addPersons([t.scene.caller, t.scene.agent]);
      parts.push(...texts.map((x) => r.redact(x)), PLACEHOLDER.name);
    } else {
      const names = new NameIndex();
      names.add(t.scene.caller);
      names.add(t.scene.agent);
      for (const x of texts) {
        let s = names.redact(redactShapes(normalizeText(x)));
        for (const p of people!(s))
          if (p.trim().length > 2 && !p.includes('[')) s = s.split(p.trim().replace(/[.,;:!?]+$/, '')).join(PLACEHOLDER.name);
        parts.push(s);
      }
    }
  }
  const all = new Set(tickets.map((t) => t.id));
  return score(
    tickets.flatMap((t) => t.plants.filter((p) => p.category !== 'person-field')),
    tickets.flatMap((t) => t.keep),
    norm(parts.join('\n')),
    all,
    tickets.length,
  );
}

export function privacyTable(s: PrivacyScore, label = 'kb import, all formats'): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `Privacy benchmark (${label}): ${s.evaluatedTickets}/${s.totalTickets} tickets drafted and searched`,
    '',
    '| Category | Planted | Redacted | Recall |',
    '|---|---:|---:|---:|',
    ...s.categories
      .sort((a, b) => a.category.localeCompare(b.category))
      .map((c) => `| ${c.category} | ${c.planted} | ${c.redacted} | ${pct(c.recall)} |`),
    `| **structured identifiers and secrets** | | | **${pct(s.structuredRecall)}** |`,
    `| **names (fields, prose, context)** | | | **${pct(s.namesRecall)}** |`,
    `| **must-keep items kept (precision)** | ${s.keep.total} | ${s.keep.kept} | **${pct(s.keep.rate)}** |`,
  ];
  return lines.join('\n');
}
