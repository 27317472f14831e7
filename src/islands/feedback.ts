/**
 * "Hat das geholfen?" with JavaScript: the vote links (`a[data-kb-vote]`, which without JavaScript
 * go to /_kb/e and are redirected back) send the event as a beacon instead, then show the same
 * follow-up panel (`data-then`) without leaving the page. With events off for this browser (Global
 * Privacy Control in the employee build) nothing is sent; the panel still opens.
 */
import { feedbackEvent } from './events.ts';
import { NOT_HELPFUL_REASONS, type NotHelpfulReason } from '../lib/usage/vocabulary.ts';

export function initFeedback() {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-kb-vote]');
    if (!link) return;
    event.preventDefault();
    const reason = link.dataset.reason as NotHelpfulReason | undefined;
    feedbackEvent(link.dataset.article ?? '', link.dataset.kbVote === 'y', reason && NOT_HELPFUL_REASONS.includes(reason) ? reason : undefined);
    const then = link.dataset.then ?? '';
    // A new hash makes the panel the :target (CSS shows it); focus moves there for screen readers.
    location.hash = then;
    document.getElementById(then)?.focus();
  });
}
