/**
 * The search dialog. Loaded only on demand: the inline head script `import()`s this module when
 * search is opened (button, `/`, Ctrl/Cmd+K), hovered or focused, or when a page is opened from a
 * result (`?pf=` in the URL) to mark the hits. Pagefind's own files load from here, never before.
 */
import css from '../../styles/search.css?inline';
import { HIGHLIGHT_PARAM } from './highlight-param.ts';
import { messages, moreLabel, noResultsMessage, resultCountMessage } from './messages.ts';
import { firstPage, nextPage, startListing, type Listing, type Source } from './paging.ts';
import { normaliseQuery, searchAttempts } from './query.ts';
import { shapeResult, type PagefindResultData, type ShapedResult } from './results.ts';
import type { TextRun } from './excerpt.ts';
import { fragmentId } from './fragment.ts';

const PAGEFIND_URL = '/pagefind/pagefind.js';
const HIGHLIGHT_URL = '/pagefind/pagefind-highlight.js';
/**
 * Ranking: no penalty for long notes. The long notes (ECS, IAM) are the hubs of their topics;
 * with Pagefind's default length normalisation a short note that mentions a word in passing
 * outranks the note about it (`ecs` put "ALB, ECS ポート設定" above "ECS").
 */
export const RANKING = { pageLength: 0 };
const DEBOUNCE_MS = 30;

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}
interface PagefindSearch {
  results: PagefindResult[];
}
/** A search as the dialog lists it: `seq` is its number; `loading` while a press fetches more. */
type ShownListing = Listing<PagefindResult> & { seq: number; source: Source<PagefindResult>; loading?: boolean };
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  preload(term: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<PagefindSearch>;
}

let pagefind: Promise<Pagefind> | undefined;

/** Pagefind's script, options and metadata; retried on the next call if it failed (no build yet in dev). */
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const module = (await import(/* @vite-ignore */ PAGEFIND_URL)) as Pagefind;
    await module.options({ highlightParam: HIGHLIGHT_PARAM, ranking: RANKING, excerptLength: 30 });
    await module.init();
    return module;
  })();
  pagefind.catch(() => (pagefind = undefined));
  return pagefind;
}

