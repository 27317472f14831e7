/**
 * `kb new article|tree|training "Titel"`: files from templates that pass the build and the lint
 * as they are, so authors start from something valid.
 */
import type { Locale } from '../schemas/vocabulary.ts';
import { KCS_HEADINGS } from './kcs.ts';

export const SCAFFOLD_KINDS = ['article', 'tree', 'training'] as const;
export type ScaffoldKind = (typeof SCAFFOLD_KINDS)[number];

/** A file-name-safe id from a title: `Drucker druckt nicht – Fehler 0x11b` → `drucker-druckt-nicht-fehler-0x11b`. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export interface ScaffoldInput {
  kind: ScaffoldKind;
  title: string;
  owner: string;
  lang: Locale;
  category: string;
  /** Team key for escalations in tree templates. */
  team: string;
  today: Date;
}

/** YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (s: string) => JSON.stringify(s);

const TEXT = {
  de: {
    summary: 'Kurz beschreiben: das Symptom und was dieser Artikel löst.',
    issue: 'Das Problem in den Worten der Anwenderin oder des Anwenders, mit der genauen Fehlermeldung.',
    environment: 'Betriebssystem, Anwendung und Version, in der das Problem auftritt.',
    cause: 'Die technische Ursache, sobald sie bekannt ist.',
    resolution: ['Ersten Schritt beschreiben.', 'Prüfen: Woran erkennt man, dass das Problem gelöst ist?'],
    treeDescription: 'Kurz beschreiben: was dieser Baum eingrenzt und für wen er gedacht ist.',
    question: 'Erste Frage an die Anruferin oder den Anrufer?',
    yes: 'Ja',
    no: 'Nein',
    reason: 'Warum an die nächste Ebene, und was bereits ausgeschlossen ist.',
    computer: 'Computername',
    trainingSummary: 'Kurz beschreiben: was die Teilnehmenden danach können.',
    objective: 'Erstes Lernziel formulieren.',
    contents: 'Inhalte',
    contentsText: 'Was die Schulung behandelt.',
    agenda: 'Ablauf',
    agendaText: 'Zeitplan der Schulung.',
  },
  en: {
    summary: 'Describe briefly: the symptom and what this article solves.',
    issue: "The problem in the user's words, with the exact error message.",
    environment: 'Operating system, application and version where the problem occurs.',
    cause: 'The technical cause, once it is known.',
    resolution: ['Describe the first step.', 'Verify: how do you know the problem is solved?'],
    treeDescription: 'Describe briefly: what this tree narrows down and who it is for.',
    question: 'First question to the caller?',
    yes: 'Yes',
    no: 'No',
    reason: 'Why this goes to the next level, and what has been ruled out.',
    computer: 'Computer name',
    trainingSummary: 'Describe briefly: what participants can do afterwards.',
    objective: 'State the first learning objective.',
    contents: 'Contents',
    contentsText: 'What the training covers.',
    agenda: 'Agenda',
    agendaText: 'Schedule of the training.',
  },
} as const;

export function scaffold(input: ScaffoldInput): { id: string; path: string; content: string } {
  const id = slugify(input.title);
  if (!id) throw new Error(`cannot make a file name from the title "${input.title}"`);
  const date = input.today.toISOString().slice(0, 10);
  const x = TEXT[input.lang];
  if (input.kind === 'article') {
    const h = KCS_HEADINGS[input.lang];
    const content = `---
title: ${q(input.title)}
summary: ${q(x.summary)}
type: problem
category: ${input.category}
tags: []
errorCodes: []
audience: second-level
confidence: wip
owner: ${q(input.owner)}
created: ${date}
reviewed: ${date}
lang: ${input.lang}
sources: []
---

## ${h.issue}

${x.issue}

## ${h.environment}

${x.environment}

## ${h.cause}

${x.cause}

## ${h.resolution}

1. ${x.resolution[0]}
2. ${x.resolution[1]}
`;
    return { id, path: `articles/${input.lang}/${id}.mdx`, content };
  }
  if (input.kind === 'tree') {
    const content = `# yaml-language-server: $schema=../../public/schemas/tree.schema.json
id: ${id}
title: ${q(input.title)}
description: ${q(x.treeDescription)}
audience: first-level
category: ${input.category}
version: "0.1"
owner: ${q(input.owner)}
lang: ${input.lang}
start: frage-1
nodes:
  frage-1:
    type: question
    text: ${q(x.question)}
    answers:
      - { label: ${q(x.yes)}, next: eskalation }
      - { label: ${q(x.no)}, next: eskalation }
  eskalation:
    type: escalate
    level: 2
    team: ${input.team}
    priority: medium
    reason: ${q(x.reason)}
    collect:
      - { id: computername, label: ${q(x.computer)}, type: text, required: true }
`;
    return { id, path: `trees/${id}.yaml`, content };
  }
  const content = `---
title: ${q(input.title)}
summary: ${q(x.trainingSummary)}
audience: employee
level: basic
duration: 60
objectives:
  - ${q(x.objective)}
prerequisites: []
owner: ${q(input.owner)}
related: []
trees: []
materials: []
lang: ${input.lang}
tags: []
category: ${input.category}
# sessions:
#   - id: ${date.slice(0, 7)}-online
#     start: "${date}T10:00"
#     end: "${date}T11:00"
#     format: online
#     link: "https://teams.microsoft.com/l/meetup-join/…"
#     trainer: ${q(input.owner)}
#     capacity: 30
#     registration: { mail: "schulungen@example.com" }
sessions: []
---

## ${x.contents}

${x.contentsText}

## ${x.agenda}

${x.agendaText}
`;
  return { id, path: `training/${id}.mdx`, content };
}
