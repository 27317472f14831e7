#!/usr/bin/env node
/**
 * `kb` – the Support KB command line. Thin: parsing arguments and printing; the logic lives in
 * src/lib. Run as `npm run kb -- <command>`.
 */
import { parseArgs } from 'node:util';
import { contentDir } from '../src/lib/content-files.ts';
import { readKb } from '../src/lib/kb-files.ts';
import { formatProblems } from '../src/lib/problems.ts';
import { GENERATED_SCHEMAS } from '../src/lib/json-schema.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const HELP = `Usage: npm run kb -- <command> [options]

Commands:
  validate            Check every content file against the schemas and references
                      (the same checks the build runs), without building the site.
  schemas             Regenerate the JSON Schemas for editors (public/schemas/*.json)
                      from the zod schemas.

Options:
  --content <dir>     Content folder (default: $KB_CONTENT_DIR or ./content)
  -h, --help          Show this help
`;

function validate(root: string): number {
  const kb = readKb(root);
  const errors = kb.problems.filter((p) => p.severity === 'error');
  const warnings = kb.problems.length - errors.length;
  if (kb.problems.length) console.error(formatProblems(kb.problems));
  console.log(
    `${kb.articles.length} articles, ${kb.trees.length} trees, ${kb.categories.length} categories checked in ${root}: ` +
      (errors.length ? `${errors.length} error(s)` : 'no errors') +
      (warnings ? `, ${warnings} warning(s)` : ''),
  );
  return errors.length ? 1 : 0;
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { content: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`kb: ${(e as Error).message}`);
  process.exitCode = 2;
}
