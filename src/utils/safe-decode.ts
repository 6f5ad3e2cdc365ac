/**
 * Percent-decoding that never throws: text that is not valid percent-encoding (a lone `%`, a cut
 * `%E3%81`, an overlong `%C0%AF`) comes back as written, so a link an author mistyped is reported
 * or shown as written instead of failing the build.
 */
const orAsWritten = (decode: (text: string) => string) => (text: string) => {
  try {
    return decode(text);
  } catch {
    return text;
  }
};

/** A whole URL made readable: `decodeURI` leaves `%23`, `%2F`, `%3F` … encoded, so the URL keeps its parts. */
export const safeDecodeUri = orAsWritten(decodeURI);

/** One part of a URL (a fragment, a path segment): every escape decoded, `%2F` and `%23` included. */
export const safeDecodeUriComponent = orAsWritten(decodeURIComponent);
