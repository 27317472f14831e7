/**
 * Personal data and secrets out of ticket text, German and English. Pure functions, no I/O.
 *
 * Three layers, applied in this order to every string before it is written anywhere:
 * 1. secrets and identifiers with a recognisable shape (tokens, keys, IBANs, phones, e-mail/UPN,
 *    logon names, employee numbers, passwords in sentences);
 * 2. names from the person fields of the whole export (caller, assignee, commenters, senders) in
 *    every written form: "First Last", "Last, First", "Last First", initials, with titles, any
 *    case, with or without umlauts/diacritics (Müller = Mueller, Chloé = Chloe), NFC/NFD;
 * 3. names found by their context: greetings, sign-offs, "reported by", "my manager is",
 *    "im Auftrag von", quoted mail headers (Von/An/Cc, From/To/Cc), signature lines, titles
 *    ("Frau", "Herr", "Mr", "Dr.") and "Name via Servicedesk" senders. Names learnt this way are
 *    redacted everywhere else in the export too.
 *
 * Kept on purpose (second level needs them): host names, IP addresses, error codes, product names,
 * versions, paths, registry keys, ticket/KB/SAP-note numbers, dates.
 *
 * The hand-written rules won against `compromise` (an NLP person tagger) on the privacy benchmark:
 * see README "Escalation import" and `npm run bench -- privacy --compare compromise`.
 */

export const PLACEHOLDER = {
  birth: '[Geburtsdatum]',
  email: '[E-Mail]',
  phone: '[Telefon]',
  name: '[Name]',
  secret: '[Geheimnis]',
  id: '[Kennung]',
  iban: '[IBAN]',
} as const;

/** Zero-width and bidirectional control characters (and the soft hyphen): never wanted in written text. */
export const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/**
 * NFC, invisible characters removed, and U+FFFD (a character a broken export already lost) dropped
 * so no written file carries one. Everything the importer reads goes through this first.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\uFFFD/g, '');
}

/** E-mail addresses and UPNs. Shared with the content lint. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Phone numbers, international or national, with at least seven digits (not `-4444` extensions). Shared with the lint. */
export const PHONE_PATTERN = /(?<![\w/.:-])(?:\+\d{1,3}[\s/-]?\(?\d{1,5}\)?|\(?0\d{1,5}\)?)[\s/-]?\d[\d\s/-]{4,}\d(?!\w)(?![.:]\d)/g;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// 1. Shapes -------------------------------------------------------------------------------------

const IBAN_COUNTRIES =
  'AD|AE|AL|AT|AZ|BA|BE|BG|BH|BR|BY|CH|CR|CY|CZ|DE|DK|DO|EE|EG|ES|FI|FO|FR|GB|GE|GI|GL|GR|GT|HR|HU|IE|IL|IQ|IS|IT|JO|KW|KZ|LB|LC|LI|LT|LU|LV|MC|MD|ME|MK|MR|MT|MU|NL|NO|PK|PL|PS|PT|QA|RO|RS|SA|SC|SE|SI|SK|SM|ST|SV|TL|TN|TR|UA|VA|VG|XK';
/** IBAN in any spacing: country, two check digits, 11–30 more characters in groups or compact. */
const IBAN = new RegExp(`\\b(?:${IBAN_COUNTRIES})\\d{2}(?:[ \\u00A0-]?[0-9A-Z]){11,30}(?![0-9A-Za-z])`, 'g');

/** Words after "password is" that describe the password instead of being it. */
const NOT_A_PASSWORD = new Set(
  (
    'abgelaufen expired falsch wrong incorrect korrekt correct richtig gesperrt locked required erforderlich nicht not kein keine no none ' +
    'ungültig invalid too zu being valid gültig changed geändert reset zurückgesetzt set gesetzt leer empty the das der die den dem ein eine a an ' +
    'unbekannt unknown vergessen forgotten bekannt known ok okay weiterhin still noch immer always also auch sicher secure schwach weak stark strong ' +
    'erneut again mehr more nun now jetzt per via für for in im am auf to of und and oder or beim bei when wenn als after nach neu new des'
  ).split(' '),
);

const PASSWORD_WORD = String.raw`(?:(?:initial|start|einmal|standard|default|temporär(?:e[snr]?)?\s+|neue[snr]?\s+|new\s+|one-time\s+|temporary\s+|initial\s+|wlan-?|wifi-?|wi-fi\s+|test-?)?(?:passwor[dt]|kennwort|passphrase|passwd|pwd|pw|pin|zugangscode|access\s+code|secret|geheimnis|client[-_ ]?secret|api[-_ ]?key|token)|(?:wlan|wifi|wpa2?|netzwerk)-?(?:schlüssel|key)|psk|tap|temporary\s+access\s+pass|befristete[rn]?\s+zugriffspass|zugriffspass)`;
/** "Passwort: x", "password for the test account was x", "Das Passwort lautet x", "Initialpasswort x". */
const PASSWORD_IS = new RegExp(
  String.raw`\b(${PASSWORD_WORD})((?:\s+(?:for|für|of|des|der|vom|von|zum|the|den|das|dem|test|account|accounts|konto|kontos|testkonto|testaccount|testkontos|testaccounts|user|benutzer|benutzers|the|neue[nr]?|new|vpn|wlan|wifi|admin|lokale[nr]?|local|[\p{L}-]+konto[s]?|[\p{L}-]+account[s]?)){0,4})(\s*(?:(?:ist|is|was|war|lautet|lautete|heißt|wäre|would\s+be)\s*[:=]?|[:=]|->|→)\s*|\s+)("[^"\n]+"|„[^“\n]+“|'[^'\n]+'|»[^«\n]+«|[^\s,;]+)`,
  'giu',
);
/** "Passwort wurde auf x gesetzt", "password reset to x", "Kennwort auf x zurückgesetzt". */
const PASSWORD_SET = new RegExp(
  String.raw`\b((?:${PASSWORD_WORD})\b[^.\n]{0,60}?\b(?:auf|to|as|als)\s+)("[^"\n]+"|„[^“\n]+“|'[^'\n]+'|»[^«\n]+«|[^\s,;]+)(?=\s|$|[.,;])`,
  'gimu',
);

