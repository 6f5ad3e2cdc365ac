// CloudFront Function (cloudfront-js-2.0, viewer request). Standalone on purpose: CloudFront runs
// this file as is, and the tests run the same source in node:vm.
//
// The site is built with build.format 'directory' and trailingSlash 'always', and the S3 origin
// (behind OAC, not the website endpoint) has no index documents, so:
//   /notes/iam/           -> fetch /notes/iam/index.html
//   /notes/iam            -> 301 to /notes/iam/ (query string kept)
//   /_astro/app.1a2b.js   -> untouched (the last segment has an extension)
//   /notes/v1.2           -> 301 to /notes/v1.2/ (an all-digit "extension" is a folder name)

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
      location: { value: uri + '/' + queryString(request.querystring) },
      'cache-control': { value: 'public, max-age=3600' },
    },
  };
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
