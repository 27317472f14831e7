/**
 * The browser editor: forms generated from the field model that the server derives from the zod
 * schemas (src/lib/editor/fields.ts), the body as Markdown source in a plain textarea, validation
 * in the browser from the schema's limits and on the server with the build's checks, and a
 * preview in the site's stylesheet. Self-contained (no imports): served with its types stripped.
 * All text from content and the server goes into the page as text, never as HTML.
 */

export {};

type Collection = 'articles' | 'training' | 'categories';
interface Field {
  kind: 'string' | 'select' | 'number' | 'date' | 'datetime' | 'list' | 'object' | 'variant';
  name: string;
  path: string;
  required: boolean;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: 'uri' | 'email';
  multiline?: boolean;
  options?: string[];
  source?: 'categories' | 'articles' | 'trees' | 'tags';
  integer?: boolean;
  minimum?: number;
  exclusiveMinimum?: number;
  item?: Field;
  minItems?: number;
  fields?: Field[];
  variants?: Field[];
}
interface Problem {
  field: string;
  message: string;
  line?: number;
}
interface Entry {
  path: string;
  collection: Collection;
  id: string;
  title: string;
  lang?: string;
  confidence?: string;
  type?: string;
  url?: string;
}
interface Config {
  fields: Record<Collection, Field[]>;
  choices: Record<'categories' | 'articles' | 'trees' | 'tags', string[]>;
  strings: { ui: Record<string, string>; fields: Record<string, string>; values: Record<string, string> };
  locale: 'de' | 'en';
}
/** A rendered form control: reads its current value back. */
interface Control {
  get(): unknown;
}

const locale: 'de' | 'en' = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'de';
let cfg: Config;
let entries: Entry[] = [];
let trees: { id: string; title: string; lang: string; url: string }[] = [];
let view: Collection | 'drafts' | 'trees' = 'articles';
let filter = '';
/** The open entry. */
let current: { collection: Collection; path?: string; hash?: string; root: Control; body?: HTMLTextAreaElement } | null = null;
/** Controls by concrete data path (`sessions.1.room`), for messages next to the field. */
let slots = new Map<string, { input: HTMLElement; error: HTMLElement }>();
let uid = 0;

const ui = (k: string, vars: Record<string, string> = {}) =>
  (cfg.strings.ui[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => vars[n] ?? '');
const label = (name: string) => cfg.strings.fields[name] ?? name;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) el.append(c);
  return el;
}

