/** Replaced at build time by astro.config.mjs (`vite.define`): the search island's strings per language. */
declare const __KB_SEARCH_STRINGS__: Record<import('./schemas/index.ts').Locale, import('./lib/search.ts').SearchStrings>;
