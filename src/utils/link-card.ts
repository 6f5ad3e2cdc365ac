import { safeDecodeUri } from './safe-decode.ts';

/** What a link card shows for a URL: the text, the host, and whether it opens a PDF. */
export interface LinkCardInfo {
  href: string;
  label: string;
  host: string;
  isPdf: boolean;
}

/**
 * Describes a link for a card without touching the network: the label is the link text when
 * the author gave one, otherwise the URL made readable (percent-escapes decoded where valid).
 */
export function describeLink(href: string, text?: string): LinkCardInfo {
  const url = new URL(href);
  const readable = safeDecodeUri(href);
  const label = text && text !== href && text !== readable ? text : readable;
  return {
    href: url.href,
    label,
    host: url.hostname.replace(/^www\./, ''),
    isPdf: /\.pdf$/i.test(url.pathname),
  };
}
