/**
 * The only script on most pages, a few hundred bytes that do nothing until the reader searches:
 * submitting or typing in a search field marked `data-search-modal`, or Ctrl/Cmd+K, loads the
 * search modal (src/islands/search.ts) and opens it. Without JavaScript the fields submit to the
 * search page.
 */
let loaded: typeof import('./search.ts') | undefined;
const load = () => import('./search.ts').then((search) => (loaded = search));
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
      if (loaded) return loaded.openModal();
      // First use: open the dialog (already in the page) at once, so that what is typed while its
      // script loads lands in its field instead of nowhere; the script then searches for it.
      const dialog = document.querySelector<HTMLDialogElement>('dialog[data-search="dialog"]');
      const field = dialog?.querySelector<HTMLInputElement>('input[type=search]');
      if (dialog && field && !dialog.open) {
        dialog.showModal();
        field.focus();
      }
      void load().then((search) => search.openModal(field?.value));
    }
  });
}