async function api<T>(path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(
    path,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  return { status: res.status, data: (await res.json()) as T };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An untouched field that was absent stays absent: no `tags: []`, no `status: planned` added. */
function keepAbsent(field: Field, orig: unknown, value: unknown): unknown {
  if (orig !== undefined) return value;
  if (value === undefined) return undefined;
  if ((Array.isArray(value) && value.length === 0) || (isObj(value) && Object.keys(value).length === 0)) return undefined;
  if ('default' in field && same(field.default, value)) return undefined;
  return value;
}

function slot(path: string, input: HTMLElement, wrapper: HTMLElement): void {
  const error = h('p', { class: 'ed-error', id: `err-${++uid}`, hidden: true });
  wrapper.append(error);
  input.setAttribute('aria-describedby', error.id);
  input.dataset.path = path;
  slots.set(path, { input, error });
}

function choicesFor(field: Field): string[] {
  return field.source ? cfg.choices[field.source] : (field.options ?? []);
}

function datalist(source: string): string {
  const id = `dl-${source}`;
  if (!document.getElementById(id)) {
    const dl = h('datalist', { id });
    for (const v of cfg.choices[source as keyof Config['choices']]) dl.append(h('option', { value: v }));
    document.body.append(dl);
  }
  return id;
}

function optionLabel(field: Field, v: string): string {
  return cfg.strings.values[`${field.name}.${v}`] ? `${cfg.strings.values[`${field.name}.${v}`]} (${v})` : v;
}

/** Renders `field` with value `orig` at data path `path` into `parent`. */
function render(field: Field, orig: unknown, path: string, parent: HTMLElement, name = label(field.name)): Control {
  const id = `f-${++uid}`;
  const req = field.required;
  if (field.kind === 'object' || field.kind === 'variant' || field.kind === 'list') {
    const fs = h(
      'fieldset',
      { class: `ed-group ed-${field.kind}` },
      h('legend', { text: name + (req && field.kind !== 'list' ? ' *' : '') }),
    );
    parent.append(fs);
    if (field.kind === 'object') {
      const o = isObj(orig) ? orig : {};
      const parts = (field.fields ?? []).map((f) => ({ f, c: render(f, o[f.name], path ? `${path}.${f.name}` : f.name, fs) }));
      slot(path, fs, fs);
      return {
        get() {
          const out: Record<string, unknown> = {};
          for (const { f, c } of parts) {
            const v = keepAbsent(f, o[f.name], c.get());
            if (v !== undefined) out[f.name] = v;
          }
          return keepAbsent(field, orig, out);
        },
      };
    }
    if (field.kind === 'variant') {
      const variants = field.variants ?? [];
      const keys = variants.map((v) => v.fields?.[0]?.name ?? '');
      const o = isObj(orig) ? orig : {};
      const initial = Math.max(
        0,
        keys.findIndex((k) => k in o),
      );
      const select = h('select', { id });
      keys.forEach((k, i) => select.append(h('option', { value: String(i), text: label(k), selected: i === initial })));
      fs.append(h('label', { for: id, text: ui('variant') }), select);
      const holder = h('div');
      fs.append(holder);
      let inner: Control;
      const draw = (i: number) => {
        holder.replaceChildren();
        inner = render(variants[i]!.fields![0]!, o[keys[i]!], `${path}.${keys[i]}`, holder);
      };
      draw(initial);
      select.addEventListener('change', () => draw(Number(select.value)));
      slot(path, select, fs);
      return { get: () => ({ [keys[Number(select.value)]!]: inner.get() }) };
    }
    // list
    const item = field.item!;
    const list = h('div', { class: 'ed-items' });
    fs.append(list);
    let items: { c: Control; orig: unknown }[] = [];
    const values = Array.isArray(orig) ? orig : orig === undefined ? [] : [orig];
    const draw = (vals: unknown[], origs: unknown[]) => {
      list.replaceChildren();
      items = vals.map((v, i) => {
        const row = h('div', { class: 'ed-item' });
        list.append(row);
        const c = render(item, v, path ? `${path}.${i}` : String(i), row, `${label(field.name)} ${i + 1}`);
        const actions = h('div', { class: 'ed-actions' });
        if (field.name === 'sessions') {
          const cancel = h('button', { type: 'button', class: 'button secondary', text: ui('cancelSession') });
          cancel.addEventListener('click', () => {
            const status = row.querySelector<HTMLSelectElement>('select[data-name="status"]');
            if (status) status.value = 'cancelled';
            row.append(h('p', { class: 'ed-note', role: 'status', text: ui('sessionCancelled') }));
          });
          actions.append(cancel);
        }
        const remove = h('button', { type: 'button', class: 'button secondary', text: `${ui('remove')}: ${label(field.name)} ${i + 1}` });
        remove.addEventListener('click', () => {
          const cur = items.map((x) => x.c.get());
          const os = items.map((x) => x.orig);
          cur.splice(i, 1);
          os.splice(i, 1);
          draw(cur, os);
        });
        actions.append(remove);
        row.append(actions);
        return { c, orig: origs[i] };
      });
    };
    draw(values, values);
    const add = h('button', {
      type: 'button',
      class: 'button secondary',
      text: field.name === 'sessions' ? ui('addSession') : `${ui('add')}: ${label(field.name)}`,
    });
    add.addEventListener('click', () => {
      const cur = items.map((x) => x.c.get());
      const os = items.map((x) => x.orig);
      cur.push(item.kind === 'object' ? {} : undefined);
      os.push(undefined);
      draw(cur, os);
      list.lastElementChild?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    });
    fs.append(add);
    slot(path, add, fs);
    return {
      get() {
        const vals = items.map((x) => x.c.get()).filter((v) => v !== undefined);
        // `os: "Windows 11"` stays a string when it still is one value.
        if (typeof orig === 'string' && vals.length === 1 && vals[0] === orig) return orig;
        return keepAbsent(field, orig, vals);
      },
    };
  }

  const wrap = h('div', { class: 'ed-field' });
  parent.append(wrap);
  wrap.append(h('label', { for: id, text: name + (req ? ' *' : '') }));
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  const str = orig === undefined || orig === null ? '' : String(orig);
  if (field.kind === 'select') {
    const sel = h('select', { id, required: req });
    const choices = choicesFor(field);
    sel.append(h('option', { value: '', text: ui('choose') }));
    for (const v of choices) sel.append(h('option', { value: v, text: optionLabel(field, v) }));
    if (str && !choices.includes(str)) sel.append(h('option', { value: str, text: str }));
    sel.value = str || (typeof field.default === 'string' && orig === undefined ? '' : str);
    input = sel;
  } else if (field.kind === 'string' && field.multiline) {
    input = h('textarea', { id, rows: '3', required: req });
    input.value = str;
  } else {
    const type =
      field.kind === 'number'
        ? 'number'
        : field.kind === 'date'
          ? 'date'
          : field.kind === 'datetime'
            ? 'datetime-local'
            : field.format === 'uri'
              ? 'url'
              : field.format === 'email'
                ? 'email'
                : 'text';
    const el = h('input', { id, type, required: req });
    if (field.source) el.setAttribute('list', datalist(field.source));
    if (field.kind === 'number') {
      el.step = field.integer ? '1' : 'any';
      if (field.minimum !== undefined) el.min = String(field.minimum);
      if (field.exclusiveMinimum !== undefined) el.min = String(field.exclusiveMinimum + (field.integer ? 1 : 0));
    }
    el.value = field.kind === 'date' ? str.slice(0, 10) : str;
    input = el;
  }
  if (field.kind === 'string' || (field.kind === 'select' && field.source)) {
    if (field.minLength) input.setAttribute('minlength', String(field.minLength));
    if (field.maxLength) input.setAttribute('maxlength', String(field.maxLength));
    if (field.pattern && input instanceof HTMLInputElement) input.pattern = field.pattern.replace(/^\^|\$$/g, '');
  }
  if (field.default !== undefined && orig === undefined && field.kind !== 'select')
    input.setAttribute('placeholder', String(field.default));
  input.dataset.name = field.name;
  wrap.append(input);
  slot(path, input, wrap);
  return {
    get() {
      const v = input.value;
      if (v === '') return orig === '' ? '' : undefined;
      if (field.kind === 'number') return Number(v);
      // A value the file wrote as a number or date stays as written when unchanged.
      if (orig !== undefined && String(orig) === v) return orig;
      return v;
    },
  };
}

function clearErrors(): void {
  for (const { input, error } of slots.values()) {
    error.hidden = true;
    error.textContent = '';
    input.removeAttribute('aria-invalid');
  }
  document.getElementById('ed-summary')?.replaceChildren();
}

/** Shows each problem next to its field (or the body), and all of them in the summary. */
function showProblems(problems: Problem[]): void {
  clearErrors();
  const summary = document.getElementById('ed-summary')!;
  const list = h('ul');
  let first: HTMLElement | null = null;
  for (const p of problems) {
    let target = slots.get(p.field);
    if (!target && (p.field.startsWith('## ') || p.field.startsWith('<'))) target = slots.get('body');
    if (!target) {
      // `environment.os` for `environment.os.0` and the like: the nearest control.
      const parts = p.field.split('.');
      while (!target && parts.length > 1) {
        parts.pop();
        target = slots.get(parts.join('.'));
      }
    }
    const text = `${p.field}: ${p.message}${p.line ? ` (${p.line})` : ''}`;
    if (target) {
      target.error.hidden = false;
      target.error.textContent = target.error.textContent ? `${target.error.textContent} ${p.message}` : p.message;
      target.input.setAttribute('aria-invalid', 'true');
      first ??= target.input;
    }
    list.append(h('li', { text }));
  }
  summary.append(h('p', { text: ui('notSaved') }), list);
  first?.focus();
}

/** Browser-side checks from the schema's limits (required, length, pattern, type). */
function checkControls(): Problem[] {
  const problems: Problem[] = [];
  for (const [path, { input }] of slots) {
    if (
      (input instanceof HTMLInputElement || input instanceof HTMLSelectElement || input instanceof HTMLTextAreaElement) &&
      !input.checkValidity()
    ) {
      problems.push({ field: path, message: input.validationMessage || ui('invalidField') });
    }
  }
  return problems;
}

function payload() {
  const c = current!;
  return { collection: c.collection, path: c.path, data: c.root.get() ?? {}, body: c.body?.value ?? '', hash: c.hash };
}

function status(text: string): void {
  document.getElementById('ed-status')!.textContent = text;
}

async function save(): Promise<void> {
  status('');
  const local = checkControls();
  if (local.length) return showProblems(local);
  const r = await api<{
    path: string;
    hash: string;
    changed: boolean;
    commit: { id: string } | { error: string } | null;
    error?: string;
    problems?: Problem[];
  }>('/api/save', payload());
  if (r.status !== 200) {
    if (r.data.problems?.length) showProblems(r.data.problems);
    else {
      clearErrors();
      document
        .getElementById('ed-summary')!
        .append(h('p', { text: r.status === 409 ? ui('conflict') : (r.data.error ?? String(r.status)) }));
    }
    return;
  }
  clearErrors();
  const wasNew = !current!.path;
  current!.path = r.data.path;
  current!.hash = r.data.hash;
  const commit = r.data.commit && 'id' in r.data.commit ? r.data.commit.id.slice(0, 8) : '';
  const commitError = r.data.commit && 'error' in r.data.commit ? ` (git: ${r.data.commit.error})` : '';
  status(
    !r.data.changed
      ? ui('unchanged', { path: r.data.path })
      : commit
        ? ui('savedCommit', { path: r.data.path, commit })
        : ui('saved', { path: r.data.path }) + commitError,
  );
  await loadEntries();
  if (wasNew) await open(r.data.path, true);
}

async function preview(): Promise<void> {
  const p = payload();
  const data = isObj(p.data) ? p.data : {};
  const r = await api<{ url: string }>('/api/preview', {
    title: data.title ?? '',
    summary: data.summary ?? '',
    body: p.body,
    lang: data.lang ?? locale,
  });
  const frame = document.getElementById('ed-preview') as HTMLIFrameElement | null;
  if (frame) frame.src = r.data.url;
}

function editorView(
  collection: Collection,
  data: unknown,
  body: string | null,
  heading: string,
  path?: string,
  hash?: string,
  keepStatus = false,
): void {
  const main = document.getElementById('editor-main')!;
  const statusText = keepStatus ? (document.getElementById('ed-status')?.textContent ?? '') : '';
  slots = new Map();
  const form = h('form', { class: 'ed-form', novalidate: true, 'aria-labelledby': 'ed-heading' });
  const entry = entries.find((e) => e.path === path);
  const head = h(
    'div',
    { class: 'ed-head' },
    h('h1', { id: 'ed-heading', text: heading }),
    h('p', { class: 'ed-path', text: path ?? ui('newEntry') }),
  );
  if (entry?.url) head.append(h('a', { href: entry.url, text: ui('openPage'), target: '_blank', rel: 'noopener' }));
  const fieldsBox = h('div', { class: 'ed-fields' });
  const root: Field =
    collection === 'categories'
      ? {
          kind: 'list',
          name: 'categories',
          path: '',
          required: true,
          item: { kind: 'object', name: '', path: '', required: true, fields: cfg.fields.categories },
        }
      : { kind: 'object', name: '', path: '', required: true, fields: cfg.fields[collection] };
  const rootControl =
    collection === 'categories' ? render(root, data, '', fieldsBox, label('label')) : render(root, data, '', fieldsBox, heading);
  // The entry's own group: its heading is the page's h1 already, so the legend is for screen readers only.
  fieldsBox.firstElementChild?.classList.add('ed-root');
  let bodyEl: HTMLTextAreaElement | undefined;
  const cols = h('div', { class: 'ed-columns' }, fieldsBox);
  if (body !== null) {
    const bodyWrap = h('div', { class: 'ed-field ed-body' });
    bodyEl = h('textarea', { id: 'field-body', rows: '24', spellcheck: 'true', class: 'ed-source' });
    bodyEl.value = body;
    bodyWrap.append(h('label', { for: 'field-body', text: ui('body') }), h('p', { class: 'ed-hint', text: ui('bodyHint') }), bodyEl);
    slot('body', bodyEl, bodyWrap);
    fieldsBox.append(bodyWrap);
    const pv = h(
      'section',
      { class: 'ed-preview', 'aria-labelledby': 'ed-preview-h' },
      h('h2', { id: 'ed-preview-h', text: ui('previewTitle') }),
    );
    const pvButton = h('button', { type: 'button', class: 'button secondary', text: ui('preview') });
    pvButton.addEventListener('click', () => void preview());
    pv.append(pvButton, h('iframe', { id: 'ed-preview', title: ui('previewTitle'), sandbox: 'allow-same-origin' }));
    cols.append(pv);
  }
  const bar = h(
    'div',
    { class: 'ed-bar' },
    h('button', { type: 'submit', class: 'button', text: ui('save') }),
    h('p', { id: 'ed-status', role: 'status', text: statusText }),
  );
  form.append(head, h('div', { id: 'ed-summary', role: 'alert', class: 'ed-summary' }), cols, bar);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });
  main.replaceChildren(form);
  const c: { collection: Collection; path?: string; hash?: string; root: Control; body?: HTMLTextAreaElement } = {
    collection,
    root: rootControl,
  };
  if (path) c.path = path;
  if (hash) c.hash = hash;
  if (bodyEl) c.body = bodyEl;
  current = c;
  // On phones the form is below the list: bring it into view.
  if (!keepStatus) main.focus({ preventScroll: false });
  if (body !== null) void preview();
}

