import type { AtRule, PluginCreator } from 'postcss';

/**
 * Keeps only the woff2 source of each `@font-face` that has one. KaTeX's stylesheet names every
 * font three times (woff2, woff, ttf); every browser the site supports reads woff2, so the other
 * two would only be copied into every build and uploaded on every deploy (about 40 files).
 *
 * ```css
 * src: url(a.woff2) format("woff2"), url(a.woff) format("woff"), url(a.ttf) format("truetype")
 *   →  src: url(a.woff2) format("woff2")
 * ```
 */
export const woff2Only: PluginCreator<void> = () => ({
  postcssPlugin: 'woff2-only',
  AtRule: {
    'font-face': (rule: AtRule) => {
      rule.walkDecls('src', (declaration) => {
        const sources = declaration.value.split(/,(?=\s*url\()/);
        const woff2 = sources.filter((source) => /format\(\s*["']woff2["']\s*\)/.test(source));
        if (woff2.length) declaration.value = woff2.join(',').trim();
      });
    },
  },
});
woff2Only.postcss = true;
