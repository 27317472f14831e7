/**
 * Site configuration: the one place to adapt Support KB to your organisation.
 * Everything user-visible (titles, contact data, escalation teams, ticket links) reads from here.
 * Validated on load; a mistake fails the build with the field name.
 */
import { defineKbConfig } from './src/schemas/config.ts';
import de from './src/i18n/de.ts';
import en from './src/i18n/en.ts';

export default defineKbConfig({
  // The site's languages and their UI strings; the first (German) lives at the root, the others under /<code>/.
  locales: { de, en },
  title: { de: 'IT-Wissensdatenbank', en: 'IT Knowledge Base' },
  organisation: 'Muster AG',
  defaultLocale: 'de',
  site: 'https://kb.muster.example',
  supportEmail: 'servicedesk@muster.example',
  supportPhone: '+49 30 1234-4444',
  // Opens a prefilled "create request" form. {title} and {description} are URL-encoded on use.
  ticketUrlTemplate: 'https://servicedesk.muster.example/servicedesk/customer/portal/1/create/10?summary={title}&description={description}',
  // Web addresses in articles on these hosts (and their subdomains) become links; others stay text.
  autolinkHosts: [
    'muster.example',
    'microsoft.com',
    'office.com',
    'microsoft365.com',
    'cloud.microsoft',
    'aka.ms',
    'live.com',
    'microsoftonline.com',
  ],
  reviewIntervalDays: 365,
  // Usage events to /_kb/e (README "Usage insights"): `enabled: false` sends none; a search query
  // seen fewer than `minQueryCount` times appears in reports only as a count.
  usage: { enabled: true, minQueryCount: 2 },
  pageSize: 20,
  teams: {
    'l2-identity': {
      name: 'L2 Identity & Access',
      email: 'l2-identity@muster.example',
      level: 2,
      description: 'Accounts, passwords, MFA, Entra ID, Active Directory',
    },
    'l2-network': {
      name: 'L2 Netzwerk',
      email: 'l2-netzwerk@muster.example',
      level: 2,
      description: 'LAN, WLAN, VPN, DNS, proxy',
    },
    'l2-workplace': {
      name: 'L2 Workplace',
      email: 'l2-workplace@muster.example',
      level: 2,
      description: 'Clients, printers, Microsoft 365 apps, Intune',
    },
    'l2-messaging': {
      name: 'L2 Messaging & Collaboration',
      email: 'l2-messaging@muster.example',
      level: 2,
      description: 'Exchange Online, Outlook, Teams, OneDrive/SharePoint',
    },
    'l3-security': {
      name: 'L3 Security Operations',
      email: 'soc@muster.example',
      level: 3,
      description: 'Security incidents, phishing analysis, PKI',
    },
    'l3-infrastructure': {
      name: 'L3 Infrastructure',
      email: 'l3-infrastructure@muster.example',
      level: 3,
      description: 'Servers, domain controllers, print servers, vendor cases',
    },
  },
  // Sign-in for the staff builds (README "Deployment with sign-in"). `npm run kb -- deploy-config`
  // writes the Apache and nginx configurations under deploy/ from this. No secrets here.
  auth: {
    provider: {
      // Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration
      // Keycloak: https://sso.muster.example/realms/<realm>/.well-known/openid-configuration
      metadataUrl: 'https://sso.muster.example/realms/muster/.well-known/openid-configuration',
      clientId: 'support-kb',
      scopes: ['profile'],
    },
    // `groups` for Keycloak group mappers and Entra group claims; `roles` for Entra app roles.
    claim: 'groups',
    // 'public': the employee build is open on the intranet; 'sign-in': it needs an account too.
    employee: 'public',
    groups: {
      'first-level': ['it-servicedesk'],
      // Second level implies first level: these groups read both staff builds.
      'second-level': ['it-second-level', 'it-third-level'],
    },
    hosts: {
      employee: 'kb.muster.example',
      'first-level': 'team.kb.muster.example',
      'second-level': 'l2.kb.muster.example',
    },
    webRoot: '/var/www/support-kb',
    session: { inactivity: '1h', maxDuration: '10h' },
  },
});
