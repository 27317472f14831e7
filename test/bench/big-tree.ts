/** A realistic 150-node decision tree for the page-size budget: 90 questions, 35 fixes, 25 escalations. */
import { stringify } from 'yaml';

export function bigTree(options: { id: string; category: string; articles: readonly string[]; team: string }): string {
  const nodes: Record<string, unknown> = {};
  const QUESTIONS = 90;
  const SOLVED = 35;
  const ESCALATE = 25;
  const leaf = (i: number) =>
    i % (SOLVED + ESCALATE) < SOLVED ? `loesung-${i % (SOLVED + ESCALATE)}` : `eskalation-${(i % (SOLVED + ESCALATE)) - SOLVED}`;
  for (let i = 0; i < QUESTIONS; i++) {
    nodes[`frage-${i}`] = {
      type: 'question',
      text: `Schritt ${i + 1}: Zeigt der Client nach \`ipconfig /renew\` eine gültige Adresse im Bereich 10.20.${i}.0/24?`,
      ...(i % 3 === 0
        ? {
            help: 'Eingabeaufforderung öffnen und ausführen:\n\n```\nipconfig /all\nTest-NetConnection fileserver01 -Port 445\n```\n\nDie Ausgabe gehört ins Ticket.',
          }
        : {}),
      answers: [
        { label: 'Ja, Adresse und Gateway sind gültig', next: i + 1 < QUESTIONS ? `frage-${i + 1}` : leaf(i) },
        { label: 'Nein, APIPA-Adresse 169.254.x.x', next: leaf(i) },
        { label: 'Weiß nicht / Benutzer kann es nicht prüfen', next: leaf(i + 30) },
      ],
    };
  }
  for (let i = 0; i < SOLVED; i++) {
    nodes[`loesung-${i}`] = {
      type: 'solved',
      text: `DHCP-Lease erneuern und Netzwerkadapter zurücksetzen (Variante ${i + 1}).`,
      article: options.articles[i % options.articles.length],
      next: `eskalation-${i % ESCALATE}`,
    };
  }
  for (let i = 0; i < ESCALATE; i++) {
    nodes[`eskalation-${i}`] = {
      type: 'escalate',
      level: 2,
      team: options.team,
      priority: (['low', 'medium', 'high', 'critical'] as const)[i % 4],
      reason: `Netzwerkstörung im Segment ${i + 1}: Adressvergabe oder Switchport prüfen.`,
      collect: [
        { id: 'rechner', label: 'Rechnername', type: 'text', required: true, hint: 'Steht auf dem Aufkleber oder unter `hostname`' },
        { id: 'standort', label: 'Standort', type: 'select', options: ['Berlin', 'Hamburg', 'München'], required: true },
        { id: 'mehrere', label: 'Mehrere Personen betroffen', type: 'checkbox' },
      ],
    };
  }
  return stringify({
    id: options.id,
    title: 'Netzwerkdiagnose Schritt für Schritt (150 Knoten)',
    description: 'Großer Diagnosebaum für das Seitengrößen-Budget: 90 Fragen, 35 Lösungen, 25 Eskalationen.',
    audience: 'first-level',
    category: options.category,
    version: '1.0',
    owner: 'L2 Netzwerk',
    lang: 'de',
    start: 'frage-0',
    nodes,
  });
}