const trailingPunct = /[.,;:!?)]+$/;

function redactPasswords(t: string): string {
  t = t.replace(PASSWORD_IS, (m, key: string, words: string, sep: string, value: string) => {
    const bare = value.replace(/^["„'»]|["“'«]$/g, '').replace(trailingPunct, '');
    if (!bare || NOT_A_PASSWORD.has(bare.toLowerCase()) || bare.startsWith('[')) return m;
    // "Passwort ändern" / "password reset": no separator and a plain lowercase word is not a value.
    if (!sep.trim() && /^\p{Ll}+$/u.test(bare)) return m;
    // "password for PC-LON-3310 is not shown": after "for …" only "is/was/:" introduces the value.
    if (!sep.trim() && words.trim()) return m;
    if (!sep.trim() && /^\p{Lu}\p{Ll}+$/u.test(bare) && !/\d/.test(bare) && bare.length < 6) return m;
    const tail = /^["„'»]/.test(value) ? '' : value.slice(value.replace(trailingPunct, '').length);
    return `${key}${words}${sep || ' '}${PLACEHOLDER.secret}${/[.,;:!?)]$/.test(value) && tail ? tail.replace(/^[!?]+/, '') : ''}`;
  });
  t = t.replace(PASSWORD_SET, (m, head: string, value: string) => {
    const bare = value.replace(/^["„'»]|["“'«]$/g, '').replace(trailingPunct, '');
    if (!bare || NOT_A_PASSWORD.has(bare.toLowerCase()) || bare.startsWith('[')) return m;
    if (/^\p{Ll}+$/u.test(bare) && !/\d/.test(bare)) return m;
    // "Kennwortablauf auf 90 Tage gesetzt": a password has six characters and more than one kind of them.
    const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\d/, /[^\p{L}\d]/u].filter((re) => re.test(bare)).length;
    if (bare.length < 6 || kinds < 2) return m;
    return `${head}${PLACEHOLDER.secret}${/[.,;]$/.test(value) ? value.at(-1) : ''}`;
  });
  return t;
}

const EMPLOYEE_ID = new RegExp(
  String.raw`\b((?:employee|staff|personnel|mitarbeiter|personal)[\s-]*(?:id|no\.?|number|nr\.?|nummer|kennung)|personalnummer|personalnr\.?|pers\.?[\s-]*nr\.?|p-?nr\.?|ma-?nr\.?|mitarbeiternummer|mitarbeiter-id|emp\.?\s*id|badge\s*(?:id|no\.?)|ausweisnummer|ausweis-nr\.?)((?:\s+(?:is|ist|lautet|was|war))?\s*[:#.=]?\s*)([A-Z]{0,3}[-/]?\d{3,10})\b`,
  'giu',
);
/** Logon names after a clear label: "Benutzername tbecker", "Login: a.nowak", "sAMAccountName=jweiss". */
const LOGON_LABELLED = new RegExp(
  String.raw`\b(benutzername|benutzerkennung|anmeldename|anmeldekennung|login(?:[\s-]*name)?|logon(?:[\s-]*name)?|user\s*name|username|user\s*id|userid|samaccountname|windows-?kennung|ad-?kennung|ad-?account|ad-?konto|kennung|account|konto|user|benutzer|uid)(\s*(?:[:=]|ist|is|lautet)\s*|\s+)["'„]?([A-Za-z][A-Za-z0-9._-]{1,30}[A-Za-z0-9])\b["'“]?`,
  'giu',
);
/** `DOMAIN\user` (not paths, registry keys or UNC shares). */
const DOMAIN_USER =
  /(?<![\\\w:$%])(?!(?:HKLM|HKCU|HKCR|HKU|HKEY_[A-Z_]+|NT AUTHORITY|BUILTIN|SYSTEM32|WINDOWS)\\)([A-Z][A-Z0-9-]{1,14})\\([A-Za-z][A-Za-z0-9._-]{1,30})(?![\\\w])/g;
/** `(tbecker)`, `(t.becker)`, `(becker_t)`: a lowercase logon in brackets right after a name. */
const LOGON_IN_BRACKETS = /(\[Name\][ \t]*|(\p{Lu}\p{Ll}+)[ \t]+(\p{Lu}[\p{Ll}-]+)[ \t]*)\(([a-z][a-z0-9]*(?:[._-][a-z0-9]+)?\d*)\)/gu;

/** `(tbecker)` after `[Name]`, or after "Thomas Becker" when it is built from that name. */
function redactBracketLogons(t: string): string {
  return t.replace(LOGON_IN_BRACKETS, (m, before: string, first: string | undefined, last: string | undefined, logon: string) => {
    if (logon.length < 3 || logon.length > 24 || COMMON_LOWER.has(logon)) return m;
    if (first && last) {
      const l = foldName(logon).replace(/[._\d-]/g, '');
      const f = foldName(first);
      const s = foldName(last);
      if (!(l.includes(s) && (l.startsWith(f[0]!) || l.endsWith(f[0]!)))) return m;
    }
    return `${before}(${PLACEHOLDER.id})`;
  });
}

const PHONE_LABELLED = new RegExp(
  String.raw`\b(tel(?:efon)?|phone|mobil(?:e|telefon|nummer)?|handy(?:nummer)?|cell(?:phone)?|fax|durchwahl|rufnummer|telefonnummer|festnetz|ph|mob|tel\.-?nr|call\s+me\s+(?:at|on)|erreichbar\s+unter|zurückrufen\s+unter|rückruf\s+unter|callback(?:\s+number)?)(\.?\s*(?:[:.]|\bon\b|\bat\b|\bunter\b|\bno\.?|\bnr\.?)?\s*)(\+?\(?\d[\d\s()./-]{2,}\d)`,
  'giu',
);
const PHONE_INTL = /(?<![\w+])(?:\+|00)(?:[1-9]\d{0,2})[\s./-]{0,3}(?:\(0\))?[\s./-]{0,3}\(?\d{1,5}\)?(?:[\s./-]{0,3}\d){4,14}(?![\w])/g;
const PHONE_NATIONAL = /(?<![\w/.:,-])\(?0\d{2,5}\)?(?:[\s/-]|\s?\/\s?)?\d(?:(?:[ /-]|\s\/\s)?\d){4,11}(?![\w])(?![.:,]\d)/g;

export function redactShapes(text: string): string {
  let t = text;
  // Cheap guards first: most text has no token prefix, no 12 digits, no @, no backslash.
  const digits = t.match(/\d/g)?.length ?? 0;
  // Jira account ids
  t = t
    .replace(/\[~accountid:[^\]]*\]/gi, PLACEHOLDER.name)
    .replace(/\[~[a-z0-9._-]+\]/gi, PLACEHOLDER.name)
    .replace(/\b\d{6}:[0-9a-f]{8}-[0-9a-f-]{27,}\b/gi, PLACEHOLDER.name);
  t = t.replace(/\b[0-9a-f]{24}\b/g, (m) => (/[a-f]/.test(m) && /\d/.test(m) ? PLACEHOLDER.name : m));
  // Tokens and keys with a known shape.
  if (TOKEN_HINT.test(t)) t = redactTokens(t);
  // BitLocker recovery keys: 48 digits in any grouping (8×6 with dashes, spaces, read out in pairs…).
  if (digits >= 12) {
    t = t.replace(/(?<!\d)(?<!\d[.,])\d(?:[\s-]{0,3}\d){47}(?!\d)(?![.,]\d)/g, PLACEHOLDER.secret);
    t = t.replace(
      /\b((?:bitlocker|wiederherstellungs)[\p{L}-]*|recovery\s+key)(\s*(?:[:=]|lautet|ist|is)?\s*)(\d[\d\s-]{10,}\d)/giu,
      (_m, k: string, s: string) => `${k}${s}${PLACEHOLDER.secret}`,
    );
  }
  // Long random-looking strings (keys, tokens): 32+ base64/hex characters with digits and letters.
  t = t.replace(/\b(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}/g, PLACEHOLDER.secret);
  if (PASSWORD_HINT.test(t)) t = redactPasswords(t);
  if (digits >= 10) t = t.replace(IBAN, (m) => (m.replace(/\D/g, '').length >= 10 ? PLACEHOLDER.iban : m));
  if (t.includes('@')) t = t.replace(EMAIL_PATTERN, PLACEHOLDER.email);
  if (digits >= 3) t = t.replace(EMPLOYEE_ID, (_m, k: string, s: string) => `${k}${s}${PLACEHOLDER.id}`);
  if (t.includes('\\')) t = t.replace(DOMAIN_USER, PLACEHOLDER.id);
  if (LOGON_HINT.test(t))
    t = t.replace(LOGON_LABELLED, (m, k: string, s: string, v: string) => {
      const weak = /^(?:kennung|account|konto|user|benutzer|uid)$/i.test(k);
      if (weak && !/[:=]|ist|is|lautet/i.test(s)) return m;
      if (
        /^\[/.test(v) ||
        NOT_A_PASSWORD.has(v.toLowerCase()) ||
        /^(?:gesperrt|locked|disabled|deaktiviert|aktiv|active|entsperrt|unlocked|name|id|wird|wurde|was|has|hat|ist|is)$/i.test(v)
      )
        return m;
      if (weak && /^\p{Lu}\p{Ll}+$/u.test(v)) return m;
      return `${k}${s}${PLACEHOLDER.id}`;
    });
  if (t.includes('(')) t = redactBracketLogons(t);
  if (digits >= 4) t = t.replace(BIRTH_DATE, (_m, k: string, s: string) => `${k}${s}${PLACEHOLDER.birth}`);
  // @mentions: "@Stefan", "@stefan.mueller" (an address with a domain is an e-mail above).
  if (t.includes('@')) t = t.replace(/(?<![\w.@])@([a-z][a-z0-9]*[._-][a-z0-9._-]*[a-z0-9])\b/g, PLACEHOLDER.id);
  if (digits >= 4) {
    t = t.replace(PHONE_LABELLED, (m, k: string, s: string, num: string) =>
      num.replace(/\D/g, '').length >= 4 ? `${k}${s}${PLACEHOLDER.phone}` : m,
    );
    t = t.replace(PHONE_INTL, (m) => (m.replace(/\D/g, '').length >= 8 ? PLACEHOLDER.phone : m));
    t = t.replace(PHONE_NATIONAL, (m) => {
      const n = m.replace(/\D/g, '').length;
      return n >= 7 && n <= 14 ? PLACEHOLDER.phone : m;
    });
  }
  return t;
}

const BIRTH_DATE = new RegExp(
  String.raw`\b(geburtsdatum|geb\.|geboren(?:\s+am)?|date\s+of\s+birth|birth\s*date|dob|born(?:\s+on)?)(\s*[:.]?\s*)(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4})`,
  'giu',
);
const TOKEN_HINT =
  /AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|gh[pousr]_|github_pat_|xox|hooks\.slack|eyJ|_live_|_test_|AIza|PRIVATE KEY|Bearer/;
const PASSWORD_HINT = /pass|kennw|pwd|pw|pin|code|secret|geheim|key|token|schlüssel|psk|tap|zugriffs/i;
const LOGON_HINT = /benutzer|anmelde|login|logon|user|samaccount|kennung|account|konto|uid/i;

function redactTokens(text: string): string {
  let t = text;
  t = t.replace(/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g, PLACEHOLDER.secret);
  t = t.replace(/\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\b/g, PLACEHOLDER.secret);
  t = t.replace(/\bxox[abposre]-[A-Za-z0-9-]{10,}/g, PLACEHOLDER.secret);
  t = t.replace(/\bhttps:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g, PLACEHOLDER.secret);
  t = t.replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, PLACEHOLDER.secret);
  t = t.replace(/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g, PLACEHOLDER.secret);
  t = t.replace(/\bAIza[0-9A-Za-z_-]{35}\b/g, PLACEHOLDER.secret);
  t = t.replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, PLACEHOLDER.secret);
  t = t.replace(/\bBearer\s+[A-Za-z0-9._~+/-]+=*/g, `Bearer ${PLACEHOLDER.secret}`);
  return t;
}

/** Lowercase words that appear in brackets and are not logons. */
const COMMON_LOWER = new Set(
  'optional beta alt neu new old siehe see intern internal extern external default standard test remote lokal local privat private admin dienstlich mobil mobile homeoffice'.split(
    ' ',
  ),
);

// 2. Names from person fields --------------------------------------------------------------------

const TITLES = /^(?:frau|herr|herrn|hr\.?|fr\.?|dr\.?|prof\.?|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dipl\.?-?\w*\.?|ing\.?|mag\.?|sir|pan|pani)$/i;
/** Values of person fields that are not people. */
const NOT_A_PERSON = new Set(
  'system admin administrator service desk servicedesk support helpdesk team level it guest gast user benutzer agent customer kunde unknown unbekannt automation bot integration api sync import none null n/a na'.split(
    ' ',
  ),
);
const PARTICLES = new Set([
  'von',
  'van',
  'de',
  'der',
  'den',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'zu',
  'vom',
  'zum',
  'ter',
  'ten',
  'bin',
  'al',
]);

/** A lookup key that ignores case, diacritics and umlaut spellings: Müller = Mueller = MULLER, Weiß = Weiss. */
export function foldName(s: string): string {
  let f = foldCache.get(s);
  if (f === undefined) {
    if (foldCache.size > 100_000) foldCache.clear();
    f = fold(s);
    foldCache.set(s, f);
  }
  return f;
}
const foldCache = new Map<string, string>();
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/([aou])e/g, '$1')
    .replace(/ss/g, 's');
}

