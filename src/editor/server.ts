/**
 * Local mode of the editor (`npm run edit`): a small HTTP server on loopback that serves the
 * editor and is its backend. It reads the working copy, validates every save with the build's
 * schemas and integrity checks, writes only the lines that changed (patch.ts) and commits the file
 * with git. Clients choose no paths: every path is checked against the content layout, and new
 * files get their name from the title.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { stripTypeScriptTypes } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { marked } from 'marked';
import config from '../../kb.config.ts';
import { useTranslations } from '../i18n/index.ts';
import { LOCALES, type Locale } from '../schemas/vocabulary.ts';
import { listFiles, parseEntryWith } from '../lib/content-files.ts';
import { articleSchema } from '../schemas/index.ts';
import { readKb } from '../lib/kb-files.ts';
import type { ContentProblem } from '../lib/problems.ts';
import { routes } from '../lib/routes.ts';
import { scaffold, slugify } from '../lib/scaffold.ts';
import { editorFields, type CollectionName, type EditorChoices } from '../lib/editor/fields.ts';
import { editorStrings } from '../lib/editor/strings.ts';
import { readEntry, readYamlData, writeEntry, patchYaml } from '../lib/editor/patch.ts';
import { assertEditablePath, validateCandidate, type KbIndex } from '../lib/editor/validate.ts';

export interface EditorServerOptions {
  /** Content folder (absolute, or relative to `projectRoot`). */
  contentRoot: string;
  /** The repository root: public/ for material files, src/ for the editor's assets. */
  projectRoot: string;
  /** Commit each save with git when the content folder is in a work tree (default true). */
  commit?: boolean;
  /** The site's URL for links to pages (flowcharts, articles); default kb.config.ts `site`. */
  siteUrl?: string;
  today?: () => Date;
}

export interface EntrySummary {
  path: string;
  collection: CollectionName;
  id: string;
  title: string;
  lang?: string;
  confidence?: string;
  type?: string;
  /** Absolute URL of the page on the site. */
  url?: string;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

class HttpError extends Error {
  readonly status: number;
  readonly problems: ContentProblem[] | undefined;
  constructor(status: number, message: string, problems?: ContentProblem[]) {
    super(message);
    this.status = status;
    this.problems = problems;
  }
}

export class EditorBackend {
  readonly root: string;
  private index!: KbIndex;
  private entries = new Map<string, EntrySummary>();
  private trees: { id: string; title: string; lang: string; file: string; url: string }[] = [];
  private tags = new Set<string>();
  private previews = new Map<string, string>();
  private previewSeq = 0;

  private readonly o: EditorServerOptions;

  constructor(o: EditorServerOptions) {
    this.o = o;
    this.root = resolve(o.projectRoot, o.contentRoot);
    this.reload();
  }

  private site(path: string): string {
    return new URL(path, this.o.siteUrl ?? config.site).href;
  }

  /** Reads the whole KB once; saves then update it entry by entry. */
  reload(): void {
    const kb = readKb(this.root, config);
    this.index = {
      articles: kb.articles.map((a) => ({ id: a.id, file: a.file, data: a.data, body: a.body, bodyLine: a.bodyLine })),
      categoryIds: new Set(kb.categories.map((c) => c.id)),
      treeIds: new Set(listFiles(join(this.root, 'trees'), ['.yaml', '.yml']).map((f) => basename(f).replace(/\.ya?ml$/, ''))),
      trainingIds: new Set(kb.training.map((t) => t.id)),
      publicFileExists: (p) => existsSync(join(this.o.projectRoot, 'public', p)),
    };
    this.tags = new Set(kb.articles.flatMap((a) => a.data.tags));
    this.trees = kb.trees.map((t) => ({
      id: t.tree.id,
      title: t.tree.title,
      lang: t.tree.lang,
      file: this.rel(t.file),
      url: this.site(routes.treeScript(t.tree.id, t.tree.lang)),
    }));
    this.entries.clear();
    // Valid entries are listed from what readKb parsed; only files it rejected are read again.
    const parsed = new Map<string, { title: string; lang: string; confidence?: string; type?: string }>();
    for (const a of kb.articles) parsed.set(this.rel(a.file), a.data);
    for (const t of kb.training) parsed.set(this.rel(t.file), t.data);
    for (const f of [...listFiles(join(this.root, 'articles'), ['.mdx']), ...listFiles(join(this.root, 'training'), ['.mdx'])]) {
      const path = this.rel(f);
      const data = parsed.get(path);
      if (data) this.addSummary(path, data);
      else this.summarise(path);
    }
    if (existsSync(join(this.root, 'categories.yaml'))) {
      this.entries.set('categories.yaml', {
        path: 'categories.yaml',
        collection: 'categories',
        id: 'categories',
        title: 'categories.yaml',
      });
    }
  }

