/**
 * 復習: spaced repetition of the glossary with FSRS. The cards are the page's own HTML list
 * (which is the deck without JavaScript): each term gives a term → definition card and a
 * definition → term card. One card at a time: reveal, then もう一度 / 難しい / 正解 / 簡単, each
 * showing when the card would come back. Cards due come first, then new cards up to the day's
 * limit (`queue.ts`). Progress lives in localStorage (`progress.ts`), so it survives reloads and
 * works offline; nothing is fetched. Keys: Space/Enter reveal, 1–4 answer.
 */
import { answer, answers, formatInterval, newCard, preview, type Answer } from './schedule.ts';
import { buildSession, deckOf, dueTimes, type Cloze, type DeckCard, type Session, type Term } from './queue.ts';
import {
  emptyProgress,
  loadProgress,
  serialise,
  STORAGE_KEY,
  OLD_STORAGE_KEYS,
  newPerDayChoices,
  type Progress,
} from './progress.ts';
import { exportFileName, exportProgress, importProgress, MAX_IMPORT_BYTES } from './transfer.ts';

const storage = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // storage blocked: start afresh
    }
  },
  /** False when storage is full or blocked; what was stored under `key` is then unchanged. */
  set(key: string, value: string): boolean {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  },
  remove(key: string): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // Blocked: nothing to free.
    }
  },
};

const NOT_SAVED =
  'この回答を保存できませんでした（このブラウザの保存領域がいっぱいか、保存が許されていません）。ページを閉じると失われます。「記録を書き出す」でファイルに残せます。';

/** Also in src/scripts/due-count.ts: the two scripts share no module, so neither loads the other. */
const REVIEW_SAVED = 'review:saved';

const sideLabels = { term: '用語 → 定義', definition: '定義 → 用語', cloze: '穴埋め' } as const;
/** What a 穴埋め card shows in place of its phrase until the answer is revealed. */
const BLANK = '＿＿＿';

/**
 * `deckList`: the glossary's terms; `clozeList`: the 穴埋め cards (both the page's own lists,
 * which are the deck without JavaScript).
 */
