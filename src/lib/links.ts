/** Links out of the KB: ticket-system URLs and prefilled e-mails. */

/** Fills `{title}`/`{description}` (and any other `{name}`) in a URL template with URL-encoded values. */
export function fillTicketUrl(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in values ? encodeURIComponent(values[name] ?? '') : m,
  );
}

/** A `mailto:` link with subject and body, encoded as RFC 6068 asks (spaces as %20, newlines as %0D%0A). */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${to}?subject=${enc(subject)}&body=${enc(body)}`;
}
