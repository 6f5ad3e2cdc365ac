/**
 * The query parameter that carries the searched words to a page opened from a result (Pagefind's
 * `highlightParam`): the search UI writes it, the head script looks for it.
 */
export const HIGHLIGHT_PARAM = 'pf';