export function startReview(root: HTMLElement, deckList: HTMLElement, clozeList?: HTMLElement | null): void {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const text = (item: Element, selector: string) => item.querySelector(selector)?.textContent?.trim() ?? '';
  const terms: Term[] = [...deckList.querySelectorAll<HTMLElement>('li[data-key]')].map((item) => ({
    key: item.dataset.key!,
    category: item.dataset.category!,
    term: text(item, '[data-term]'),
    definition: text(item, '[data-definition]'),
    href: item.querySelector<HTMLAnchorElement>('[data-source]')!.getAttribute('href')!,
    source: text(item, '[data-source]'),
  }));
  const clozes: Cloze[] = [...(clozeList?.querySelectorAll<HTMLElement>('li[data-id]') ?? [])].map((item) => ({
    id: item.dataset.id!,
    key: item.dataset.key!,
    category: item.dataset.category!,
    before: item.querySelector('[data-before]')?.textContent ?? '',
    answer: item.querySelector('[data-answer]')?.textContent ?? '',
    after: item.querySelector('[data-after]')?.textContent ?? '',
    href: item.querySelector<HTMLAnchorElement>('[data-source]')!.getAttribute('href')!,
    source: text(item, '[data-source]'),
  }));
  const allCards = deckOf(terms, clozes);

  const select = $<HTMLSelectElement>('[data-review-category]');
  const perDay = $<HTMLSelectElement>('[data-review-new-per-day]');
  const progressText = $('[data-review-progress]');
  const cardBox = $('[data-review-card]');
  const sideText = $('[data-review-side]');
  const front = $('[data-review-front]');
  const answerBox = $('[data-review-answer]');
  const back = $('[data-review-back]');
  const source = $<HTMLAnchorElement>('[data-review-source]');
  const reveal = $<HTMLButtonElement>('[data-review-reveal]');
  const gradeButtons = [...root.querySelectorAll<HTMLButtonElement>('[data-review-grade]')];
  const done = $('[data-review-done]');
  const next = $('[data-review-next]');
  const message = $('[data-review-message]');
  const fileInput = $<HTMLInputElement>('[data-review-import]');
  const anki = document.querySelector<HTMLAnchorElement>('[data-review-anki]');
  const ankiCloze = document.querySelector<HTMLAnchorElement>('[data-review-anki-cloze]');
  const blank = document.createElement('span');
  blank.className = 'review-blank';

  const siteCards = new Set(allCards.map((card) => card.id));
  let progress: Progress = loadProgress(storage.get, new Date());
  /** Whether the last save failed: its warning stays until a save succeeds. */
  let unsaved = false;
  let session: Session;
  let current: DeckCard | undefined;
  let revealed = false;

  const deck = () => allCards.filter((card) => !progress.category || card.category === progress.category);

  /**
   * Stores the progress; false when storage refused it (full or blocked), in which case what was
   * stored before is still there, whole: `setItem` replaces a value entirely or not at all.
   */
  function save(): boolean {
    if (!storage.set(STORAGE_KEY, JSON.stringify(serialise(progress)))) return false;
    for (const key of OLD_STORAGE_KEYS) storage.remove(key);
    // The header's count of cards due today (src/scripts/due-count.ts) stores and shows these.
    dispatchEvent(new CustomEvent(REVIEW_SAVED, { detail: dueTimes(deck(), progress) }));
    return true;
  }

  /** Saves after an answer or a setting; says so when it could not, and clears that once it can. */
  function saveOrWarn(): void {
    const saved = save();
    if (!saved) message.textContent = NOT_SAVED;
    else if (unsaved) message.textContent = '';
    unsaved = !saved;
  }

  /** Puts the settings into the controls (an unknown stored category or limit falls back). */
  function syncControls(): void {
    if (![...select.options].some((option) => option.value === progress.category)) progress.category = '';
    select.value = progress.category;
    if (!newPerDayChoices.some((n) => n === progress.newPerDay)) {
      const option = new Option(`${progress.newPerDay}枚`, String(progress.newPerDay));
      perDay.append(option);
    }
    perDay.value = String(progress.newPerDay);
    const option = select.selectedOptions[0];
    // The category's Anki files; a category without terms (or without 穴埋め) has no such file.
    for (const [link, file, name] of [
      [anki, option?.dataset.anki, option?.dataset.ankiName],
      [ankiCloze, option?.dataset.ankiCloze, option?.dataset.ankiClozeName],
    ] as const) {
      if (!link) continue;
      link.closest('li')!.hidden = !file;
      if (file) {
        link.href = file;
        link.download = name ?? '';
      }
    }
  }

  function show(focus = false): void {
    const now = new Date();
    session = buildSession(deck(), progress, now);
    current = session.queue[0];
    progressText.textContent = `今日の残り: 復習 ${session.dueToday}・新規 ${session.newToday}`;
    cardBox.hidden = !current;
    done.hidden = !!current;
    revealed = false;
    answerBox.hidden = true;
    reveal.hidden = false;
    for (const button of gradeButtons) button.hidden = true;
    if (!current) {
      next.textContent = session.nextDue
        ? `次のカードは${formatInterval(now, session.nextDue)}に出てきます。`
        : 'このデッキのカードはまだありません。新しいカードは明日また出てきます。';
      if (focus) done.focus();
      return;
    }
    const isTerm = current.side === 'term';
    sideText.textContent = sideLabels[current.side];
    if (current.cloze) {
      // The sentence with its phrase blanked; revealing fills the blank in place.
      blank.textContent = BLANK;
      blank.classList.remove('review-blank-answer');
      front.replaceChildren(current.cloze.before, blank, current.cloze.after);
    } else front.textContent = isTerm ? current.term : current.definition;
    back.textContent = current.cloze ? '' : isTerm ? current.definition : current.term;
    back.hidden = !!current.cloze;
    front.classList.toggle('review-front-long', !isTerm);
    source.textContent = `${current.source}で読む`;
    source.href = current.href;
    if (focus) reveal.focus();
  }

  function showAnswer(): void {
    if (!current || revealed) return;
    revealed = true;
    const now = new Date();
    const outcomes = preview(progress.cards[current.id] ?? newCard(now), now);
    for (const button of gradeButtons) {
      const grade = Number(button.dataset.reviewGrade) as Answer;
      button.querySelector('[data-review-interval]')!.textContent = formatInterval(now, outcomes[grade].due);
      button.hidden = false;
    }
    if (current.cloze) {
      blank.textContent = current.cloze.answer;
      blank.classList.add('review-blank-answer');
    }
    answerBox.hidden = false;
    reveal.hidden = true;
    // 正解, the usual answer, has the focus; 1–4 answer from anywhere.
    gradeButtons[2]!.focus();
  }

  function grade(value: Answer): void {
    if (!current || !revealed) return;
    const now = new Date();
    const before = progress.cards[current.id];
    const card = answer(before ?? newCard(now), now, value);
    progress.cards[current.id] = { ...card, introduced: before?.introduced ?? now };
    // Not stored: the session goes on with the answer in memory (書き出す still has it), and says so.
    saveOrWarn();
    show(true);
  }

  reveal.addEventListener('click', showAnswer);
  for (const button of gradeButtons) {
    button.addEventListener('click', () => grade(Number(button.dataset.reviewGrade) as Answer));
  }
  select.addEventListener('change', () => {
    progress.category = select.value;
    syncControls();
    saveOrWarn();
    show();
  });
  perDay.addEventListener('change', () => {
    progress.newPerDay = Number(perDay.value);
    saveOrWarn();
    show();
  });

  $('[data-review-export]').addEventListener('click', () => {
    const now = new Date();
    const url = URL.createObjectURL(new Blob([exportProgress(progress, now)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(now);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    message.textContent = `記録を書き出しました（${link.download}）。`;
  });
  $('[data-review-import-button]').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      message.textContent = `「${file.name}」は大きすぎて読み込めません（${MAX_IMPORT_BYTES / 1024 / 1024} MB まで）。記録は変わっていません。`;
      return;
    }
    const refused = (why: string) =>
      (message.textContent = `「${file.name}」を読み込めませんでした: ${why} 記録は変わっていません。`);
    const result = importProgress(await file.text(), progress, { known: (id) => siteCards.has(id) });
    if (!result.ok) return refused(result.message);
    // Claimed only once stored: a file that does not fit leaves both storage and the session as they were.
    const before = progress;
    progress = result.progress;
    if (!save()) {
      progress = before;
      return refused('このブラウザの保存領域に入りきりません（ほかのサイトのデータや空き容量を確認してください）。');
    }
    unsaved = false;
    syncControls();
    show();
    message.textContent = result.summary;
  });
  $('[data-review-reset]').addEventListener('click', () => {
    if (
      !confirm('このブラウザの復習の記録をすべて消します。よろしいですか？（先に「記録を書き出す」で保存できます）')
    ) {
      return;
    }
    const before = progress;
    progress = { ...emptyProgress(), category: progress.category, newPerDay: progress.newPerDay };
    if (!save()) {
      progress = before;
      message.textContent =
        '記録をリセットできませんでした（このブラウザの保存領域に書き込めません）。記録は変わっていません。';
      return;
    }
    unsaved = false;
    show();
    message.textContent = '記録をリセットしました。';
    reveal.focus();
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.altKey || event.ctrlKey || event.metaKey || target.closest('input, select, textarea')) return;
    const onControl = !!target.closest('button, a, summary');
    if ((event.key === ' ' || event.key === 'Enter') && !onControl && !revealed && current) {
      event.preventDefault();
      showAnswer();
    } else if (/^[1-4]$/.test(event.key) && revealed) {
      event.preventDefault();
      grade(answers[Number(event.key) - 1]!.grade);
    }
  });

  syncControls();
  deckList.hidden = true;
  if (clozeList) clozeList.hidden = true;
  root.hidden = false;
  saveOrWarn();
  show();
}
