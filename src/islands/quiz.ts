/**
 * Scores `<Quiz>` knowledge checks in the browser: marks each question, opens its explanation,
 * announces the score. The strings come from the page (data-text-*), so they stay in src/i18n.
 */

export function initQuizzes() {
  for (const quiz of document.querySelectorAll<HTMLElement>('[data-quiz]')) {
    const form = quiz.querySelector<HTMLFormElement>('[data-quiz-form]')!;
    const text = { score: quiz.dataset.textScore!, correct: quiz.dataset.textCorrect!, wrong: quiz.dataset.textWrong! };
    quiz.querySelector<HTMLElement>('[data-quiz-actions]')!.hidden = false;
    const questions = [...quiz.querySelectorAll<HTMLFieldSetElement>('[data-question]')];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      let right = 0;
      for (const q of questions) {
        const correct = q.dataset.correct!.split(',').sort().join(',');
        const chosen = [...q.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value).sort().join(',');
        const ok = chosen === correct;
        if (ok) right++;
        q.dataset.state = ok ? 'correct' : 'wrong';
        const result = q.querySelector<HTMLElement>('[data-result]')!;
        result.hidden = false;
        result.textContent = ok ? `✓ ${text.correct}` : `✗ ${text.wrong}`;
        q.querySelector<HTMLDetailsElement>('[data-reveal]')!.open = true;
      }
      quiz.querySelector('[data-quiz-score]')!.textContent = text.score.replace('{correct}', String(right)).replace('{total}', String(questions.length));
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
