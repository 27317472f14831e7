/**
 * The KCS content standard as checks: `npm run kb -- lint`. Each rule reports `file:line` problems;
 * errors fail the lint, warnings inform. Pure over the KB read from disk.
 */
import type { DiskArticle } from './kb-files.ts';
import { checkKcsSections } from './kcs.ts';
import type { ContentProblem, Severity } from './problems.ts';
import { createSimilarityIndex } from './similarity.ts';
import { EMAIL_PATTERN, PHONE_PATTERN } from './import/text.ts';
import { matchPath, ROUTE_WORDS, routes } from './routes.ts';
import type { Locale } from '../schemas/vocabulary.ts';

export const LINT_RULES = [
  'kcs-sections',
  'generic-title',
  'error-code-in-body',
  'internal-link',
  'personal-data',
  'too-long',
  'near-duplicate',
  'admin-command',
  'internal-heading',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export interface LintProblem extends ContentProblem {
  rule: LintRule;
}

export interface LintOptions {
  /** Addresses that may appear in employee articles (the service desk's own). */
  allowedEmails: readonly string[];
  allowedPhones: readonly string[];
  /** Ids of trees, for links to /diagnose/<id>/. */
  treeIds: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
  tags: ReadonlySet<string>;
  /** Body words above which an article is "too long" (warning). */
  maxWords?: number;
  /** Cosine similarity above which two articles count as near-duplicates (warning). */
  duplicateThreshold?: number;
}

/** Titles that say nothing about the problem, in both languages. */
const GENERIC_TITLES = new Set([
  'problem',
  'fehler',
  'hilfe',
  'frage',
  'sonstiges',
  'test',
  'neuer artikel',
  'allgemein',
  'störung',
  'info',
  'issue',
  'error',
  'help',
  'question',
  'misc',
  'other',
  'new article',
  'untitled',
  'general',
  'howto',
  'anleitung',
]);

const INTERNAL_LINK = /\]\((\/[^)\s#?]*)[^)]*\)|href=["'](\/[^"'#?]*)/g;

/** Lines of a text with fenced code blocks blanked out (commands may look like anything). */
function proseLines(body: string): string[] {
  let fence = false;
  return body.split('\n').map((line) => {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      return '';
    }
    return fence ? '' : line.replace(/`[^`]*`/g, '``');
  });
}

/**
 * Commands and wording that only staff may use: account, permission, registry, disk-encryption,
 * certificate and service changes, and instructions to elevate. Each entry says what it found, so
 * the message tells the author why. Harmless user commands (`ipconfig /all`, `hostname`, `Win+R`,
 * `onedrive.exe /reset`) match none of them.
 */
export const ADMIN_PATTERNS: readonly { what: string; re: RegExp }[] = [
  // PowerShell: Active Directory, Exchange Online, Microsoft Graph / Entra, BitLocker, TPM.
  { what: 'Active Directory cmdlet', re: /\b[A-Z][a-z]+-AD[A-Z][A-Za-z]*\b/g },
  {
    what: 'Exchange Online cmdlet',
    re: /\b[A-Z][a-z]+-(?:Mailbox|MailboxPermission|RecipientPermission|MailboxFolderPermission|DistributionGroupMember|TransportRule|QuarantineMessage)\b|\b(?:Connect|Disconnect)-ExchangeOnline\b/g,
  },
  {
    what: 'Microsoft Graph / Entra cmdlet',
    re: /\b[A-Z][a-z]+-Mg[A-Z][A-Za-z]*\b|\b(?:Connect|Disconnect)-(?:MgGraph|Entra|AzureAD|MsolService)\b/g,
  },
  {
    what: 'BitLocker or TPM cmdlet',
    re: /\b(?:Get|Set|Add|Remove|Enable|Disable|Suspend|Resume|Lock|Unlock|Backup|BackupToAAD|Clear|Initialize|Import|Export)-(?:BitLocker[A-Za-z]*|Tpm)\b/g,
  },
  // PowerShell: system changes.
  { what: 'registry write', re: /\b(?:Set|New|Remove|Rename)-ItemProperty\b/g },
  {
    what: 'service or computer change',
    re: /\b(?:Stop|Start|Restart|Set|New|Remove)-Service\b|\b(?:Restart|Stop|Rename|Add|Remove|Reset)-Computer(?:MachinePassword)?\b|\bTest-ComputerSecureChannel\b/g,
  },
  { what: 'local account or group change', re: /\b(?:New|Set|Remove|Enable|Disable|Add)-Local(?:User|Group|GroupMember)\b/g },
  {
    what: 'policy or security setting change',
    re: /\bSet-(?:ExecutionPolicy|MpPreference|NetFirewallRule|NetFirewallProfile|VpnConnection|DnsClientServerAddress)\b|\bAdd-MpPreference\b/g,
  },
  { what: 'remote administration', re: /\b(?:Invoke-Command|Enter-PSSession)\b|\bpsexec(?:\.exe)?\b/gi },
  // Command line tools.
  { what: 'registry tool', re: /\breg(?:\.exe)?\s+(?:add|delete|import|copy|load|restore)\b|\bregedit(?:\.exe)?\b/gi },
  { what: 'registry path', re: /\b(?:HKLM|HKCU|HKCR|HKU):?\\|\bHKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS)\b/g },
  { what: 'permission or ownership change', re: /\b(?:icacls|cacls|takeown|secedit)(?:\.exe)?\b/gi },
  { what: 'BitLocker tool', re: /\bmanage-bde(?:\.exe)?\b/gi },
  { what: 'certificate tool', re: /\bcertutil(?:\.exe)?\b/gi },
  { what: 'device registration change', re: /\bdsregcmd(?:\.exe)?\s+\/(?:leave|join|forcerecovery|cleanupaccounts|refreshprt|debug)\b/gi },
  {
    what: 'account or service command',
    re: /\bnet(?:\.exe)?\s+(?:user|localgroup|group|accounts|stop|start|share|use\s+\S+\s+\/delete)\b/gi,
  },
  { what: 'service control', re: /\bsc(?:\.exe)?\s+(?:config|stop|start|delete|create|failure)\b/gi },
  {
    what: 'boot, disk or system repair tool',
    re: /\b(?:bcdedit|diskpart|vssadmin|wbadmin|pnputil|bootrec)(?:\.exe)?\b|\bdism(?:\.exe)?\s+\/online\b|\bsfc(?:\.exe)?\s+\/scannow\b|\bchkdsk(?:\.exe)?\s+\S*\s*\/[rfx]\b/gi,
  },
  {
    what: 'network stack reset or firewall change',
    re: /\bnetsh(?:\.exe)?\s+(?:advfirewall|winsock\s+reset|int(?:erface)?\s+ip\s+reset|wlan\s+delete)\b/gi,
  },
  {
    what: 'file deletion in a system folder',
    re: /\b(?:rd|rmdir|del)\s+(?:\/[a-z]\s+)*["']?(?:%systemroot%|%windir%|C:\\Windows|C:\\ProgramData)/gi,
  },
  { what: 'run-as elevation', re: /\brunas(?:\.exe)?\s+\//gi },
  // Instructions to elevate, in both languages.
  {
    what: '"run as administrator" instruction',
    re: /\bals\s+Administrator(?:in)?\s+(?:ausführen|öffnen|starten|anmelden)\b|\b(?:Eingabeaufforderung|PowerShell|Terminal|Konsole)\s*(?:\(|,)?\s*als\s+Administrator\b|\bmit\s+(?:erhöhten|Administrator)[a-zäöü]*\s+Rechten\b|\b(?:run|open|start)\s+(?:it\s+|\S+\s+)?as\s+(?:an\s+)?administrator\b|\belevated\s+(?:command\s+prompt|prompt|PowerShell|shell|session|terminal)\b|\b(?:Terminal|PowerShell|Eingabeaufforderung|Command\s+Prompt)\s*\((?:Admin|Administrator)\)/gi,
  },
];

/** All patterns in one expression per case mode, to rule out a text or line in one pass. */
const anyOf = (insensitive: boolean) =>
  new RegExp(
    ADMIN_PATTERNS.filter((p) => p.re.flags.includes('i') === insensitive)
      .map((p) => `(?:${p.re.source})`)
      .join('|'),
    insensitive ? 'i' : '',
  );
const ANY_ADMIN_CASE = anyOf(false);
const ANY_ADMIN_NOCASE = anyOf(true);

/** One admin command found in a text: 1-based line, the matched text and what it is. */
export interface AdminCommandHit {
  line: number;
  match: string;
  what: string;
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** The text with code (fenced blocks, inline spans) replaced by same-length filler: a tag there is just text. */
function maskCode(body: string): string {
  let fence: string | undefined;
  return body
    .split('\n')
    .map((line) => {
      const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence) {
        if (f && f[0] === fence[0] && f.length >= fence.length) fence = undefined;
        return 'x'.repeat(line.length);
      }
      if (f) {
        fence = f;
        return 'x'.repeat(line.length);
      }
      return line.replace(/(`+)(?:(?!\1).)+?\1/g, (m) => 'x'.repeat(m.length));
    })
    .join('\n');
}