let styled = false;
function addStyles(): void {
  if (styled) return;
  styled = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/** Hover or focus on the search button: fetch what opening needs, before it is needed. */
export function warm(): void {
  addStyles();
  loadPagefind().catch(() => {});
}

let ui: SearchDialog | undefined;

/** Opens the dialog (or focuses its input if it is open). */
export function open(): void {
  addStyles();
  const dialog = document.getElementById('search-dialog');
  if (!(dialog instanceof HTMLDialogElement)) return;
  ui ??= new SearchDialog(dialog);
  ui.open();
}

/** On a page opened from a result: mark the searched words in the note (Pagefind's highlight script). */
export async function highlight(): Promise<void> {
  addStyles();
  const { default: PagefindHighlight } = (await import(/* @vite-ignore */ HIGHLIGHT_URL)) as {
    default: new (options: Record<string, unknown>) => unknown;
  };
  new PagefindHighlight({
    highlightParam: HIGHLIGHT_PARAM,
    markContext: null,
    addStyles: false,
    markOptions: {
      className: 'search-hit',
      // A word already marked (ユーザー) is not marked again inside (ユーザ).
      exclude: [
        'mark.search-hit',
        '[data-pagefind-ignore]',
        '[data-pagefind-ignore] *',
        '.toc',
        '.toc *',
        '.heading-anchor',
        '.heading-anchor *',
      ],
    },
  });
  // Keep the section the reader asked for in view (a malformed fragment names none).
  const id = fragmentId(location.hash);
  if (id) document.getElementById(id)?.scrollIntoView();
}

class SearchDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly category: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;
  private readonly more: HTMLButtonElement;
  /** The listed search: 「さらに表示」 lists its next results. */
  private listing: ShownListing | undefined;
  private opener: HTMLElement | null = null;
  private opened = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether any note holds a word, by word: the index does not change while the page is open. */
  private readonly known = new Map<string, Promise<boolean>>();

  constructor(dialog: HTMLDialogElement) {
    this.dialog = dialog;
    this.input = dialog.querySelector<HTMLInputElement>('#search-input')!;
    this.category = dialog.querySelector<HTMLSelectElement>('#search-category')!;
    this.status = dialog.querySelector<HTMLElement>('#search-status')!;
    this.list = dialog.querySelector<HTMLElement>('#search-results')!;
    // Made here, not in every page's HTML: only a search can need it.
    this.more = el('button', 'search-more');
    this.more.type = 'button';
    this.more.hidden = true;
    this.more.addEventListener('click', () => void this.showMore());
    this.list.after(this.more);

    this.input.addEventListener('input', (event) => {
      // Wait for the IME to commit: searching half-converted kana is noise.
      if ((event as InputEvent).isComposing) return;
      this.schedule();
    });
    this.input.addEventListener('compositionend', () => this.schedule());
    this.category.addEventListener('change', () => void this.search());
    dialog.querySelector('[data-search-close]')?.addEventListener('click', () => this.close());
    dialog.addEventListener('keydown', (event) => this.onKeydown(event));
    // A click on the backdrop (outside the panel) closes.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) this.close();
    });
    dialog.addEventListener('close', () => this.restoreFocus());
  }

  open(): void {
    if (!this.dialog.open) {
      const active = document.activeElement;
      this.opener =
        active instanceof HTMLElement && active !== document.body ? active : document.querySelector('.search-button');
      this.dialog.showModal();
    }
    this.input.focus();
    // The button opens the dialog before this module has loaded (`command="show-modal"`): what the
    // reader typed meanwhile is the query, kept as typed. Later, an old query is selected to be replaced.
    if (this.opened) this.input.select();
    this.opened = true;
    // Start fetching the index now, so results are there as soon as the reader has typed.
    if (!this.list.childElementCount) this.setStatus(this.input.value ? messages.loading : messages.idle);
    loadPagefind().then(
      (pf) => {
        if (this.input.value || this.category.value) void this.search();
        else void pf.preload('a').catch(() => {});
      },
      () => this.setStatus(messages.noIndex),
    );
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private restoreFocus(): void {
    const target = this.opener?.isConnected ? this.opener : document.querySelector<HTMLElement>('.search-button');
    target?.focus();
    this.opener = null;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const term = normaliseQuery(this.input.value);
    // Fetch the index chunks for what is typed so far while the debounce runs.
    const first = searchAttempts(term)[0];
    if (first)
      loadPagefind()
        .then(
          (pf) => pf.preload(first.term),
          () => {},
        )
        .catch(() => {});
    this.timer = setTimeout(() => void this.search(), DEBOUNCE_MS);
  }

  private async search(): Promise<void> {
    const seq = ++this.seq;
    const raw = this.input.value;
    const term = normaliseQuery(raw);
    const category = this.category.value || undefined;
    if (!raw && !category) {
      this.render([], messages.idle);
      return;
    }
    if (!term && !category) {
      this.render([], noResultsMessage(raw));
      return;
    }
    try {
      const pf = await loadPagefind();
      const source = this.source(pf, category);
      // A category alone lists its notes; a query is asked as typed, then by its words (query.ts).
      const { listing, shown } = term
        ? await firstPage(term, category, searchAttempts(term), source)
        : await (async () => {
            const all = startListing('', category, await source.search(null));
            return { listing: all, shown: await nextPage(all, source) };
          })();
      if (seq !== this.seq) return;
      this.render(
        shown.map((data) => shapeResult(data, listing?.words)),
        listing && shown.length
          ? resultCountMessage(listing.count, term, category, listing)
          : noResultsMessage(raw, category),
        listing && Object.assign(listing, { seq, source }),
      );
    } catch (error) {
      if (seq !== this.seq) return;
      this.render([], pagefind ? messages.failed : messages.noIndex);
      console.error('search failed', error);
    }
  }

  /** Pagefind's results within `category`, their pages' text, and whether a word is in any note. */
  private source(pf: Pagefind, category: string | undefined): Source<PagefindResult> {
    return {
      search: async (term) => (await pf.search(term, { filters: category ? { category } : {} })).results,
      fetchData: (result) => result.data(),
      key: (result) => result.id,
      inIndex: (word) => {
        let known = this.known.get(word);
        if (!known) {
          known = pf.search(word).then((found) => found.results.length > 0);
          this.known.set(word, known);
          known.catch(() => this.known.delete(word));
        }
        return known;
      },
    };
  }

  /**
   * 「さらに表示」: lists the listed search's next results and moves focus to the first of them.
   * Ignored while a newer search is on its way (its results will replace these) or while the
   * last press is still loading. The button stays focusable meanwhile (`aria-disabled`, not
   * `disabled`, which would drop keyboard focus to the page).
   */
  private async showMore(): Promise<void> {
    const listing = this.listing;
    if (!listing || listing.seq !== this.seq || listing.loading) return;
    listing.loading = true;
    this.updateMore();
    try {
      const shown = await nextPage(listing, listing.source);
      // A newer search started meanwhile (its results replace these): nothing to add.
      if (listing.seq !== this.seq) return;
      const items = shown.map((data) => renderResult(shapeResult(data, listing.words)));
      this.list.append(...items);
      this.setStatus(resultCountMessage(listing.count, listing.term, listing.category, listing));
      this.updateMore();
      // Focus the first new result; if every one fetched was dropped, stay on the button, or
      // go to the last result when nothing is left.
      (items[0]?.querySelector('a') ?? (this.more.hidden ? this.links().at(-1) : this.more))?.focus();
    } catch (error) {
      if (listing.seq === this.seq) this.setStatus(messages.failed);
      console.error('search failed', error);
    } finally {
      listing.loading = false;
      if (this.listing === listing) this.updateMore();
    }
  }

  private updateMore(): void {
    const left = this.listing?.pending.length ?? 0;
    this.more.hidden = left === 0;
    this.more.textContent = moreLabel(left);
    if (this.listing?.loading) this.more.setAttribute('aria-disabled', 'true');
    else this.more.removeAttribute('aria-disabled');
  }

  private setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private render(results: ShapedResult[], status: string, listing?: ShownListing): void {
    this.listing = results.length ? listing : undefined;
    this.list.replaceChildren(...results.map((result) => renderResult(result)));
    this.list.hidden = results.length === 0;
    this.updateMore();
    this.setStatus(status);
  }

  private links(): HTMLAnchorElement[] {
    return [...this.list.querySelectorAll<HTMLAnchorElement>('a[href]')];
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.isComposing) return;
    const target = event.target as HTMLElement;
    const links = this.links();
    // ↑↓ move through the results, then 「さらに表示」.
    const items: HTMLElement[] = this.more.hidden ? links : [...links, this.more];
    const index = items.indexOf(target);
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        this.close();
        return;
      case 'ArrowDown':
        if (target === this.input || index >= 0) {
          event.preventDefault();
          items[Math.min(index + 1, items.length - 1)]?.focus();
        }
        return;
      case 'ArrowUp':
        if (index >= 0) {
          event.preventDefault();
          (index === 0 ? this.input : items[index - 1]!).focus();
        }
        return;
      case 'Enter':
        // Enter in the input opens the first result, at its best section.
        if (target === this.input && links[0]) {
          event.preventDefault();
          links[0].click();
        }
        return;
      case 'Tab':
        this.trapFocus(event);
        return;
    }
  }

  /** Tab and Shift+Tab cycle inside the dialog. */
  private trapFocus(event: KeyboardEvent): void {
    const focusable = [...this.dialog.querySelectorAll<HTMLElement>('input, select, button, a[href]')].filter(
      (el) => !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled,
    );
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }
}

function runs(parent: HTMLElement, parts: TextRun[]): HTMLElement {
  for (const part of parts) {
    if (part.hit) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      parent.append(mark);
    } else parent.append(part.text);
  }
  return parent;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderResult(result: ShapedResult): HTMLLIElement {
  const item = el('li', 'search-result');
  const link = el('a', 'search-result-link');
  link.href = result.url;
  const head = el('span', 'search-result-head');
  head.append(el('span', 'search-result-title', result.title));
  if (result.section) head.append(el('span', 'search-result-section', result.section));
  if (result.category) head.append(el('span', 'search-result-category', result.category));
  link.append(head, runs(el('span', 'search-result-excerpt'), result.excerpt));
  item.append(link);
  if (result.sections.length) {
    const sections = el('ul', 'search-sections');
    for (const section of result.sections) {
      const sectionLink = el('a', 'search-section-link');
      sectionLink.href = section.url;
      sectionLink.append(
        el('span', 'search-section-title', section.title),
        runs(el('span', 'search-result-excerpt'), section.excerpt),
      );
      const li = el('li', 'search-section');
      li.append(sectionLink);
      sections.append(li);
    }
    item.append(sections);
  }
  return item;
}
