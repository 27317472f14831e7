/**
 * Scores `<Quiz>` knowledge checks in the browser: marks each question, opens its explanation,
 * announces the score. The strings come from the page (data-text-*), so they stay in src/i18n.
 */
import { quizEvent } from './events.ts';

/** The quiz's id in usage events: the training module's slug, numbered if a page has several. */
function quizId(index: number): string {
  const slug =
    (location.pathname.split('/').filter(Boolean).at(-1) ?? 'quiz')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+/, '')
      .slice(0, 100) || 'quiz';
  return index ? `${slug}-${index + 1}` : slug;
}

export function initQuizzes() {
  for (const [index, quiz] of [...document.querySelectorAll<HTMLElement>('[data-quiz]')].entries()) {
    const form = quiz.querySelector<HTMLFormElement>('[data-quiz-form]')!;
    const text = { score: quiz.dataset.textScore!, correct: quiz.dataset.textCorrect!, wrong: quiz.dataset.textWrong! };
    quiz.querySelector<HTMLElement>('[data-quiz-actions]')!.hidden = false;
    const questions = [...quiz.querySelectorAll<HTMLFieldSetElement>('[data-question]')];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      let right = 0;
      const results: boolean[] = [];
      for (const q of questions) {
        const correct = q.dataset.correct!.split(',').sort().join(',');
        const chosen = [...q.querySelectorAll<HTMLInputElement>('input:checked')]
          .map((i) => i.value)
          .sort()
          .join(',');
        const ok = chosen === correct;
        if (ok) right++;
        results.push(ok);
        q.dataset.state = ok ? 'correct' : 'wrong';
        const result = q.querySelector<HTMLElement>('[data-result]')!;
        result.hidden = false;
        result.textContent = ok ? `✓ ${text.correct}` : `✗ ${text.wrong}`;
        q.querySelector<HTMLDetailsElement>('[data-reveal]')!.open = true;
      }
      quiz.querySelector('[data-quiz-score]')!.textContent = text.score
        .replace('{correct}', String(right))
        .replace('{total}', String(questions.length));
      // Anonymous: which questions were right, nothing about who answered.
      quizEvent(quizId(index), results);
    });
    form.addEventListener('reset', () => {
      for (const q of questions) {
        delete q.dataset.state;
        q.querySelector<HTMLElement>('[data-result]')!.hidden = true;
        q.querySelector<HTMLDetailsElement>('[data-reveal]')!.open = false;
      }
      quiz.querySelector('[data-quiz-score]')!.textContent = '';
    });
  }
}
