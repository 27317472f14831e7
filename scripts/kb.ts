#!/usr/bin/env node
/**
 * `kb` – the Support KB command line. Thin: parsing arguments and printing; the logic lives in
 * src/lib. Run as `npm run kb -- <command>`.
 */
import { parseArgs } from 'node:util';
import { contentDir } from '../src/lib/content-files.ts';
import { readKb } from '../src/lib/kb-files.ts';
import { formatProblem, formatProblems } from '../src/lib/problems.ts';
import { lintArticles, lintTraining, lintTrees } from '../src/lib/lint.ts';
import { lintEmployeeTree } from '../src/lib/tree-lint.ts';
import { checkMdxSyntax, swallowedBackslashes } from '../src/lib/mdx-check.ts';
import { createInterface } from 'node:readline/promises';
import { buildDate, reviewReport } from '../src/lib/review.ts';
import config from '../kb.config.ts';
import { GENERATED_SCHEMAS } from '../src/lib/json-schema.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { SCAFFOLD_KINDS, scaffold, type ScaffoldKind } from '../src/lib/scaffold.ts';
import { runImport } from '../src/lib/import/run.ts';
import { FORMATS } from '../src/lib/import/adapters/index.ts';
import { importMappingSchema, keywordStateSchema, type ImportMapping } from '../src/schemas/escalation.ts';
import { articleText, keywordCommand, proposalLines } from '../src/lib/import/keywords.ts';
import { readState } from '../src/lib/import/state.ts';
import type { UsageReport } from '../src/schemas/usage.ts';
import { createRedactor } from '../src/lib/import/redact.ts';
import { readYamlFile } from '../src/lib/content-files.ts';
import cliProgress from 'cli-progress';
import { deployFiles } from '../src/lib/deploy/files.ts';
import { stringify as toYaml } from 'yaml';
import { editorFields } from '../src/lib/editor/fields.ts';
import { editorStrings } from '../src/lib/editor/strings.ts';
import { sveltiaConfig } from '../src/lib/editor/team.ts';
import { contentChoices } from '../src/lib/editor/choices.ts';
import { useTranslations } from '../src/i18n/index.ts';
import { runReport } from '../src/lib/usage/run.ts';

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
                      Exit 1 when a record was rejected. Prints the open search-term
                      proposals from linked tickets (see keywords).
  keywords [list]     Search-term proposals from the short descriptions of tickets the
                      importer linked to an article (content/escalations/keywords.json).
  keywords accept <article> <term…>
                      Add the terms to the article's keywords (then review and commit).
  keywords dismiss <article> <term…>
                      Do not propose these terms for the article again.
  report <log…> [--tickets FILE…] [--from …] [--map mapping.yaml] [--out FILE] [--json]
                      Read kb_events access logs (plain or .gz; README "Usage insights")
                      and write the aggregates to content/insights/usage.json for the
                      staff builds' insight pages. Prints counted / ignored / rejected
                      lines (rejected with file:line). --tickets (repeatable) adds the
                      KCS measures from ticket exports in any kb import format (link
                      rate, reuse, new vs known, time to a validated article); only
                      article ids, months and counts are written. Exit 1 when a line or
                      ticket record was rejected.
  schemas             Regenerate the JSON Schemas for editors (public/schemas/*.json)
                      from the zod schemas.
  deploy-config [--check]
                      Write the sign-in web-server configurations (deploy/apache/,
                      deploy/nginx-oauth2-proxy/) from kb.config.ts auth. With --check,
                      write nothing and exit 1 if a file is out of date.
  editor-config [--out FILE]
                      Print (or write) the team-mode editor configuration (Sveltia CMS,
                      YAML) generated from the zod schemas and the content; staff builds
                      ship it as /redaktion/config.json. Local mode: npm run edit.

Options:
  --content <dir>     Content folder (default: $KB_CONTENT_DIR or ./content)
  -h, --help          Show this help
`;

async function validate(root: string): Promise<number> {
  const kb = readKb(root, config);
  // MDX syntax errors would otherwise only show in the build (or as a 500 in the dev server).
  kb.problems.push(...(await checkMdxSyntax(kb.articles)));
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

async function lint(root: string, json: boolean): Promise<number> {
  const kb = readKb(root, config);
  const problems = [
    ...kb.problems.map((p) => ({ ...p, rule: 'integrity' as const })),
    ...(await checkMdxSyntax(kb.articles)).map((p) => ({ ...p, rule: 'mdx-syntax' as const })),
    ...kb.articles.flatMap((a) => swallowedBackslashes(a).map((p) => ({ ...p, rule: 'swallowed-backslash' as const }))),
    ...lintArticles(kb.articles, {
      allowedEmails: [config.supportEmail, ...Object.values(config.teams).map((t) => t.email)].map((e) => e.toLowerCase()),
      allowedPhones: config.supportPhone ? [config.supportPhone] : [],
      treeIds: new Set(kb.trees.map((t) => t.tree.id)),
      categoryIds: new Set(kb.categories.map((c) => c.id)),
      tags: new Set(kb.articles.flatMap((a) => a.data.tags)),
    }),
    ...lintTrees(kb.trees.map((t) => ({ file: t.file, audience: t.tree.audience, source: readFileSync(t.file, 'utf8') }))),
    ...lintTraining(kb.training.map((t) => ({ file: t.file, audience: t.data.audience, source: readFileSync(t.file, 'utf8') }))),
    ...kb.trees.flatMap((t) =>
      lintEmployeeTree(t.tree, t.file, readFileSync(t.file, 'utf8'), {
        teamNames: Object.values(config.teams).map((team) => team.name),
        teamEmails: Object.values(config.teams).map((team) => team.email),
      }),
    ),
  ];
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (json) console.log(JSON.stringify({ problems, errors, warnings: problems.length - errors }, null, 2));
  else {
    for (const p of problems) console.log(`${p.severity === 'error' ? 'error  ' : 'warning'}  ${formatProblem(p)}  [${p.rule}]`);
    console.log(
      `${kb.articles.length} articles and ${kb.trees.length} trees linted: ${errors} error(s), ${problems.length - errors} warning(s)`,
    );
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

async function create(
  root: string,
  kind: string | undefined,
  title: string | undefined,
  o: { owner?: string | undefined; lang?: string | undefined; category?: string | undefined },
): Promise<number> {
  if (!kind || !(SCAFFOLD_KINDS as readonly string[]).includes(kind) || !title?.trim()) {
    console.error(
      `kb new: expected one of ${SCAFFOLD_KINDS.join(', ')} and a title, e.g. npm run kb -- new article "VPN trennt nach 10 Minuten"`,
    );
    return 2;
  }
  const lang = o.lang ?? config.defaultLocale;
  if (lang !== 'de' && lang !== 'en') throw new Error(`--lang must be de or en, got "${lang}"`);
  const kb = readKb(root, config);
  const ids = kb.categories.map((c) => c.id);
  let category = o.category;
  if (category === undefined) {
    // Never guess: an article filed under the wrong category is hard to find.
    if (!process.stdin.isTTY) {
      console.error(`kb new: pass --category <id>; one of: ${ids.join(', ')}`);
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    kb.categories.forEach((c, i) => console.log(`  ${String(i + 1).padStart(2)}  ${c.id.padEnd(16)} ${c.label[lang] ?? c.label.de}`));
    const answer = (await rl.question('Category (number or id): ')).trim();
    rl.close();
    category = /^\d+$/.test(answer) ? ids[Number(answer) - 1] : answer;
  }
  if (!category || !ids.includes(category)) {
    console.error(`kb new: unknown category "${category ?? ''}"; expected one of: ${ids.join(', ')}`);
    return 2;
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
  const file = scaffold({
    kind: kind as ScaffoldKind,
    title: title.trim(),
    owner,
    lang,
    category,
    team: Object.keys(config.teams)[0]!,
    today: buildDate(),
  });
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

async function importCommand(
  root: string,
  files: string[],
  o: { from?: string | undefined; map?: string | undefined; 'dry-run'?: boolean | undefined; report?: string | undefined },
): Promise<number> {
  if (!files.length) {
    console.error('kb import: name at least one export file or folder');
    return 2;
  }
  const mapping = ticketOptions(o);
  const kb = readKb(root, config);
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'importing {bar} {value} records', clearOnComplete: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(0, 0);
  const result = await runImport({
    files,
    format: o.from,
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
    onFormat: (file, format, detected, note) =>
      console.log(`${file}: ${format}${detected ? ' (detected)' : ''}${note ? ` – ${note}` : ''}`),
  });
  bar?.stop();
  const s = result.summary;
  for (const r of result.records.filter((r) => r.outcome === 'rejected'))
    console.error(`rejected  ${r.where}  ${r.id ? `${r.id}: ` : ''}${r.reason}`);
  console.log(
    `${s.total} records: ${s.drafted} drafted, ${s.merged} merged, ${s.linked} linked, ${s.skipped} skipped, ${s.rejected} rejected` +
      (o['dry-run'] ? ' (dry run: nothing written)' : `; ${s.written.length} file(s) written`),
  );
  // Why records were skipped or rejected, with counts (the --report file has each record).
  const shown = s.reasons.slice(0, 12);
  for (const r of shown) console.log(`  ${String(r.count).padStart(6)} × ${r.outcome}: ${r.reason}`);
  if (s.reasons.length > shown.length) console.log(`  … ${s.reasons.length - shown.length} more reasons in --report`);
  for (const f of s.written) console.log(`  wrote ${join(root, f)}`);
  if (result.proposals.length) {
    console.log(`search-term proposals from linked tickets (${result.proposals.length} article(s); accept or: kb keywords dismiss):`);
    for (const line of proposalLines(result.proposals.slice(0, 20), '  ')) console.log(line);
  }
  if (o.report) {
    writeFileSync(
      o.report,
      `${JSON.stringify({ records: result.records, summary: { ...s, written: undefined, writtenFiles: s.written }, proposals: result.proposals }, null, 2)}\n`,
    );
    console.log(`report: ${o.report}`);
  }
  return s.rejected ? 1 : 0;
}

async function report(
  root: string,
  files: string[],
  o: {
    out?: string | undefined;
    json?: boolean | undefined;
    tickets?: string[] | undefined;
    from?: string | undefined;
    map?: string | undefined;
  },
): Promise<number> {
  const tickets = o.tickets ?? [];
  if (!files.length && !tickets.length) {
    console.error(
      'kb report: name at least one access log (plain or .gz), e.g. /var/log/nginx/support-kb-events.log*, or a ticket export with --tickets',
    );
    return 2;
  }
  if ((o.from || o.map) && !tickets.length) throw new Error('--from and --map go with --tickets <export>');
  const mapping = ticketOptions(o);
  const out = o.out ?? join(root, 'insights', 'usage.json');
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'reading {bar} {percentage}% {lines} lines', clearOnComplete: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  const ticketBar =
    process.stderr.isTTY && tickets.length
      ? new cliProgress.SingleBar(
          { format: 'reading tickets {bar} {value} records', clearOnComplete: true, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  const result = await runReport({
    files,
    out,
    kb: readKb(root, config),
    contentRoot: root,
    minQueryCount: config.usage.minQueryCount,
    tickets: tickets.length
      ? {
          files: tickets,
          format: o.from,
          mapping,
          locales: Object.keys(config.locales),
          onFormat: (file, format, detected, note) =>
            console.log(`${file}: ${format}${detected ? ' (detected)' : ''}${note ? ` – ${note}` : ''}`),
          onRecord: (n) => {
            if (!ticketBar || n % 1000 !== 0) return;
            if (n === 1000) ticketBar.start(0, 0);
            ticketBar.setTotal(n);
            ticketBar.update(n);
          },
        }
      : undefined,
    onProgress: (p) => {
      if (!bar) return;
      if (!started) bar.start(Math.max(1, p.totalBytes), 0, { lines: 0 });
      started = true;
      bar.update(p.bytes, { lines: p.lines });
    },
  });
  bar?.stop();
  ticketBar?.stop();
  const { report: r, rejections, seconds, ticketRejections, notResolvedReasons } = result;
  for (const x of rejections) console.error(`rejected  ${x.file}:${x.line}  ${x.reason}`);
  for (const x of ticketRejections) console.error(`rejected  ${x.where}  ${x.reason}`);
  const tk = r.kcs?.tickets;
  if (tk && tk.rejected > ticketRejections.length)
    console.error(`… and ${tk.rejected - ticketRejections.length} more rejected ticket records`);
  if (r.lines.rejected > rejections.length) console.error(`… and ${r.lines.rejected - rejections.length} more rejected lines`);
  if (o.json) console.log(JSON.stringify({ lines: r.lines, ...(tk ? { tickets: ticketSummary(tk) } : {}), out }, null, 2));
  else {
    const s = r.searches;
    console.log(
      `${r.lines.counted + r.lines.ignored + r.lines.rejected} lines in ${files.length} file(s), ${seconds.toFixed(1)} s: ${r.lines.counted} counted, ${r.lines.ignored} ignored (not an event), ${r.lines.rejected} rejected`,
    );
    console.log(
      `  searches: ${s.total} (${s.noResults} without results, ${s.noClick} without a click); ${s.rare.queries} queries seen fewer than ${r.minQueryCount} times kept only as a count`,
    );
    console.log(
      `  feedback: ${r.articles.reduce((n, a) => n + a.helpful, 0)} helpful, ${r.articles.reduce((n, a) => n + a.notHelpful, 0)} not helpful`,
    );
    console.log(
      `  trees: ${r.trees.reduce((n, t) => n + t.sessions, 0)} sessions (${r.trees.reduce((n, t) => n + t.solved, 0)} solved, ${r.trees.reduce((n, t) => n + t.escalated, 0)} escalated, ${r.trees.reduce((n, t) => n + t.abandoned, 0)} abandoned)`,
    );
    console.log(`  quizzes: ${r.quizzes.reduce((n, q) => n + q.submissions, 0)} submissions`);
    if (r.kcs)
      console.log(
        `  KCS (git): ${r.kcs.timeToValidated.count} validated articles, median ${r.kcs.timeToValidated.medianDays} days from creation to validation`,
      );
    if (tk) {
      const s = ticketSummary(tk);
      console.log(
        `${s.records} ticket records in ${s.files} file(s): ${s.resolved} resolved counted, ${s.notResolved} not resolved (ignored), ${s.duplicates} duplicates (counted once), ${s.rejected} rejected`,
      );
      console.log(
        `  KCS (tickets): ${s.linked} linked to an article (link rate ${s.linkRate}), ${s.known} known, ${s.newArticle} new, ${s.unknownArticle} linked to an unknown article, ${s.noDate} without a resolution date`,
      );
      const redactor = createRedactor();
      for (const [reason, count] of notResolvedReasons.slice(0, 8))
        console.log(`  ${String(count).padStart(6)} × not resolved: ${redactor.redact(reason)}`);
    }
    console.log(`wrote ${out}`);
  }
  return r.lines.rejected || tk?.rejected ? 1 : 0;
}

/** The printed ticket summary: every record is resolved, not resolved, a duplicate or rejected. */
function ticketSummary(t: NonNullable<NonNullable<UsageReport['kcs']>['tickets']>) {
  const { files, records, resolved, notResolved, duplicates, rejected, linked, known, newArticle, unknownArticle, noDate } = t;
  const linkRate = resolved ? `${((linked / resolved) * 100).toFixed(1)} %` : '–';
  return { files, records, resolved, notResolved, duplicates, rejected, linked, linkRate, known, newArticle, unknownArticle, noDate };
}

/** `--from`/`--map` as for kb import. */
function ticketOptions(o: { from?: string | undefined; map?: string | undefined }): ImportMapping | undefined {
  if (o.from && !(FORMATS as readonly string[]).includes(o.from)) throw new Error(`--from must be one of ${FORMATS.join(', ')}`);
  let mapping: ImportMapping | undefined;
  if (o.map) {
    const parsed = readYamlFile(o.map, importMappingSchema);
    if (!parsed.ok) throw new Error(`${o.map}: ${parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    mapping = parsed.data;
  }
  if ((o.from === 'csv' || o.from === 'json') && !mapping) throw new Error(`--from ${o.from} needs --map mapping.yaml`);
  return mapping;
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
      check: { type: 'boolean' },
      out: { type: 'string' },
      tickets: { type: 'string', multiple: true },
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
    case 'report':
      return report(root, positionals.slice(1), values);
    case 'keywords': {
      const kb = readKb(root, config);
      const stateFile = join(root, 'escalations', 'keywords.json');
      const result = keywordCommand(
        readState(stateFile, stateFile, keywordStateSchema, {}),
        stateFile,
        kb.articles.map((a) => ({ ...articleText(a), file: a.file, source: a.source })),
        positionals.slice(1),
      );
      for (const [file, text] of result.writes) writeFileSync(file, text);
      for (const line of result.lines) (result.status ? console.error : console.log)(line);
      return result.status;
    }
    case 'schemas':
      for (const [path, generate] of Object.entries(GENERATED_SCHEMAS)) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, generate());
        console.log(`wrote ${path}`);
      }
      return 0;
    case 'deploy-config': {
      let stale = 0;
      for (const [path, content] of Object.entries(deployFiles(config.auth, config.usage.enabled))) {
        const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
        if (current === content) continue;
        if (values.check) {
          console.error(`${path} is out of date: run npm run kb -- deploy-config`);
          stale++;
          continue;
        }
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
        console.log(`wrote ${path}`);
      }
      if (!stale) console.log(values.check ? 'deployment configuration is up to date' : 'deployment configuration written');
      return stale ? 1 : 0;
    }
    case 'editor-config': {
      const labels = { de: editorStrings(useTranslations('de')), en: editorStrings(useTranslations('en')) };
      const generated = sveltiaConfig({
        fields: editorFields(),
        choices: contentChoices(root),
        labels,
        editor: config.editor,
        locale: config.defaultLocale,
        site: config.site,
      });
      const text = `# Generated by \`npm run kb -- editor-config\` from src/schemas and ${root}; do not edit.\n${toYaml(generated, { lineWidth: 0 })}`;
      if (values.out) {
        writeFileSync(values.out, text);
        console.log(`wrote ${values.out}`);
      } else process.stdout.write(text);
      return 0;
    }
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