  private rel(file: string): string {
    return resolve(file)
      .slice(this.root.length + 1)
      .split('\\')
      .join('/');
  }

  /** Lists an entry even when it does not validate, so that it can be fixed here. */
  private summarise(path: string): void {
    const collection = assertEditablePath(path);
    if (collection === 'categories') return;
    let data: Record<string, unknown> = {};
    try {
      data = readEntry(readFileSync(join(this.root, path), 'utf8')).data;
    } catch {
      /* listed with its file name; opening it shows the problem */
    }
    this.addSummary(path, data);
  }

  private addSummary(path: string, data: object): void {
    const collection = assertEditablePath(path);
    const id = basename(path, '.mdx');
    const d = data as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const lang = str(d.lang);
    const ok = lang === 'de' || lang === 'en';
    const summary: EntrySummary = { path, collection, id, title: str(d.title) ?? id };
    if (lang) summary.lang = lang;
    if (str(d.confidence)) summary.confidence = str(d.confidence)!;
    if (str(d.type)) summary.type = str(d.type)!;
    if (ok) summary.url = this.site(collection === 'articles' ? routes.article(id, lang) : routes.trainingModule(id, lang));
    this.entries.set(path, summary);
  }

  choices(): EditorChoices {
    return {
      categories: [...this.index.categoryIds].sort(),
      articles: [...this.entries.values()]
        .filter((e) => e.collection === 'articles')
        .map((e) => e.id)
        .sort(),
      trees: [...this.index.treeIds].sort(),
      tags: [...this.tags].sort(),
    };
  }

  config(locale: Locale) {
    return {
      fields: editorFields(),
      choices: this.choices(),
      strings: editorStrings(useTranslations(locale)),
      locale,
      locales: LOCALES,
      teams: Object.keys(config.teams),
    };
  }

  list(): EntrySummary[] {
    return [...this.entries.values()];
  }

  treeList() {
    return this.trees;
  }

  tree(id: string): { id: string; source: string; url: string } {
    const t = this.trees.find((x) => x.id === id);
    if (!t) throw new HttpError(404, `no tree "${id}"`);
    return { id, source: readFileSync(join(this.root, t.file), 'utf8'), url: t.url };
  }

  read(path: string) {
    const collection = assertEditablePath(path);
    const file = join(this.root, path);
    if (!existsSync(file)) throw new HttpError(404, `no file ${path}`);
    const source = readFileSync(file, 'utf8');
    const hash = sha(source);
    try {
      if (collection === 'categories') return { path, collection, data: readYamlData(source), body: '', hash };
      return { path, collection, ...readEntry(source), hash };
    } catch (e) {
      throw new HttpError(422, `${path}: ${(e as Error).message}`, [
        { file: path, field: '(yaml)', message: (e as Error).message, severity: 'error' },
      ]);
    }
  }

  /** A new, unsaved entry from the same templates as `kb new`: problem articles start with the KCS sections. */
  template(collection: CollectionName, lang: Locale, owner: string) {
    if (collection === 'categories') throw new HttpError(400, 'categories are edited in categories.yaml');
    const s = scaffold({
      kind: collection === 'articles' ? 'article' : 'training',
      title: collection === 'articles' ? 'Neuer Artikel' : 'Neue Schulung',
      owner: owner || 'owner',
      lang,
      category: [...this.index.categoryIds].sort()[0] ?? 'allgemein',
      team: Object.keys(config.teams)[0]!,
      today: this.o.today?.() ?? new Date(),
    });
    const entry = readEntry(s.content);
    entry.data.title = '';
    if (!owner) entry.data.owner = '';
    return { collection, data: entry.data, body: entry.body };
  }

  /** Where a new entry goes: from its title, never from the client. */
  private newPath(collection: CollectionName, data: Record<string, unknown>): string {
    const title = typeof data.title === 'string' ? data.title : '';
    const id = slugify(title);
    if (!id)
      throw new HttpError(422, 'title is required', [
        { file: '(new)', field: 'title', message: 'a title is required to name the file', severity: 'error' },
      ]);
    if (collection === 'articles') {
      const lang = data.lang === 'en' ? 'en' : 'de';
      return `articles/${lang}/${id}.mdx`;
    }
    return `training/${id}.mdx`;
  }