async function open(path: string, keepStatus = false): Promise<void> {
  const r = await api<{ collection: Collection; data: unknown; body: string; hash: string; error?: string }>(
    `/api/entry?path=${encodeURIComponent(path)}`,
  );
  if (r.status !== 200) {
    document
      .getElementById('editor-main')!
      .replaceChildren(h('p', { class: 'ed-error', role: 'alert', text: r.data.error ?? String(r.status) }));
    return;
  }
  const e = entries.find((x) => x.path === path);
  editorView(
    r.data.collection,
    r.data.data,
    r.data.collection === 'categories' ? null : r.data.body,
    e?.title ?? path,
    path,
    r.data.hash,
    keepStatus,
  );
}

async function create(collection: 'articles' | 'training', lang: string): Promise<void> {
  const r = await api<{ data: Record<string, unknown>; body: string }>(`/api/template?collection=${collection}&lang=${lang}`);
  editorView(collection, r.data.data, r.data.body, ui(collection === 'articles' ? 'newArticle' : 'newTraining'));
}

async function showTree(id: string): Promise<void> {
  const r = await api<{ id: string; source: string; url: string }>(`/api/tree?id=${encodeURIComponent(id)}`);
  current = null;
  const t = trees.find((x) => x.id === id);
  document
    .getElementById('editor-main')!
    .replaceChildren(
      h('h1', { text: t?.title ?? id }),
      h('p', { class: 'ed-note', text: ui('readOnly') }),
      h('p', {}, h('a', { href: r.data.url, target: '_blank', rel: 'noopener', text: ui('openFlowchart') })),
      h('pre', { class: 'ed-source', tabindex: '0', 'aria-label': t?.title ?? id, text: r.data.source }),
    );
}

