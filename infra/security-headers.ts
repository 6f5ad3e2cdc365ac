/**
 * The site's security response headers, as plain data: the CDK stack turns them into a CloudFront
 * response headers policy, and the tests' static server sends them verbatim, so the browser test
 * runs under exactly the policy production serves.
 */

import { createHash } from 'node:crypto';
import { headScript } from '../src/integrations/head-script.ts';

/** CSP source that allows exactly this inline script and nothing else inline. */
export function scriptHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** The inline scripts the pages carry: only the theme bootstrap, which must run before first paint. */
export const inlineScriptHashes = [scriptHash(headScript)];

/**
 * No 'unsafe-inline' or 'unsafe-eval' for scripts: inline scripts are allowed by hash only. Pagefind compiles its WebAssembly
 * ('wasm-unsafe-eval') and may start a worker from a blob: URL. Styles keep 'unsafe-inline'
 * because Shiki's highlighted code and the Pagefind UI use inline style attributes. Images may
 * come from any https: origin, as a Zenn article's do (Zenn's own storage, S3, any host); nothing
 * else may (no frame-src: embeds are cards, so no third-party frame is allowed).
 */
export const contentSecurityPolicyDirectives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", ...inlineScriptHashes],
  'worker-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'https:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const contentSecurityPolicy = Object.entries(contentSecurityPolicyDirectives)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

export const securityHeaders = {
  contentSecurityPolicy,
  // Two years, the usual HSTS floor; no `preload` since the site may live on a shared domain.
  strictTransportSecurity: { maxAgeSeconds: 63_072_000, includeSubdomains: true, preload: false },
  contentTypeOptions: 'nosniff',
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
} as const;

/** The same headers as HTTP header name → value, the way CloudFront writes them. */
export function securityHeaderValues(): Record<string, string> {
  const hsts = securityHeaders.strictTransportSecurity;
  return {
    'content-security-policy': securityHeaders.contentSecurityPolicy,
    'strict-transport-security': [
      `max-age=${hsts.maxAgeSeconds}`,
      ...(hsts.includeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.preload ? ['preload'] : []),
    ].join('; '),
    'x-content-type-options': securityHeaders.contentTypeOptions,
    'x-frame-options': securityHeaders.frameOptions,
    'referrer-policy': securityHeaders.referrerPolicy,
  };
}
