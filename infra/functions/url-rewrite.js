// CloudFront Function (cloudfront-js-2.0, viewer request). Standalone on purpose: CloudFront runs
// this file as is, and the tests run the same source in node:vm.
//
// The site is built with build.format 'directory' and trailingSlash 'always', and the S3 origin
// (behind OAC, not the website endpoint) has no index documents, so:
//   /notes/iam/           -> fetch /notes/iam/index.html
//   /notes/iam            -> 301 to /notes/iam/ (query string kept)
//   /_astro/app.1a2b.js   -> untouched (the last segment has an extension)
//   /notes/v1.2           -> 301 to /notes/v1.2/ (an all-digit "extension" is a folder name)
//   //evil.example/x      -> 301 to /evil.example/x/ (never to another site, see siteLocation)

// A file extension has at least one letter; `v1.2` or `2024.01` are folder names.
var FILE_EXTENSION = /\.[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*$/;

function handler(event) {
  var request = event.request;
  var uri = request.uri;

  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
    return request;
  }

  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (FILE_EXTENSION.test(lastSegment)) {
    return request;
  }

  return {
    statusCode: 301,
    statusDescription: 'Moved Permanently',
    headers: {
      location: { value: siteLocation(uri + '/') + printable(queryString(request.querystring)) },
      'cache-control': { value: 'public, max-age=3600' },
    },
  };
}

// CloudFront hands the path over as the client sent it, so `//evil.example/x` or `/\evil.example`
// would make a Location browsers follow to another host. A Location must start with exactly one `/`
// followed by neither `/` nor `\`: collapse the leading run of both into one `/`, after encoding
// what is not printable ASCII (browsers drop tabs and newlines from URLs, which could join `/` `/`).
function siteLocation(path) {
  return '/' + printable(path).replace(/^[\/\\]+/, '');
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