async function loadEntries(): Promise<void> {
  const r = await api<{ entries: Entry[]; trees: typeof trees }>('/api/entries');
  entries = r.data.entries;
  trees = r.data.trees;
  drawNav();
}

function drawNav(): void {
  const nav = document.getElementById('ed-nav')!;
  const tabs = h('div', { class: 'ed-tabs' });
  const views: [typeof view, string, number][] = [
    ['articles', ui('articles'), entries.filter((e) => e.collection === 'articles').length],
    ['drafts', ui('drafts'), entries.filter((e) => e.confidence === 'wip').length],
    ['training', ui('training'), entries.filter((e) => e.collection === 'training').length],
    ['categories', ui('categories'), 1],
    ['trees', ui('trees'), trees.length],
  ];
  for (const [v, text, n] of views) {
    const b = h('button', { type: 'button', class: 'ed-tab', 'aria-pressed': String(view === v), text: `${text} (${n})` });
    b.addEventListener('click', () => {
      view = v;
      drawNav();
    });
    tabs.append(b);
  }
  const newBox = h('div', { class: 'ed-new' });
  const langSel = h('select', { id: 'ed-new-lang', 'aria-label': ui('language') });
  for (const l of ['de', 'en']) langSel.append(h('option', { value: l, text: l, selected: l === locale }));
  const na = h('button', { type: 'button', class: 'button', text: ui('newArticle') });
  na.addEventListener('click', () => void create('articles', langSel.value));
  const nt = h('button', { type: 'button', class: 'button secondary', text: ui('newTraining') });
  nt.addEventListener('click', () => void create('training', langSel.value));
  newBox.append(langSel, na, nt);
  const search = h('input', { type: 'search', id: 'ed-filter', value: filter, 'aria-label': ui('filter'), placeholder: ui('filter') });
  search.addEventListener('input', () => {
    filter = search.value;
    drawList(listBox);
  });
  const listBox = h('div', { class: 'ed-entries' });
  nav.replaceChildren(h('p', { class: 'ed-brand', text: ui('title') }), newBox, tabs, search, listBox);
  drawList(listBox);
}

