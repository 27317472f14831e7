#!/usr/bin/env node
/**
 * `kb` – the Support KB command line. Thin: parsing arguments and printing; the logic lives in
 * src/lib. Run as `npm run kb -- <command>`.
 */
import { parseArgs } from 'node:util';
import { contentDir } from '../src/lib/content-files.ts';
import { readKb } from '../src/lib/kb-files.ts';
import { formatProblem, formatProblems } from '../src/lib/problems.ts';
import { lintArticles } from '../src/lib/lint.ts';
import { buildDate, reviewReport } from '../src/lib/review.ts';
import config from '../kb.config.ts';
import { GENERATED_SCHEMAS } from '../src/lib/json-schema.ts';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SCAFFOLD_KINDS, scaffold, type ScaffoldKind } from '../src/lib/scaffold.ts';
import { runImport } from '../src/lib/import/run.ts';
import { FORMATS, type Format } from '../src/lib/import/formats.ts';
import { importMappingSchema } from '../src/schemas/escalation.ts';
import { readYamlFile } from '../src/lib/content-files.ts';
import cliProgress from 'cli-progress';

const HELP = `Usage: npm run kb -- <command> [options]

Commands:
  validate            Check every content file against the schemas and references
                      (the same checks the build runs), without building the site.
  lint [--json]       Check the KCS content standard: sections, titles, error codes,
                      internal links, personal data in employee articles, length,
                      near-duplicates. Exit 1 on errors.
  review [--json] [--fail-on-overdue] [--days N]
                      Articles whose review is overdue or due within N days (30),
                      grouped by owner. With --fail-on-overdue, exit 1 if any is overdue.
  new <article|tree|training> "Titel" [--owner NAME] [--lang de|en] [--category ID]
                      Create a valid file from a template (owner defaults to git's
                      user.name); refuses to overwrite; prints the path.
  import <file|folder…> [--from servicenow|jira|zammad|glpi|csv|json] [--map mapping.yaml]
                      [--dry-run] [--report report.json]
                      Turn resolved escalations from ticket-system exports into draft
                      articles, link known issues, and update content/escalations/.
                      Exit 1 when a record was rejected.
  schemas             Regenerate the JSON Schemas for editors (public/schemas/*.json)
                      from the zod schemas.

Options:
  --content <dir>     Content folder (default: $KB_CONTENT_DIR or ./content)
  -h, --help          Show this help
`;

function validate(root: string): number {
  const kb = readKb(root, config);
  const errors = kb.problems.filter((p) => p.severity === 'error');
  const warnings = kb.problems.length - errors.length;
  if (kb.problems.length) console.error(formatProblems(kb.problems));
  console.log(
    `${kb.articles.length} articles, ${kb.trees.length} trees, ${kb.training.length} training modules, ${kb.categories.length} categories checked in ${root}: ` +
      (errors.length ? `${errors.length} error(s)` : 'no errors') +
      (warnings ? `, ${warnings} warning(s)` : ''),
  );
  return errors.length ? 1 : 0;
}

function lint(root: string, json: boolean): number {
  const kb = readKb(root, config);
  const problems = [
    ...kb.problems.map((p) => ({ ...p, rule: 'integrity' as const })),
    ...lintArticles(kb.articles, {
      allowedEmails: [config.supportEmail, ...Object.values(config.teams).map((t) => t.email)].map((e) => e.toLowerCase()),
      allowedPhones: config.supportPhone ? [config.supportPhone] : [],
      treeIds: new Set(kb.trees.map((t) => t.tree.id)),
      categoryIds: new Set(kb.categories.map((c) => c.id)),
      tags: new Set(kb.articles.flatMap((a) => a.data.tags)),
    }),
  ];
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (json) console.log(JSON.stringify({ problems, errors, warnings: problems.length - errors }, null, 2));
  else {
    for (const p of problems) console.log(`${p.severity === 'error' ? 'error  ' : 'warning'}  ${formatProblem(p)}  [${p.rule}]`);
    console.log(`${kb.articles.length} articles linted: ${errors} error(s), ${problems.length - errors} warning(s)`);
  }
  return errors ? 1 : 0;
}

function review(root: string, json: boolean, failOnOverdue: boolean, days: number): number {
  const kb = readKb(root, config);
  const today = buildDate();
  const groups = reviewReport(kb.articles, today, days);
  const overdue = groups.flatMap((g) => g.items).filter((i) => i.state === 'overdue').length;
  if (json) {
    console.log(JSON.stringify({ today: today.toISOString().slice(0, 10), overdue, groups }, null, 2));
  } else if (!groups.length) {
    console.log(`No article is overdue or due within ${days} days.`);
  } else {
    for (const g of groups) {
      console.log(`\n${g.owner}`);
      for (const i of g.items) {
        const when = i.days < 0 ? `overdue ${-i.days} d` : `due in ${i.days} d`;
        console.log(`  ${i.reviewBy.toISOString().slice(0, 10)}  ${when.padEnd(14)}  ${i.title}  (${i.file})`);
      }
    }
    console.log(`\n${overdue} overdue, ${groups.flatMap((g) => g.items).length - overdue} due within ${days} days`);
  }
  return failOnOverdue && overdue ? 1 : 0;
}