/** Each letter as a class of its spellings (ü = ü, ue, u; ß = ß, ss; é = é, e) so a name matches however it was typed. */
function letterPattern(ch: string): string {
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const lower = ch.toLowerCase();
  if (lower === 'ß') return '(?:ß|ss|s)';
  if (lower === 'ä' || lower === 'ö' || lower === 'ü') return `(?:${ch}|${base}e|${base})`;
  if (lower === 'ł') return '[łl]';
  if (/[aou]/i.test(lower) && base === ch) return ch; // "ue" in the source name is handled by the folded lookup
  if (base !== ch) return `[${ch}${base}]`;
  if (/[a-z]/i.test(ch)) return ch;
  return escapeRe(ch);
}
const wordPattern = (w: string) => [...w].map(letterPattern).join('');
/** A word whose first letter must be upper case even under the `i` flag; the rest in any case. */
const capitalisedPattern = (w: string) => {
  const [first, ...rest] = [...w];
  const up = first!.toUpperCase();
  return `(?-i:${letterPattern(up.length === 1 ? up : first!)})${rest.map(letterPattern).join('')}`;
};

interface Person {
  first: string[];
  last: string[];
}

function parsePerson(raw: string): Person | undefined {
  let v = normalizeText(raw)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/"/g, ' ');
  v = v.replace(/\s+via\s+.*$/i, ''); // Zammad: "Jürgen Weiß via IT-Servicedesk"
  v = v.replace(EMAIL_PATTERN, ' ').replace(/\s+/g, ' ').trim();
  if (!v || v.length > 80 || /\d{3,}|^[0-9a-f]{20,}$/i.test(v)) return undefined;
  let first: string[];
  let last: string[];
  const comma = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const words = (s: string) => s.split(/\s+/).filter((w) => w && !TITLES.test(w));
  if (comma.length === 2) {
    last = words(comma[0]!);
    first = words(comma[1]!);
  } else {
    const all = words(v);
    if (all.length === 1) return NOT_A_PERSON.has(all[0]!.toLowerCase()) || all[0]!.length < 3 ? undefined : { first: [], last: all };
    // Surname particles belong to the last name: "Ursula von der Leyen".
    let i = all.length - 1;
    while (i > 1 && PARTICLES.has(all[i - 1]!.toLowerCase())) i--;
    first = all.slice(0, i);
    last = all.slice(i);
  }
  const every = [...first, ...last];
  if (!every.length || every.every((w) => NOT_A_PERSON.has(w.toLowerCase()))) return undefined;
  if (every.some((w) => !/^[\p{L}][\p{L}'’.-]*$/u.test(w))) return undefined;
  return { first, last };
}

const BOUND_L = '(?<![\\p{L}\\p{N}_])';
const BOUND_R = '(?![\\p{L}\\p{N}_])';

/**
 * All person names of one export, and the text redactor built from them. Add the person fields of
 * every record (and names learnt from context) before redacting what will be written.
 */
export class NameIndex {
  /** folded single word -> patterns of the people it may belong to */
  private byWord = new Map<string, Set<string>>();
  private compiled = new Map<string, RegExp>();
  private known = new Set<string>();

  /** Grows whenever a person is added: text redacted at an older size may need another pass. */
  get size(): number {
    return this.known.size;
  }

  /** Adds a person field value ("Jürgen Weiß", "Weiß, Jürgen", "Dr. J. Weißhaupt", "tbecker"). */
  add(raw: string): void {
    if (!raw || this.known.has(raw)) return;
    this.known.add(raw);
    const p = parsePerson(raw);
    if (!p) return;
    const firstFull = p.first.filter((w) => w.replace(/\.$/, '').length > 1);
    const initials = p.first.map((w) => w[0]!);
    void initials;
    const lastJoined = p.last.map(wordPattern).join('\\s+');
    const forms: string[] = [];
    if (p.last.length) {
      if (firstFull.length) {
        const f = firstFull.map(wordPattern).join('[\\s-]+');
        forms.push(`${f}\\s+${lastJoined}`, `${lastJoined}\\s*,\\s*${f}`, `${lastJoined}\\s+${f}`);
        // logon-style: tbecker, t.becker, thomas.becker, becker.t
        const f0 = firstFull[0]!;
        const l = p.last.at(-1)!;
        forms.push(
          `${wordPattern(f0[0]!)}\\.?${wordPattern(l)}`,
          `${wordPattern(f0)}[._]${wordPattern(l)}`,
          `${wordPattern(l)}[._]${wordPattern(f0[0]!)}`,
        );
      }
      if (initials.length) {
        // "J. Weißhaupt", "H.-P. Müller", "HP Müller"
        const ini = p.first
          .map((w) =>
            w
              .split('-')
              .filter(Boolean)
              .map((part) => `${escapeRe(part[0]!)}\\.?`)
              .join('[\\s.-]*'),
          )
          .join('\\s*');
        forms.push(`${ini}\\s*${lastJoined}`, `${lastJoined}\\s*,\\s*${ini}`);
      }
      // A surname or first name alone must be capitalised: "Weiß" is a name, "ich weiß" is not; "Will", not "will".
      forms.push(p.last.map(capitalisedPattern).join('\\s+'));
    }
    for (const f of firstFull) if (f.length >= 3) forms.push(capitalisedPattern(f));
    const pattern = [...new Set(forms)].sort((a, b) => b.length - a.length).join('|');
    for (const w of [...firstFull, ...p.last]) {
      const key = foldName(w.replace(/\.$/, ''));
      if (key.length < 2) continue;
      let set = this.byWord.get(key);
      if (!set) this.byWord.set(key, (set = new Set()));
      set.add(pattern);
    }
  }

  /**
   * Replaces every form of every known name in `text`. Words are looked up first (folded); the
   * person's pattern is then tried only where one of its words occurs (from up to two words
   * before, for titles and initials), so the cost grows with the hits, not with the people.
   */
  redact(text: string): string {
    if (!this.byWord.size) return text;
    const words = [...text.matchAll(/[\p{L}]+/gu)];
    const ranges: [number, number][] = [];
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      const set = this.byWord.get(foldName(w[0]));
      if (!set) continue;
      const at = w.index!;
      if (ranges.some(([a, b]) => at >= a && at < b)) continue;
      let best: [number, number] | undefined;
      for (const p of set) {
        const re = this.sticky(p);
        for (const j of [i - 2, i - 1, i]) {
          if (j < 0) continue;
          const start = words[j]!.index!;
          if (at - start > 24) continue;
          re.lastIndex = start;
          const m = re.exec(text);
          if (m && start + m[0].length > at && (!best || start < best[0] || (start === best[0] && start + m[0].length > best[1]))) {
            best = [start, start + m[0].length];
            break;
          }
        }
      }
      if (best) ranges.push(best);
    }
    if (!ranges.length) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let out = '';
    let last = 0;
    for (const [a, b] of ranges) {
      if (a < last) continue;
      out += text.slice(last, a) + PLACEHOLDER.name;
      last = b;
    }
    return out + text.slice(last);
  }

  private sticky(p: string): RegExp {
    let re = this.compiled.get(p);
    if (!re) {
      if (this.compiled.size > 20_000) this.compiled.clear();
      re = new RegExp(`${BOUND_L}(?:(?:Frau|Herrn?|Mr\\.?|Mrs\\.?|Ms\\.?|Dr\\.?|Prof\\.?)\\s+)*(?:${p})${BOUND_R}`, 'iuy');
      this.compiled.set(p, re);
    }
    return re;
  }
}

// 3. Names by context ------------------------------------------------------------------------------

/** Capitalised words that follow a greeting or a title but are not names. */
const NOT_NAMES = new Set(
  (
    'moin servus hey thx ihnen dir euch vielmals sehr you zusammen alle allerseits team teams kollegen kolleginnen kollegin kollege leute servicedesk service desk support helpdesk it admin admins ' +
    'everyone all there folks guys colleagues world sir madam ma’am maam hallo hello hi dear thanks danke vielen dank grüße gruss gruß regards ' +
    'morgen tag abend nachmittag mittag und and the der die das ein eine mein meine my our unser unsere ihr ihre your ich wir sie es er ' +
    'nochmal again noch leider bitte please frau herr herrn mr mrs ms dr prof via von an cc bcc to from sent gesendet betreff subject datum date ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonntag monday tuesday wednesday thursday friday saturday sunday ' +
    'windows outlook teams excel word office microsoft sap citrix vpn drucker printer laptop'
  ).split(' '),
);

const CAP = String.raw`\p{Lu}[\p{Ll}\p{Lu}'’]*(?:-\p{Lu}[\p{Ll}'’]+)?\.?`;
const NAME_WORDS = String.raw`(?:(?:Frau|Herrn?|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.|Prof\.|Pan|Pani)[ \t]+)*(?:Dr\.[ \t]+)?(${CAP}(?:[ \t]+(?:(?:von|van|de|der|den|zu|da|di|al|bin)[ \t]+)*${CAP}){0,2})`;

/**
 * A regex source made case-insensitive by hand (letters outside escapes become `[xX]`), so the
 * trigger words match in any case while `\p{Lu}` in the name part still means a capital letter
 * (with the `i` flag it would match any letter).
 */
function ci(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const next = src[i + 1]!;
      if ((next === 'p' || next === 'P') && src[i + 2] === '{') {
        const end = src.indexOf('}', i);
        out += src.slice(i, end + 1);
        i = end;
      } else {
        out += c + next;
        i++;
      }
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    const up = c.toUpperCase();
    const low = c.toLowerCase();
    if (up !== low && up.length === 1) out += inClass ? low + up : `[${low}${up}]`;
    else out += c;
  }
  return out;
}

const GREETING = new RegExp(
  String.raw`(^|[\n>]\s*|[.!?]\s+)(${ci(String.raw`(?:hallo|hello|hi|hey|dear|liebe[rsn]?|sehr\s+geehrte[rsn]?|guten\s+(?:morgen|tag|abend)|moin|servus|grüß\s+gott|grüezi|good\s+(?:morning|afternoon|evening)|cześć|dzień\s+dobry|merhaba|salut|bonjour|ciao)`)}[ \t]*,?[ \t]+)${NAME_WORDS}(?=\s*[,!:.\n]|\s*$|\s+(?:und|and|&)\s|[ \t]+[-–—][ \t])`,
  'gu',
);
const SIGNOFF = ci(
  String.raw`(?:viele|beste|liebe|freundliche|herzliche|schöne|sonnige)?\s*(?:grüße|gruesse|grüsse|gruß|gruss)(?:\s+aus\s+\p{L}+)?|(?:mit\s+)?(?:freundlichen|besten|herzlichen|lieben|vielen|schönen|sonnigen)\s+(?:grüßen|gruessen|grüssen)|mfg|vg|lg|bg|danke\s+und\s+gruß|besten\s+dank|vielen\s+dank|danke(?:\s+schön|\s+dir|\s+euch|\s+ihnen)?|(?:best|kind|warm)\s+regards|regards|cheers|thanks(?:\s+again|\s+a\s+lot)?|thank\s+you|thx|ty|best|sincerely|yours|br|pozdrawiam|saygılarımla|teşekkürler|cordialement|saluti|tschüss|ciao`,
);
const SIGNOFF_SAME_LINE = new RegExp(
  String.raw`(^|\n|[.!]\s+)([ \t]*(?:${SIGNOFF})[ \t]*[,!.]?[ \t]+)${NAME_WORDS}(?=[ \t]*(?:$|\n|[,(|/–!.-]))`,
  'gu',
);
const SIGNOFF_NEXT_LINE = new RegExp(
  String.raw`(^|\n)([ \t]*(?:${SIGNOFF})[ \t]*[,!.]?[ \t]*\n(?:[ \t]*\n)?[ \t]*)${NAME_WORDS}(?=[ \t]*(?:$|\n|[,(|/–-]))`,
  'gu',
);
const BY_CONTEXT = new RegExp(
  String.raw`(?<![\p{L}])(${ci(String.raw`(?:reported|raised|opened|submitted|requested|created|called|escalated|approved|forwarded)\s+by|on\s+behalf\s+of|my\s+(?:manager|boss|supervisor|colleague|team\s*lead|line\s+manager)(?:\s+is|\s*,|:)?|(?:his|her|their)\s+(?:manager|colleague)(?:\s+is)?|colleague|coworker|co-worker|contact(?:\s+person)?(?:\s+is|:)|caller(?:\s+is|:)|user(?:\s+is|:)|gemeldet\s+(?:von|durch)|erfasst\s+(?:von|durch)|eröffnet\s+von|angerufen\s+hat|im\s+auftrag\s+(?:von|des|der)|i\.\s?a\.|i\.\s?A\.|in\s+vertretung\s+(?:von|für)|i\.\s?v\.|mein(?:e)?\s+(?:vorgesetzte[r]?|chef(?:in)?|teamleiter(?:in)?|kolleg(?:e|in)|abteilungsleiter(?:in)?|ansprechpartner(?:in)?)(?:\s+ist|\s*,|:)?|(?:der|die|unser[e]?)\s+(?:kolleg(?:e|in)|vorgesetzte[r]?|chef(?:in)?|mitarbeiter(?:in)?|anwender(?:in)?|benutzer(?:in)?|nutzer(?:in)?|azubi|praktikant(?:in)?)|(?:neue[rn]?\s+)?(?:azubi|auszubildende[rn]?|praktikant(?:in)?|werkstudent(?:in)?|trainee|new\s+starter|new\s+hire|new\s+joiner)|kolleg(?:e|in)|ansprechpartner(?:in)?(?:\s+ist|:)|anrufer(?:in)?(?:\s+ist|:)?|melder(?:in)?(?:\s+ist|:)?|benutzer(?:in)?:|anwender(?:in)?:|cc:|bcc:|kopie\s+an|requester:|reporter:|assignee:|bearbeiter(?:in)?:|zuständig(?:\s+ist|:)|rückruf\s+(?:an|bei)|callback\s+to|cc\s+an|weitergeleitet\s+an|übergeben\s+an|handed\s+over\s+to|assigned\s+to|zugewiesen\s+an|vertreten\s+durch|(?:spoke|talked|spoken|chatted|met)\s+(?:to|with)|call(?:ed)?\s+with|(?:sent|forwarded|emailed|mailed)\s+to|name:|vorname:|nachname:|full\s+name:|kontakt:|contact:|requested\s+for:|betroffene[rn]?\s+(?:benutzer(?:in)?|person|mitarbeiter(?:in)?|kolleg(?:e|in))(?:\s+ist|:)?|affected\s+user(?:\s+is|:)?|(?:user|customer|caller|requester|benutzer(?:in)?|kunde|kundin|anrufer(?:in)?),|for\s+user|für\s+(?:den\s+)?(?:benutzer(?:in)?|user|mitarbeiter(?:in)?|kolleg(?:en|in))`)})([ \t]*[:,]?[ \t]+)${NAME_WORDS}`,
  'gu',
);
/** German "mit"/"an" triggers: German nouns are capitalised too, so only a first and last name counts ("Telefonat mit Lisa Brenner", not "mit Netzwerkteam"). */
const BY_CONTEXT_TWO_WORDS = new RegExp(
  String.raw`(?<![\p{L}])(${ci(String.raw`(?:telefonat|gespräch|rücksprache|termin|abstimmung|chat|call|meeting|besprechung|telko)\s+mit|(?:per\s+)?(?:e-?mail|mail|nachricht)\s+an|geschickt\s+an|informiert:?|info\s+an`)})([ \t]+)(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?[ \t]+(?:(?:von|van|de|der|den|zu)[ \t]+)*\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?)(?![\p{L}])`,
  'gu',
);
const TITLE_NAME = new RegExp(
  String.raw`${BOUND_L}((?:Frau|Herrn?|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.|Prof\.|Pan|Pani)[ \t]+)((?:Dr\.[ \t]+)?${CAP}(?:[ \t]+(?:(?:von|van|de|der|zu)[ \t]+)*${CAP})?)`,
  'gu',
);
const MAIL_HEADER =
  /^(\s*(?:>\s*)*(?:\*\*)?(?:Von|An|Cc|Bcc|Kopie|From|To|Cc|Reply-To|Antwort an|Absender|Empfänger|Od|Do|Kimden|Kime|De|À|Da|A)(?:\*\*)?\s*:\s*)(.+?)(?=\s+(?:Gesendet|Sent|Datum|Date|Betreff|Subject|An|To|Cc)\s*:|$)/gimu;
const VIA_SENDER = new RegExp(
  String.raw`(${CAP}(?:[ \t]+${CAP}){0,2})([ \t]+via[ \t]+(?:[\p{L}-]*${ci('(?:desk|support|service|helpdesk|servicedesk|hotline)')}[\p{L}-]*|IT\b))`,
  'gu',
);
const SIG_DELIM = /(^|\n)(--\s*\n|__+\s*\n)\s*([^\n]+)/g;

const plausible = (name: string) => {
  const words = name.replace(/^(?:Frau|Herrn?|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.|Prof\.)\s+/i, '').split(/\s+/);
  return (
    words.length > 0 &&
    !words.every((w) => NOT_NAMES.has(w.replace(/[.,]$/, '').toLowerCase())) &&
    !NOT_NAMES.has(words[0]!.replace(/[.,]$/, '').toLowerCase())
  );
};

/** Redacts names found by context; `learn` receives each name so it can be redacted elsewhere too. */
const GREETING_HINT = /hallo|hello|hi|hey|dear|liebe|geehrt|guten|good|moin|servus|grüß|grüezi|cześć|dzień|merhaba|salut|bonjour|ciao/i;
const SIGNOFF_HINT =
  /gr(?:ü|ue|u)(?:ß|ss|s)|thx|ty|mfg|vg|lg|bg|dank|regards|cheers|thank|best|sincerely|yours|br|pozdrawiam|saygı|teşekkür|cordialement|saluti|tschüss|ciao/i;
const CONTEXT_HINT =
  /by|behalf|manager|boss|supervisor|colleague|worker|contact|caller|user|gemeldet|erfasst|eröffnet|angerufen|auftrag|i\.\s?[av]\.|vertretung|vorgesetzt|chef|leiter|kolleg|ansprechpartner|mitarbeiter|anwender|benutzer|nutzer|azubi|praktikant|auszubild|werkstudent|trainee|starter|hire|joiner|anrufer|melder|requester|reporter|assignee|bearbeiter|zuständig|rückruf|callback|cc|kopie|weitergeleitet|übergeben|handed|assigned|zugewiesen|vertreten|für|mit|with|to|an|name|kontakt|contact|betroffen|affected|customer|kunde|kundin/i;
const TITLE_HINT = /Frau|Herr|Hr\.|Fr\.|Mr|Ms|Miss|Dr\.|Prof\.|Pan/;

export function redactContextNames(text: string, learn?: (name: string) => void): string {
  const take = (name: string) => {
    learn?.(name);
    return PLACEHOLDER.name;
  };
  let t = text;
  if (t.includes(':'))
    t = t.replace(MAIL_HEADER, (m, head: string, value: string) => {
      if (/^\s*\[(?:Name|E-Mail)\]\s*$/.test(value)) return m;
      for (const part of value.split(/[;,]/)) {
        const n = part.replace(/<[^>]*>|\[E-Mail\]|"|'/g, '').trim();
        if (n && !n.startsWith('[')) learn?.(n);
      }
      return `${head}${PLACEHOLDER.name}`;
    });
  if (/\bvia\b/i.test(t)) t = t.replace(VIA_SENDER, (m, name: string, via: string) => (plausible(name) ? `${take(name)}${via}` : m));
  const ctx = (m: string, pre: string, mid: string, name: string) => {
    const clean = name.replace(/\.$/, '');
    if (!plausible(clean)) {
      // "Hallo Team Müller": drop leading non-names.
      return m;
    }
    return `${pre}${mid}${take(clean)}${name.endsWith('.') ? '.' : ''}`;
  };
  // Cheap hints first: the full patterns run only on text that has one of their trigger words.
  if (GREETING_HINT.test(t)) t = t.replace(GREETING, ctx);
  if (SIGNOFF_HINT.test(t)) {
    t = t.replace(SIGNOFF_NEXT_LINE, ctx);
    t = t.replace(SIGNOFF_SAME_LINE, ctx);
  }
  if (CONTEXT_HINT.test(t)) {
    t = t.replace(BY_CONTEXT, (m, trigger: string, sep: string, name: string) => ctx(m, trigger, sep, name));
    t = t.replace(BY_CONTEXT_TWO_WORDS, (m, trigger: string, sep: string, name: string) => ctx(m, trigger, sep, name));
  }
  if (TITLE_HINT.test(t)) t = t.replace(TITLE_NAME, (m, title: string, name: string) => (plausible(name) ? `${title}${take(name)}` : m));
  // @mentions of a person: "@Stefan", "@Anna Nowak".
  if (t.includes('@'))
    t = t.replace(/(?<![\w.@])@(\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?)(?![\p{L}])/gu, (m, name: string) =>
      plausible(name) ? take(name) : m,
    );
  if (t.includes('--') || t.includes('__'))
    t = t.replace(SIG_DELIM, (m, pre: string, delim: string, line: string) => {
      const n = line.trim();
      return /^(?:\p{Lu}[\p{Ll}'’-]+\.?\s+){1,3}\p{Lu}[\p{Ll}'’-]+$/u.test(n) && plausible(n) ? `${pre}${delim}${take(n)}` : m;
    });
  return t;
}

// Together ---------------------------------------------------------------------------------------

export interface Redactor {
  /** Adds the person-field values of a record (do this for every record before writing anything). */
  addPersons(values: readonly string[]): void;
  /** The text with personal data and secrets replaced by labelled placeholders. */
  redact(text: string): string;
  readonly names: NameIndex;
}

export function createRedactor(): Redactor {
  const names = new NameIndex();
  const learnt = (n: string) => names.add(n);
  return {
    names,
    addPersons(values) {
      for (const v of values) if (v) names.add(v);
    },
    redact(text) {
      if (!text) return text;
      let t = normalizeText(text);
      t = redactShapes(t);
      // Known names first (so "Rückruf bei Mustermann, Max" is one name), then names by context,
      // which are learnt and redacted wherever else they occur.
      t = names.redact(t);
      const known = names.size;
      t = redactContextNames(t, learnt);
      if (names.size > known) t = names.redact(t);
      // A line that is only "Kasia [Name]" (a nickname next to a known surname) is a signature line.
      if (t.includes(PLACEHOLDER.name)) {
        t = t.replace(/(^|\n)([ \t]*)(\p{Lu}[\p{Ll}'’-]+)([ \t]+\[Name\][ \t]*)(?=\n|$)/gu, (m, pre: string, sp: string, word: string) => {
          if (NOT_NAMES.has(word.toLowerCase())) return m;
          learnt(word);
          return `${pre}${sp}${PLACEHOLDER.name}`;
        });
      }
      // Logons in brackets are recognised after names became [Name].
      t = redactBracketLogons(t);
      return t;
    },
  };
}

/** One-off redaction with the given person names (tests, single strings). */
export function redact(text: string, o: { names: readonly string[] }): string {
  const r = createRedactor();
  r.addPersons(o.names);
  return r.redact(text);
}
