// CloudFront Function (cloudfront-js-2.0, viewer request). Standalone on purpose: CloudFront runs
// this file as is (the stack only turns PRIVATE on), and the tests run the same source in node:vm
// with stand-ins for the `cloudfront` KeyValueStore module (tests/support/cloudfront-function.ts).
//
// The site is built with build.format 'directory' and trailingSlash 'always', and the S3 origin
// (behind OAC, not the website endpoint) has no index documents. Each deploy publishes a release
// under releases/<id>/, and the KeyValueStore's `release` key names the live one, so:
//   /notes/iam/           -> fetch /releases/<id>/notes/iam/index.html
//   /notes/iam            -> 301 to /notes/iam/ (query string kept)
//   /_astro/app.1a2b.js   -> fetch /_astro/app.1a2b.js (content-hashed: shared by all releases)
//   /notes/v1.2           -> 301 to /notes/v1.2/ (an all-digit "extension" is a folder name)
//   //evil.example/x      -> 301 to /evil.example/x/ (never to another site, see siteLocation)
//   /_astro/../releases/x -> 400 (a dot segment, an encoded slash or a backslash: see UNSAFE_PATH)
// The rewritten path is the cache key, so switching releases needs no invalidation. Only the live
// release and the shared files are ever read: with no release live yet, a page answers 503.
import cf from 'cloudfront';
import crypto from 'crypto';

// The stack sets this to true for a private site (infra/functions/viewer-request-source.ts).
var PRIVATE = false;

var kvs = cf.kvs();
var RELEASE_KEY = 'release';
var AUTH_KEY = 'auth';
var RELEASE_ID = /^[0-9A-Za-z-]{1,64}$/;
// A file extension has at least one letter; `v1.2` or `2024.01` are folder names.
var FILE_EXTENSION = /\.[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*$/;
// Content-hashed assets live once at the bucket's root (deploy/cache-rules.ts, CACHE_IMMUTABLE).
var SHARED = /^\/(?:_astro\/|pagefind\/(?:[^?]*\/)?[^/]*_[0-9a-f]{6,}\.pf_(?:index|fragment|filter|meta)$)/;
// The longest `user:password` in UTF-8 bytes that gets in. deploy/password.ts reads this line, so
// --set-password refuses credentials that could never log in.
var MAX_CREDENTIAL_BYTES = 657;
// `Basic <base64 of the UTF-8 user:password>`, at most the base64 length of the bytes above.
var CREDENTIALS = new RegExp('^Basic ([A-Za-z0-9+/]{1,' + 4 * Math.ceil(MAX_CREDENTIAL_BYTES / 3) + '}={0,2})$', 'i');
// A path S3 or a cache could read as another one: a `.` or `..` segment, also percent-encoded
// (`%2e`, or twice: `%252e`), a backslash, or an encoded slash or backslash. The site links to none
// (browsers resolve dot segments before they send a path), and resolving them here would let
// `/_astro/../releases/<id>.json` pass as a shared file: refused, whatever follows.
var UNSAFE_PATH = /(?:^|\/)(?:\.|%(?:25)*2e){1,2}(?:\/|$)|\\|%(?:25)*(?:2f|5c)/i;

async function handler(event) {
  var request = event.request;
  if (PRIVATE && !(await authorized(request.headers.authorization))) {
    var challenge = refusal(401, 'Unauthorized');
    challenge.headers['www-authenticate'] = { value: 'Basic realm="aws-memo", charset="UTF-8"' };
    return challenge;
  }

  var uri = request.uri;
  if (UNSAFE_PATH.test(uri)) return refusal(400, 'Bad Request');
  if (uri.charAt(uri.length - 1) === '/') {
    uri = uri + 'index.html';
  } else if (!FILE_EXTENSION.test(uri.substring(uri.lastIndexOf('/') + 1))) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: {
        location: { value: siteLocation(uri + '/') + printable(queryString(request.querystring)) },
        'cache-control': { value: 'public, max-age=3600' },
      },
    };
  }

  if (!SHARED.test(uri)) {
    var release = await liveRelease();
    // Nothing but a release is for readers: not the root's old files, manifests or unfinished releases.
    if (!release) return refusal(503, 'Service Unavailable');
    uri = '/releases/' + release + uri;
  }
  request.uri = uri;
  return request;
}

function refusal(statusCode, statusDescription) {
  return {
    statusCode: statusCode,
    statusDescription: statusDescription,
    headers: { 'cache-control': { value: 'no-store' } },
  };
}

// The live release id, or '' when none is set (or the value is not an id the deploy writes).
async function liveRelease() {
  try {
    var id = await kvs.get(RELEASE_KEY);
    return RELEASE_ID.test(id) ? id : '';
  } catch (e) {
    return '';
  }
}

// The KeyValueStore keeps `v1:<salt>:<hex HMAC-SHA256 of the base64 credentials, keyed by salt>`
// (deploy/password.ts writes it). A missing or malformed record lets nobody in.
async function authorized(header) {
  var match = header && typeof header.value === 'string' ? CREDENTIALS.exec(header.value) : null;
  if (!match) return false;
  var record;
  try {
    record = String(await kvs.get(AUTH_KEY)).split(':');
  } catch (e) {
    return false;
  }
  if (record.length !== 3 || record[0] !== 'v1' || !record[1] || record[2].length !== 64) return false;
  return sameText(crypto.createHmac('sha256', record[1]).update(match[1]).digest('hex'), record[2]);
}

// Compares in time that does not depend on where the strings differ.
function sameText(a, b) {
  if (a.length !== b.length) return false;
  var difference = 0;
  for (var i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

// CloudFront hands the path over as the client sent it, so `//evil.example/x` would make a Location
// browsers follow to another host. A Location must start with exactly one `/` followed by neither
// `/` nor `\`: collapse the leading run of both into one `/` (a backslash is refused before, but
// this stays safe on its own), after encoding what is not printable ASCII (browsers drop tabs and
// newlines from URLs, which could join `/` `/`).
function siteLocation(path) {
  return '/' + printable(path).replace(/^[/\\]+/, '');
}

// Percent-encodes everything outside printable ASCII (controls, spaces, Japanese); `%` stays, so
// an already encoded path is not encoded twice. A lone surrogate becomes U+FFFD.
function printable(text) {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\x21-\x7e]/g, function (ch) {
    try {
      return encodeURIComponent(ch);
    } catch (e) {
      return '%EF%BF%BD';
    }
  });
}

// Rebuilds `?a=1&b=2&b=3` from the event's querystring object (values arrive still encoded).
function queryString(querystring) {
  var parts = [];
  var names = Object.keys(querystring || {});
  for (var i = 0; i < names.length; i++) {
    var entry = querystring[names[i]];
    var values = entry.multiValue ? entry.multiValue : [entry];
    for (var j = 0; j < values.length; j++) {
      parts.push(values[j].value === '' ? names[i] : names[i] + '=' + values[j].value);
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}