/**
 * Blanks out `<Internal>…</Internal>` blocks (keeping every line break and line length), so only
 * visible text remains. Tags inside code are text, as in MDX.
 */
export function withoutInternal(body: string): string {
  if (!body.includes('<Internal')) return body;
  let depth = 0;
  let start = 0;
  let last = 0;
  let out = '';
  for (const m of maskCode(body).matchAll(/<Internal\b[^>]*?(\/?)>|<\/Internal\s*>/g)) {
    const at = m.index;
    const end = at + m[0].length;
    if (m[0].startsWith('</')) {
      if (depth > 0 && --depth === 0) {
        out += blank(body.slice(start, end));
        last = end;
      }
    } else if (m[1]) {
      if (depth === 0) {
        out += body.slice(last, at) + blank(m[0]);
        last = end;
      }
    } else {
      if (depth++ === 0) {
        out += body.slice(last, at);
        start = at;
      }
    }
  }
  return out + (depth > 0 ? blank(body.slice(start)) : body.slice(last));
}

/**
 * Admin commands in text an employee can read: code blocks count (that is where commands are),
 * `<Internal>` blocks do not.
 */
export function findAdminCommands(text: string): AdminCommandHit[] {
  const hits: AdminCommandHit[] = [];
  const visible = withoutInternal(text);
  // One pass over the whole text first: most articles contain no admin command at all.
  if (!ANY_ADMIN_CASE.test(visible) && !ANY_ADMIN_NOCASE.test(visible)) return hits;
  visible.split('\n').forEach((line, i) => {
    if (!ANY_ADMIN_CASE.test(line) && !ANY_ADMIN_NOCASE.test(line)) return;
    const seen = new Set<string>();
    for (const p of ADMIN_PATTERNS) {
      for (const m of line.matchAll(p.re)) {
        const match = m[0].replace(/\s+/g, ' ').trim();
        if (seen.has(match.toLowerCase())) continue;
        seen.add(match.toLowerCase());
        hits.push({ line: i + 1, match, what: p.what });
      }
    }
  });
  return hits;
}

