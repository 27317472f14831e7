import type { APIRoute } from 'astro';
import config from '../../kb.config.ts';
import { buildAudience } from '../lib/audience.ts';

/** Only the employee build may be indexed by search engines; staff builds disallow everything. */
export const GET: APIRoute = () => {
  const body =
    buildAudience() === 'employee'
      ? `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap-index.xml', config.site).href}\n`
      : 'User-agent: *\nDisallow: /\n';
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
