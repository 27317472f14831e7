/**
 * The only script on most pages, a few hundred bytes that do nothing until the reader searches:
 * submitting or typing in a search field marked `data-search-modal`, or Ctrl/Cmd+K, loads the
 * search modal (src/islands/search.ts) and opens it. Without JavaScript the fields submit to the
 * search page.
 */
const load = () => import('./search.ts');
const open = (term?: string) => load().then((search) => search.openModal(term));

export function initSearchTrigger() {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-search-modal]')) {
    const input = form.querySelector<HTMLInputElement>('input[type=search]')!;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void open(input.value.trim());
    });
    // Typing opens the modal; what was typed while its script loaded moves over with it, in the
    // same task that moves the focus, so no keystroke lands in between.
    let opening: Promise<void> | undefined;
    input.addEventListener('input', () => {
      opening ??= load().then((search) => {
        const term = input.value;
        input.value = '';
        opening = undefined;
        search.openModal(term);
      });
    });
  }
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      void open();
    }
  });
}