/**
 * Level-2 headings inside `<Internal>` blocks (1-based body lines). The article page builds its table
 * of contents from all `##` headings, so such a heading would show in builds that hide the block.
 */
export function internalHeadings(body: string): number[] {
  const visible = withoutInternal(body).split('\n');
  let fence = false;
  const lines: number[] = [];
  body.split('\n').forEach((line, i) => {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    else if (!fence && /^##\s/.test(line) && !/^##\s/.test(visible[i] ?? '')) lines.push(i + 1);
  });
  return lines;
}

const adminMessage = (h: AdminCommandHit) =>
  `${h.what} "${h.match}" in employee-visible text; put staff-only steps in <Internal> or raise the audience`;

/** A content file other than an article, as the admin-command rule reads it: the whole source. */
export interface SourceFile {
  file: string;
  source: string;
  audience: string;
}

function lintSources(files: readonly SourceFile[], field: string, strip: (source: string) => string): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const f of files) {
    if (f.audience !== 'employee') continue;
    for (const h of findAdminCommands(strip(f.source))) {
      problems.push({ file: f.file, rule: 'admin-command', severity: 'error', field, message: adminMessage(h), line: h.line });
    }
  }
  return problems;
}

/**
 * The admin-command rule for decision trees: an employee tree shows all its text (questions,
 * help, answers, escalation hints) to employees, so its YAML is checked line by line (comments aside).
 */
