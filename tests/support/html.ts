import { parseHTML } from 'linkedom';
import { oneLine } from '../../src/utils/one-line.ts';

/** Parses an HTML fragment so tests can query it the way a browser would. */
export function fragment(html: string): Document {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}

/** Text content with whitespace folded, as a reader sees it. */
export const textOf = (node: Element | Document | null | undefined) => oneLine(node?.textContent ?? '');