function create(root: string, kind: string | undefined, title: string | undefined, o: { owner?: string | undefined; lang?: string | undefined; category?: string | undefined }): number {
  if (!kind || !(SCAFFOLD_KINDS as readonly string[]).includes(kind) || !title?.trim()) {
    console.error(`kb new: expected one of ${SCAFFOLD_KINDS.join(', ')} and a title, e.g. npm run kb -- new article "VPN trennt nach 10 Minuten"`);
    return 2;
  }
  const lang = o.lang ?? config.defaultLocale;
  if (lang !== 'de' && lang !== 'en') throw new Error(`--lang must be de or en, got "${lang}"`);
  const kb = readKb(root, config);
  const category = o.category ?? kb.categories[0]?.id;
  if (!category || !kb.categories.some((c) => c.id === category)) {
    throw new Error(`unknown category "${category}"; expected one of: ${kb.categories.map((c) => c.id).join(', ')}`);
  }
  let owner = o.owner;
  if (!owner) {
    try {
      owner = execFileSync('git', ['config', 'user.name'], { encoding: 'utf8' }).trim();
    } catch {
      owner = '';
    }
  }
  if (!owner) throw new Error('no owner: pass --owner "Team or person" or set git config user.name');
  const file = scaffold({ kind: kind as ScaffoldKind, title: title.trim(), owner, lang, category, team: Object.keys(config.teams)[0]!, today: buildDate() });
  const path = join(root, file.path);
  if (existsSync(path)) {
    console.error(`kb new: ${path} exists already; not overwritten`);
    return 1;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.content, { flag: 'wx' });
  console.log(path);
  return 0;
}

async function importCommand(root: string, files: string[], o: { from?: string | undefined; map?: string | undefined; 'dry-run'?: boolean | undefined; report?: string | undefined }): Promise<number> {
  if (!files.length) {
    console.error('kb import: name at least one export file or folder');
    return 2;
  }
  if (o.from && !(FORMATS as readonly string[]).includes(o.from)) throw new Error(`--from must be one of ${FORMATS.join(', ')}`);
  let mapping;
  if (o.map) {
    const parsed = readYamlFile(o.map, importMappingSchema);
    if (!parsed.ok) throw new Error(`${o.map}: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    mapping = parsed.data;
  }
  if ((o.from === 'csv' || o.from === 'json') && !mapping) throw new Error(`--from ${o.from} needs --map mapping.yaml`);
  const kb = readKb(root, config);
  const bar = process.stderr.isTTY ? new cliProgress.SingleBar({ format: 'importing {bar} {value} records', clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(0, 0);
  const result = await runImport({
    files,
    format: o.from as Format | undefined,
    mapping,
    contentRoot: root,
    kb,
    dryRun: o['dry-run'] ?? false,
    today: buildDate(),
    locale: config.defaultLocale,
    onRecord: (n) => {
      if (bar && n % 500 === 0) {
        bar.setTotal(n);
        bar.update(n);
      }
    },
    onFormat: (file, format, detected) => console.log(`${file}: ${format}${detected ? ' (detected)' : ''}`),
  });
  bar?.stop();
  const s = result.summary;
  for (const r of result.records.filter((r) => r.outcome === 'rejected')) console.error(`rejected  ${r.where}  ${r.id ? `${r.id}: ` : ''}${r.reason}`);
  console.log(
    `${s.total} records: ${s.drafted} drafted, ${s.merged} merged, ${s.linked} linked, ${s.skipped} skipped, ${s.rejected} rejected` +
      (o['dry-run'] ? ' (dry run: nothing written)' : `; ${s.written.length} file(s) written`),
  );
  for (const f of s.written) console.log(`  wrote ${f}`);
  if (o.report) {
    writeFileSync(o.report, `${JSON.stringify({ records: result.records, summary: { ...s, written: undefined, writtenFiles: s.written } }, null, 2)}\n`);
    console.log(`report: ${o.report}`);
  }
  return s.rejected ? 1 : 0;
}

function main(argv: string[]): number | Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      json: { type: 'boolean' },
      'fail-on-overdue': { type: 'boolean' },
      days: { type: 'string' },
      owner: { type: 'string' },
      lang: { type: 'string' },
      category: { type: 'string' },
      from: { type: 'string' },
      map: { type: 'string' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  const root = values.content ?? contentDir();
  switch (command) {
    case 'validate':
      return validate(root);
    case 'lint':
      return lint(root, values.json ?? false);
    case 'review': {
      const days = Number(values.days ?? 30);
      if (!Number.isInteger(days) || days < 0) throw new Error(`--days expects a whole number, got "${values.days}"`);
      return review(root, values.json ?? false, values['fail-on-overdue'] ?? false, days);
    }
    case 'import':
      return importCommand(root, positionals.slice(1), values);
    case 'new':
      return create(root, positionals[1], positionals[2], values);
    case 'schemas':
      for (const [path, generate] of Object.entries(GENERATED_SCHEMAS)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, generate());
        console.log(`wrote ${path}`);
      }
      return 0;
    default:
      console.error(`kb: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  console.error(`kb: ${(e as Error).message}`);
  process.exitCode = 2;
}