  /** The text the save would write, with its problems. */
  candidate(req: { collection: CollectionName; path?: string; data: unknown; body?: string }) {
    let path = req.path;
    let base: string;
    if (path) {
      assertEditablePath(path, req.collection);
      const file = join(this.root, path);
      if (!existsSync(file)) throw new HttpError(404, `no file ${path}`);
      base = readFileSync(file, 'utf8');
    } else {
      if (typeof req.data !== 'object' || req.data === null) throw new HttpError(400, 'data must be an object');
      path = this.newPath(req.collection, req.data as Record<string, unknown>);
      base = scaffoldSource(req.collection, req.data as Record<string, unknown>);
    }
    const text =
      req.collection === 'categories'
        ? patchYaml(base, req.data)
        : writeEntry(base, { data: req.data as Record<string, unknown>, body: typeof req.body === 'string' ? req.body : '' });
    const problems = validateCandidate(path, path, text, this.index);
    return { path, text, problems, isNew: !req.path };
  }

  /** Validates and writes; refuses invalid files, stale edits and overwriting another file. */
  save(req: { collection: CollectionName; path?: string; data: unknown; body?: string; hash?: string }) {
    const c = this.candidate(req);
    if (c.problems.length) throw new HttpError(422, `${c.path}: ${c.problems.length} problem(s); not saved`, c.problems);
    const file = join(this.root, c.path);
    if (c.isNew && existsSync(file)) {
      throw new HttpError(409, `${c.path} exists already`, [
        { file: c.path, field: 'title', message: `another entry has this file name (${c.path}); choose another title`, severity: 'error' },
      ]);
    }
    if (!c.isNew && req.hash && sha(readFileSync(file, 'utf8')) !== req.hash) {
      throw new HttpError(409, `${c.path} changed on disk since it was opened; reload it`);
    }
    const unchanged = !c.isNew && readFileSync(file, 'utf8') === c.text;
    if (!unchanged) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, c.text, c.isNew ? { flag: 'wx' } : {});
    }
    this.afterWrite(c.path, c.text);
    const commit = unchanged ? null : this.commit(c.path, c.isNew);
    return { path: c.path, hash: sha(c.text), changed: !unchanged, commit };
  }

  private afterWrite(path: string, text: string): void {
    const collection = assertEditablePath(path);
    if (collection === 'categories') {
      this.index.categoryIds = new Set((readYamlData(text) as { id: string }[]).map((c) => c.id));
      return;
    }
    this.summarise(path);
    if (collection === 'articles') {
      // Only the saved file is parsed again, not the whole KB.
      const id = basename(path, '.mdx');
      const parsed = parseEntryWith(path, text, articleSchema);
      this.index.articles = this.index.articles.filter((x) => x.id !== id);
      if (parsed.ok) {
        this.index.articles.push({ id, file: path, data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine });
        for (const t of parsed.data.tags) this.tags.add(t);
      }
    }
  }

  /** `git add` + `git commit` of exactly this file; returns the commit id, or null outside a work tree. */
  private commit(path: string, isNew: boolean): { id: string } | { error: string } | null {
    if (this.o.commit === false) return null;
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: this.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    try {
      git('rev-parse', '--is-inside-work-tree');
    } catch {
      return null;
    }
    try {
      git('add', '--', path);
      git('commit', '-m', `${isNew ? 'Add' : 'Update'} ${path} (editor)`, '--', path);
      return { id: git('rev-parse', 'HEAD') };
    } catch (e) {
      return { error: ((e as { stderr?: string }).stderr || (e as Error).message).trim().split('\n')[0]! };
    }
  }

  /** Stores a preview of an unsaved body; GET /preview/<id> renders it with the site's stylesheet. */
  preview(title: string, summary: string, body: string, locale: Locale): string {
    const id = String(++this.previewSeq);
    const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    // MDX components (<Internal>, <DecisionTree>) are shown as written; the preview's CSP and the
    // iframe sandbox run no script whatever the body contains.
    const html = marked.parse(body, { async: false });
    const page = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/site.css"></head><body><main class="container page"><article><header class="article-header"><h1>${esc(title)}</h1><p class="summary">${esc(summary)}</p></header><div class="prose">${html}</div></article></main></body></html>`;
    this.previews.set(id, page);
    if (this.previews.size > 20) this.previews.delete(this.previews.keys().next().value!);
    return id;
  }

  previewPage(id: string): string | undefined {
    return this.previews.get(id);
  }
}

/** The template source a new entry is patched into (the `kb new` scaffold in its language). */
function scaffoldSource(collection: CollectionName, data: Record<string, unknown>): string {
  if (collection === 'categories') throw new HttpError(400, 'categories are edited in categories.yaml');
  const s = scaffold({
    kind: collection === 'articles' ? 'article' : 'training',
    title: typeof data.title === 'string' && data.title ? data.title : 'x',
    owner: 'owner',
    lang: data.lang === 'en' ? 'en' : 'de',
    category: 'x',
    team: Object.keys(config.teams)[0]!,
    today: new Date(),
  });
  return s.content;
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const PREVIEW_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'";

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 5_000_000) throw new HttpError(413, 'request too large');
    chunks.push(c as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch {
    throw new HttpError(400, 'expected a JSON object');
  }
}

