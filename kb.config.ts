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
  ticketUrlTemplate:
    'https://servicedesk.muster.example/servicedesk/customer/portal/1/create/10?summary={title}&description={description}',
  reviewIntervalDays: 365,
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
});
