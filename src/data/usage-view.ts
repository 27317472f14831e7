/**
 * The usage insights page's lists and chart, computed from the KB and content/insights/usage.json:
 * what the page shows, in the order it shows it.
 */
import type { Kb } from './kb.ts';
import { stackedBars } from '../lib/charts.ts';
import { articleWords, helpfulRate, lastMonths, needsAttention, ticketMonthRows, topReused } from '../lib/usage/insights.ts';

export function usageView(kb: Kb, monthLabel: (month: string) => string, size: { width: number; height: number }) {
  const usage = kb.usage;
  const months = usage ? lastMonths(usage.searches.byMonth) : [];
  const keys = ['clicked', 'noClick', 'noResults'];
  const chart = usage
    ? stackedBars(
        months.map((m) => {
          const x = usage.searches.byMonth[m]!;
          return {
            label: monthLabel(m),
            values: { clicked: x.total - x.noResults - x.noClick, noClick: x.noClick, noResults: x.noResults },
          };
        }),
        keys,
        size,
      )
    : undefined;

  const words = kb.articles.map((a) => ({ category: a.data.category, words: articleWords(a.data) }));
  const attention = usage ? needsAttention(usage) : [];
  const voted = usage
    ? usage.articles
        .filter((a) => a.helpful + a.notHelpful > 0)
        .sort((a, b) => (helpfulRate(a) ?? 1) - (helpfulRate(b) ?? 1) || b.notHelpful - a.notHelpful)
        .slice(0, 50)
    : [];
  const neverFound = usage ? usage.neverFound.filter((id) => kb.byId.has(id)) : [];
  const fromSearch = usage
    ? usage.articles
        .filter((a) => a.fromSearch > 0)
        .sort((a, b) => b.fromSearch - a.fromSearch)
        .slice(0, 20)
    : [];
  const treeIds = usage ? [...new Set(usage.trees.map((x) => x.tree))].filter((id) => kb.treeById.has(id)) : [];
  // Link rate and new vs known per month, from the escalation importer's insights.
  const linkRows = [
    ...new Map(
      (kb.insights?.byCategoryMonth ?? []).reduce((m, r) => {
        const x = m.get(r.month) ?? { total: 0, known: 0, new: 0 };
        m.set(r.month, { total: x.total + r.total, known: x.known + r.known, new: x.new + r.new });
        return m;
      }, new Map<string, { total: number; known: number; new: number }>()),
    ),
  ]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-12);
  // KCS measures from ticket exports (kb report --tickets): per month, and new vs known as a chart.
  const tickets = usage?.kcs?.tickets;
  const ticketRows = tickets ? ticketMonthRows(tickets) : [];
  const ticketKeys = ['known', 'newArticle', 'noArticle'];
  const ticketChart =
    ticketRows.length > 0
      ? stackedBars(
          ticketRows.map((r) => ({
            label: monthLabel(r.month),
            values: { known: r.known, newArticle: r.newArticle, noArticle: r.noArticle },
          })),
          ticketKeys,
          size,
        )
      : undefined;
  const reused = tickets ? topReused(tickets, (id) => kb.byId.has(id)) : [];
  const validatedMonths = tickets ? lastMonths(tickets.timeToValidated.byMonth) : [];
  return {
    months,
    chart,
    keys,
    words,
    attention,
    voted,
    neverFound,
    fromSearch,
    treeIds,
    linkRows,
    tickets,
    ticketRows,
    ticketKeys,
    ticketChart,
    reused,
    validatedMonths,
  };
}
