/**
 * The Content-Type of a file of the built site, by its key (path relative to dist/): what the
 * deploy stores in S3 (deploy/cache-rules.ts) and what `astro dev` serves the same files with.
 */
import mime from 'mime';

/**
 * Pagefind's index files are gzip inside and decompressed by pagefind.js itself, so they must be
 * opaque bytes: no Content-Encoding, and a type CloudFront will not compress again.
 */
const PAGEFIND_BYTES = /\.(?:pagefind|pf_meta|pf_index|pf_fragment|pf_filter)$/i;

export function contentTypeFor(key: string): string {
  if (PAGEFIND_BYTES.test(key)) return 'application/octet-stream';
  const type = mime.getType(key) ?? 'application/octet-stream';
  // Our text is UTF-8; say so, or a browser may guess another encoding for Japanese text.
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}