function drawList(box: HTMLElement): void {
  const q = filter.trim().toLowerCase();
  const ul = h('ul');
  if (view === 'trees') {
    for (const t of trees.filter((t) => !q || t.title.toLowerCase().includes(q) || t.id.includes(q))) {
      const b = h('button', { type: 'button', class: 'ed-entry', text: t.title });
      b.addEventListener('click', () => void showTree(t.id));
      ul.append(h('li', {}, b));
    }
  } else {
    const shown = entries
      .filter((e) => (view === 'drafts' ? e.confidence === 'wip' : e.collection === view))
      .filter((e) => !q || e.title.toLowerCase().includes(q) || e.path.includes(q));
    // Long lists show their first 200 matches; the filter finds the rest.
    for (const e of shown.slice(0, 200)) {
      const b = h(
        'button',
        { type: 'button', class: 'ed-entry' },
        h('span', { text: e.title }),
        h('small', { text: [e.lang, e.confidence && cfg.strings.values[`confidence.${e.confidence}`]].filter(Boolean).join(' · ') }),
      );
      b.addEventListener('click', () => void open(e.path));
      ul.append(h('li', {}, b));
    }
  }
  const lead = view === 'drafts' ? h('p', { class: 'ed-hint', text: ui('draftsLead') }) : '';
  box.replaceChildren(lead, ul.childElementCount ? ul : h('p', { text: ui('empty') }));
}

async function start(): Promise<void> {
  document.documentElement.lang = locale;
  cfg = (await api<Config>(`/api/config?lang=${locale}`)).data;
  document.title = `${ui('title')} – Support KB`;
  document.getElementById('ed-nav')!.setAttribute('aria-label', ui('nav'));
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = ui('skipLink');
  await loadEntries();
  document
    .getElementById('editor-main')!
    .replaceChildren(h('h1', { text: ui('title') }), h('p', { text: ui('lead') }), h('p', { text: ui('selectEntry') }));
}

void start();
