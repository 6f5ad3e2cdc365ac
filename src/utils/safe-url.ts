/** The URL schemes a note may link to or load an image from; anything else (javascript:, data:, vbscript:, file:) is refused. */
export const allowedUrlSchemes = ['http', 'https', 'mailto'] as const;

/**
 * Whether a link or image URL written in a note is safe to emit: one of `allowedUrlSchemes`,
 * or no scheme at all (relative, `/absolute`, `#fragment`, `?query`). The URL is read as a browser
 * reads it: leading and trailing spaces and control characters are ignored, and tabs and
 * newlines inside are removed (`java\tscript:` is `javascript:`).
 *
 * ```ts
 * isSafeUrl('https://aws.amazon.com/')  // true
 * isSafeUrl('../iam/#ポリシー')           // true
 * isSafeUrl(' JavaScript:alert(1)')     // false
 * ```
 */
export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || (allowedUrlSchemes as readonly string[]).includes(scheme);
}

/** The scheme of `url` as a browser would parse it, lower-cased, or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the WHATWG URL parser's own rules
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}

/** The URLs of a `srcset` (`a.png 1x, b.png 2x` or `a.png 480w, …`). */
export const srcsetUrls = (srcset: string) =>
  srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
