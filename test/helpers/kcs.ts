/**
 * A copy of the sample KB as its own git repository (every article added and validated on
 * 2026-11-15 12:00 UTC) with one ticket recorded by `kb import` in links.json, and the ticket
 * exports of test/fixtures/tickets/ — what `kb report --tickets` reads in the KCS tests.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './build.ts';

export const TICKET_EXPORTS = ['servicenow-kcs.csv', 'servicenow-kcs.json', 'jira-kcs.csv'].map((f) =>
  join(ROOT, 'test/fixtures/tickets', f),
);

export function kcsContent(prefix: string): string {
  const content = join(tempDir(prefix), 'content');
  cpSync(join(ROOT, 'content'), content, { recursive: true, filter: (p) => !p.includes(`${join('content', 'insights')}`) });
  mkdirSync(join(content, 'escalations'), { recursive: true });
  writeFileSync(
    join(content, 'escalations', 'links.json'),
    `${JSON.stringify({ 'servicenow:INC0050005': { article: 'festplatte-voll', outcome: 'linked', category: 'hardware', month: '2026-11', known: true } }, null, 2)}\n`,
  );
  const date = '2026-11-15T12:00:00+00:00';
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=KB Test', '-c', 'user.email=kb@test.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: content,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'ignore',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'sample KB');
  return content;
}
