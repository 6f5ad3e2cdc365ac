/**
 * Flashcard review (復習) of the glossary. The cards are the page's own HTML list (which is the
 * deck without JavaScript); this shows one card at a time: reveal, then 覚えた / まだ.
 * Progress lives in localStorage, so it survives reloads and works offline; nothing is fetched.
 * Keys: Space/Enter reveal, 1 覚えた, 2 まだ.
 */

import { emptyProgress, parseProgress, STORAGE_KEY, type Mark, type Progress } from './review-progress.ts';

interface Card {
  key: string;
  category: string;
  term: string;
  definition: string;
  href: string;
  source: string;
}

function load(): Progress {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked: start afresh.
  }
  return parseProgress(raw);
}

function save(progress: Progress): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or blocked: the session still works, it just isn't remembered.
  }
}

export function startReview(root: HTMLElement, deck: HTMLElement): void {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const text = (item: Element, selector: string) => item.querySelector(selector)?.textContent?.trim() ?? '';
  const cards: Card[] = [...deck.querySelectorAll<HTMLElement>('li[data-key]')].map((item) => ({
    key: item.dataset.key!,
    category: item.dataset.category!,
    term: text(item, '[data-term]'),
    definition: text(item, '[data-definition]'),
    href: item.querySelector<HTMLAnchorElement>('[data-source]')!.getAttribute('href')!,
    source: text(item, '[data-source]'),
  }));

  const select = $<HTMLSelectElement>('[data-review-category]');
  const progressText = $('[data-review-progress]');
  const card = $('[data-review-card]');
  const termText = $('[data-review-term]');
  const answer = $('[data-review-answer]');
  const definition = $('[data-review-definition]');
  const source = $<HTMLAnchorElement>('[data-review-source]');
  const reveal = $<HTMLButtonElement>('[data-review-reveal]');
  const markButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-review-mark]')];
  const done = $('[data-review-done]');

  const progress = load();
  if (![...select.options].some((option) => option.value === progress.category)) progress.category = '';
  select.value = progress.category;
  let queue: Card[] = [];
  let revealed = false;

  const inDeck = () => cards.filter((c) => !progress.category || c.category === progress.category);

  /** Not yet known: never-marked cards first, then the まだ ones. */
  function rebuild(): void {
    const open = inDeck().filter((c) => progress.marks[c.key] !== 'known');
    queue = [...open.filter((c) => !progress.marks[c.key]), ...open.filter((c) => progress.marks[c.key] === 'again')];
    show();
  }

  function show(focus = false): void {
    const deckCards = inDeck();
    const known = deckCards.filter((c) => progress.marks[c.key] === 'known').length;
    progressText.textContent = `覚えた ${known} / ${deckCards.length}（残り ${queue.length}）`;
    const current = queue[0];
    card.hidden = !current;
    done.hidden = !!current;
    revealed = false;
    answer.hidden = true;
    reveal.hidden = false;
    for (const button of markButtons) button.hidden = true;
    if (!current) {
      if (focus) done.focus();
      return;
    }
    termText.textContent = current.term;
    definition.textContent = current.definition;
    source.textContent = `${current.source}で読む`;
    source.href = current.href;
    if (focus) reveal.focus();
  }

  function showAnswer(): void {
    if (!queue[0] || revealed) return;
    revealed = true;
    answer.hidden = false;
    reveal.hidden = true;
    for (const button of markButtons) button.hidden = false;
    markButtons[0]!.focus();
  }

  function mark(value: Mark): void {
    const current = queue[0];
    if (!current || !revealed) return;
    progress.marks[current.key] = value;
    save(progress);
    queue.shift();
    if (value === 'again') queue.push(current);
    show(true);
  }

  reveal.addEventListener('click', showAnswer);
  for (const button of markButtons) button.addEventListener('click', () => mark(button.dataset.reviewMark as Mark));
  select.addEventListener('change', () => {
    progress.category = select.value;
    save(progress);
    rebuild();
  });
  $('[data-review-reset]').addEventListener('click', () => {
    progress.marks = emptyProgress().marks;
    save(progress);
    rebuild();
    reveal.focus();
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest('input, select, textarea')) return;
    const onControl = !!target.closest('button, a, summary');
    if ((event.key === ' ' || event.key === 'Enter') && !onControl && !revealed && queue[0]) {
      event.preventDefault();
      showAnswer();
    } else if (event.key === '1' || event.key === '2') {
      if (!revealed) return;
      event.preventDefault();
      mark(event.key === '1' ? 'known' : 'again');
    }
  });

  deck.hidden = true;
  root.hidden = false;
  rebuild();
}