export function lintTrees(trees: readonly SourceFile[]): LintProblem[] {
  return lintSources(trees, 'nodes', (s) => s.replace(/^\s*#.*$/gm, ''));
}

/** The admin-command rule for employee training modules: frontmatter and text outside `<Internal>`. */
export function lintTraining(modules: readonly SourceFile[]): LintProblem[] {
  return lintSources(modules, 'body', (s) => s);
}

/** The file line of a frontmatter key, for messages about frontmatter fields. */
function keyLine(source: string, key: string): number | undefined {
  const i = source.split('\n').findIndex((l) => l.startsWith(`${key}:`));
  return i === -1 ? undefined : i + 1;
}

export function lintArticles(articles: readonly DiskArticle[], options: LintOptions): LintProblem[] {
  const problems: LintProblem[] = [];
  const ids = new Map(articles.map((a) => [a.id, a.data.lang]));
  const maxWords = options.maxWords ?? 1500;
  const add = (a: DiskArticle, rule: LintRule, severity: Severity, field: string, message: string, line?: number) =>
    problems.push({ file: a.file, rule, severity, field, message, line });

  for (const a of articles) {
    const d = a.data;
    const atBody = (n: number) => n + a.bodyLine - 1;

    for (const s of checkKcsSections(a.body, d.type, d.lang)) {
      add(a, 'kcs-sections', 'error', `## ${s.heading}`, s.message, s.line === undefined ? undefined : atBody(s.line));
    }

    const title = d.title
      .trim()
      .toLowerCase()
      .replace(/[.!?:]+$/, '');
    if (GENERIC_TITLES.has(title)) {
      add(
        a,
        'generic-title',
        'error',
        'title',
        `"${d.title}" is generic; describe the problem in the user's words`,
        keyLine(a.source, 'title'),
      );
    } else if (title.split(/\s+/).length < 3) {
      add(
        a,
        'generic-title',
        'warning',
        'title',
        `"${d.title}" is very short; users search with the symptom and the error text`,
        keyLine(a.source, 'title'),
      );
    }

    for (const code of d.errorCodes) {
      if (!a.body.includes(code)) {
        add(
          a,
          'error-code-in-body',
          'error',
          'errorCodes',
          `"${code}" is listed but does not appear in the text`,
          keyLine(a.source, 'errorCodes'),
        );
      }
    }

    a.body.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(INTERNAL_LINK)) {
        const path = (m[1] ?? m[2])!;
        const problem = checkInternalPath(path, ids, options);
        if (problem) add(a, 'internal-link', 'error', 'link', `${path}: ${problem}`, atBody(i + 1));
      }
    });

    for (const n of internalHeadings(a.body)) {
      add(
        a,
        'internal-heading',
        'error',
        'body',
        'a "##" heading inside <Internal> would appear in the table of contents of builds that hide the block; use "###"',
        atBody(n),
      );
    }

    if (d.audience === 'employee') {
      for (const h of findAdminCommands(a.body)) add(a, 'admin-command', 'error', 'body', adminMessage(h), atBody(h.line));
      proseLines(a.body).forEach((line, i) => {
        for (const m of line.matchAll(EMAIL_PATTERN)) {
          if (!options.allowedEmails.includes(m[0].toLowerCase())) {
            add(a, 'personal-data', 'error', 'body', `e-mail address "${m[0]}" in an employee article`, atBody(i + 1));
          }
        }
        for (const m of line.matchAll(PHONE_PATTERN)) {
          const digits = m[0].replace(/\D/g, '');
          if (digits.length >= 7 && !options.allowedPhones.some((p) => p.replace(/\D/g, '') === digits)) {
            add(a, 'personal-data', 'error', 'body', `phone number "${m[0].trim()}" in an employee article`, atBody(i + 1));
          }
        }
      });
    }

    const words = a.body.split(/\s+/).filter(Boolean).length;
    if (words > maxWords) {
      add(a, 'too-long', 'warning', 'body', `${words} words (more than ${maxWords}); split it or move background into its own article`);
    }
  }

  const listed = articles.filter((a) => a.data.confidence !== 'archived');
  const index = createSimilarityIndex(
    listed.map((a) => ({
      id: a.id,
      title: a.data.title,
      summary: a.data.summary,
      tags: a.data.tags,
      errorCodes: a.data.errorCodes,
      body: a.body,
    })),
  );
  const threshold = options.duplicateThreshold ?? 0.6;
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const a of listed) {
    for (const m of index.related(a.id, 3, threshold)) {
      if (a.id < m.id) {
        add(
          a,
          'near-duplicate',
          'warning',
          'body',
          `very similar to ${byId.get(m.id)!.file} (similarity ${m.score.toFixed(2)}); merge them or link one to the other`,
        );
      }
    }
  }
  return problems.sort((x, y) => x.file.localeCompare(y.file) || (x.line ?? 0) - (y.line ?? 0));
}

/** Why an internal URL does not resolve, or undefined when it does. Paths are read with the route table. */
export function checkInternalPath(
  path: string,
  articles: ReadonlyMap<string, Locale>,
  o: Pick<LintOptions, 'treeIds' | 'categoryIds' | 'tags'>,
): string | undefined {
  const m = matchPath(path, Object.keys(ROUTE_WORDS), { anyWords: true });
  if (!m) return undefined;
  const id = m.params.id ?? m.params.tag ?? '';
  if (m.kind === 'article') {
    const lang = articles.get(id);
    if (!lang) return `unknown article "${id}"`;
    const expected = routes.article(id, lang);
    if (path.replace(/\/?$/, '/') !== expected) return `the article's URL is ${expected}`;
  }
  if (m.kind === 'tree' && !o.treeIds.has(id)) return `unknown decision tree "${id}"`;
  if (m.kind === 'category' && !o.categoryIds.has(id)) return `unknown category "${id}"`;
  if (m.kind === 'tag' && !o.tags.has(id)) return `no article has the tag "${id}"`;
  return undefined;
}
