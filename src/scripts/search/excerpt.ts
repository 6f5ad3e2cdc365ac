/**
 * Pagefind's excerpts are HTML: the page text, entity-escaped, with the hits wrapped in `<mark>`.
 * They are never put into the page as HTML: this turns one into text runs, hit or not, that the
 * UI renders with `textContent`, so nothing in a note (or a crafted index) can inject markup.
 */
export interface TextRun {
  text: string;
  hit: boolean;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/**
 * Splits on `<mark>`/`</mark>` only; any other tag-like text stays text. Zero-width spaces (Pagefind
 * puts them between Japanese words) are removed, and neighbouring runs of the same kind are joined
 * (`<mark>永続</mark><mark>化</mark>` is one hit, 永続化).
 */
export function parseExcerpt(html: string): TextRun[] {
  const runs: TextRun[] = [];
  let hit = false;
  for (const part of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) hit = true;
    else if (/^<\/mark>$/i.test(part)) hit = false;
    else {
      const text = decodeEntities(part).replace(/\u200b/g, '');
      if (!text) continue;
      const last = runs.at(-1);
      if (last && last.hit === hit) last.text += text;
      else runs.push({ text, hit });
    }
  }
  return runs;
}
