#!/usr/bin/env node
/**
 * `npm run edit` – the browser editor on the working copy, on loopback only. Thin: options and
 * printing; the server is src/editor/server.ts.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { contentDir } from '../src/lib/content-files.ts';
import { createEditorServer } from '../src/editor/server.ts';
import { buildDate } from '../src/lib/review.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: { type: 'string', default: '4323' },
    content: { type: 'string' },
    site: { type: 'string' },
    'no-commit': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(`Usage: npm run edit -- [--port 4323] [--content content] [--site URL] [--no-commit]

Opens the editor for the content folder on http://127.0.0.1:<port>/ (this computer only).
Every save is validated like the build; valid files are written and committed with git.`);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`edit: --port expects a port number, got "${values.port}"`);
  process.exit(2);
}
const projectRoot = resolve(import.meta.dirname, '..');
try {
  const { server } = createEditorServer({
    contentRoot: resolve(values.content ?? contentDir()),
    projectRoot,
    commit: !values['no-commit'],
    // New entries are dated today (KB_TODAY overrides it, as for the build).
    today: buildDate,
    ...(values.site ? { siteUrl: values.site } : {}),
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`Editor: http://127.0.0.1:${actual}/  (Ctrl+C to stop)`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error(`edit: ${(e as Error).message}`);
  process.exit(2);
}
