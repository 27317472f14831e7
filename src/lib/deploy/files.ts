/** Every generated deployment file, by path relative to the repository root. */
import type { AuthConfig } from '../../schemas/auth.ts';
import { DEFAULT_APACHE_OPTIONS, apacheConfig } from './apache.ts';
import { DEFAULT_NGINX_OPTIONS, nginxConfig, oauth2ProxyConfigs } from './nginx-oauth2-proxy.ts';

/** `events`: kb.config.ts `usage.enabled` – whether the servers collect usage events at `/_kb/e`. */
export function deployFiles(auth: AuthConfig | undefined, events: boolean): Record<string, string> {
  if (!auth)
    throw new Error('kb.config.ts has no `auth` section: add one (README "Deployment with sign-in") to generate the sign-in configuration');
  const files: Record<string, string> = {
    'deploy/apache/support-kb.conf': apacheConfig(auth, {
      ...DEFAULT_APACHE_OPTIONS,
      eventLog: events ? DEFAULT_APACHE_OPTIONS.eventLog : undefined,
    }),
    'deploy/nginx-oauth2-proxy/support-kb.conf': nginxConfig(auth, {
      ...DEFAULT_NGINX_OPTIONS,
      eventLog: events ? DEFAULT_NGINX_OPTIONS.eventLog : undefined,
    }),
  };
  for (const [name, content] of Object.entries(oauth2ProxyConfigs(auth, DEFAULT_NGINX_OPTIONS))) {
    files[`deploy/nginx-oauth2-proxy/${name}`] = content;
  }
  return files;
}
