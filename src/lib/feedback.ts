/** Feedback on an article without a backend: prefilled e-mails and ticket links. */
import { fillTicketUrl, mailtoUrl } from './links.ts';

export const FEEDBACK_REASONS = ['inaccurate', 'unclear', 'step-missing', 'outdated', 'broken-link'] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

export interface FeedbackArticle {
  id: string;
  title: string;
  url: string;
  reviewed: string;
}

export interface FeedbackLabels {
  subject: string;
  article: string;
  reviewed: string;
  reason: string;
  details: string;
}

/** The text of a feedback message: article id, title, URL, review date and the reason. */
export function feedbackText(a: FeedbackArticle, labels: FeedbackLabels, reason: string): { subject: string; body: string } {
  return {
    subject: `${labels.subject}: ${a.title} [${a.id}]`,
    body: [
      `${labels.article}: ${a.title} (${a.id})`,
      a.url,
      `${labels.reviewed}: ${a.reviewed}`,
      `${labels.reason}: ${reason}`,
      '',
      `${labels.details}:`,
      '',
    ].join('\n'),
  };
}

export function feedbackLinks(a: FeedbackArticle, labels: FeedbackLabels, reason: string, to: string, ticketTemplate: string) {
  const { subject, body } = feedbackText(a, labels, reason);
  return { mail: mailtoUrl(to, subject, body), ticket: fillTicketUrl(ticketTemplate, { title: subject, description: body }) };
}