const COLLECTION_NAMES = new Set(['articles', 'training', 'categories']);
function collectionParam(v: unknown): CollectionName {
  if (typeof v !== 'string' || !COLLECTION_NAMES.has(v)) throw new HttpError(400, `unknown collection ${JSON.stringify(v)}`);
  return v as CollectionName;
}
const localeParam = (v: unknown): Locale => (v === 'en' ? 'en' : 'de');

/** The editor's static files: the page, its script (TypeScript, types stripped) and the styles. */
function assets(projectRoot: string) {
  const dir = join(projectRoot, 'src/editor');
  return {
    page: () => readFileSync(join(dir, 'index.html'), 'utf8'),
    script: () => stripTypeScriptTypes(readFileSync(join(dir, 'editor.ts'), 'utf8')),
    css: () => readFileSync(join(dir, 'editor.css'), 'utf8'),
    siteCss: () => readFileSync(join(projectRoot, 'src/styles/global.css'), 'utf8'),
  };
}

export function createEditorServer(o: EditorServerOptions): { server: Server; backend: EditorBackend } {
  const backend = new EditorBackend(o);
  const files = assets(o.projectRoot);
  const send = (res: ServerResponse, status: number, type: string, body: string, csp = CSP) => {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      // Only this computer's own address: a web page whose domain was re-pointed to 127.0.0.1
      // (DNS rebinding) gets no answer.
      if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(req.headers.host ?? '')) throw new HttpError(421, 'unexpected Host header');
      // Only same-origin writes: a page on another site cannot drive the local editor.
      if (req.method === 'POST') {
        const origin = req.headers.origin;
        if (origin && origin !== `http://${req.headers.host}`) throw new HttpError(403, 'cross-origin request refused');
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
          throw new HttpError(415, 'expected application/json');
      }
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case 'GET /':
          return send(res, 200, 'text/html; charset=utf-8', files.page());
        case 'GET /editor.js':
          return send(res, 200, 'text/javascript; charset=utf-8', files.script());
        case 'GET /editor.css':
          return send(res, 200, 'text/css; charset=utf-8', files.css());
        case 'GET /favicon.ico':
          res.writeHead(204).end();
          return;
        case 'GET /site.css':
          return send(res, 200, 'text/css; charset=utf-8', files.siteCss());
        case 'GET /api/config':
          return json(res, 200, backend.config(localeParam(url.searchParams.get('lang'))));
        case 'GET /api/entries':
          return json(res, 200, { entries: backend.list(), trees: backend.treeList() });
        case 'GET /api/entry':
          return json(res, 200, backend.read(url.searchParams.get('path') ?? ''));
        case 'GET /api/tree':
          return json(res, 200, backend.tree(url.searchParams.get('id') ?? ''));
        case 'GET /api/template':
          return json(
            res,
            200,
            backend.template(collectionParam(url.searchParams.get('collection')), localeParam(url.searchParams.get('lang')), ''),
          );
        case 'POST /api/validate': {
          const b = await readJson(req);
          const c = backend.candidate({
            collection: collectionParam(b.collection),
            path: typeof b.path === 'string' ? b.path : undefined,
            data: b.data,
            body: typeof b.body === 'string' ? b.body : undefined,
          } as never);
          return json(res, 200, { path: c.path, problems: c.problems });
        }
        case 'POST /api/save': {
          const b = await readJson(req);
          const r = backend.save({
            collection: collectionParam(b.collection),
            path: typeof b.path === 'string' ? b.path : undefined,
            data: b.data,
            body: typeof b.body === 'string' ? b.body : undefined,
            hash: typeof b.hash === 'string' ? b.hash : undefined,
          } as never);
          return json(res, 200, r);
        }
        case 'POST /api/preview': {
          const b = await readJson(req);
          const s = (v: unknown) => (typeof v === 'string' ? v : '');
          return json(res, 200, { url: `/preview/${backend.preview(s(b.title), s(b.summary), s(b.body), localeParam(b.lang))}` });
        }
        default: {
          const m = /^\/preview\/(\d+)$/.exec(url.pathname);
          const page = m && req.method === 'GET' ? backend.previewPage(m[1]!) : undefined;
          if (page) return send(res, 200, 'text/html; charset=utf-8', page, PREVIEW_CSP);
          throw new HttpError(404, 'not found');
        }
      }
    } catch (e) {
      if (e instanceof HttpError) return json(res, e.status, { error: e.message, problems: e.problems ?? [] });
      const message = (e as Error).message;
      return json(res, message.startsWith('not an editable content path') ? 400 : 500, { error: message, problems: [] });
    }
  });
  return { server, backend };
}
