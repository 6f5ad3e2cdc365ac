import type { Plugin } from 'vite';

/**
 * Drops one warning Astro 7 makes rolldown print for every MDX note in a build:
 * `[MODULE_LEVEL_DIRECTIVE] The semantics of the module level directive "use astro:head-inject" …
 * may not be preserved when bundling`. The directive is Astro's own marker and the output is
 * correct (withastro/astro#18087, open); a thousand notes printed a thousand code frames, hiding
 * real warnings. Every other warning still shows.
 */
export function silenceHeadInjectWarning(): Plugin {
  return {
    name: 'aws-memo:silence-head-inject-warning',
    onLog(_level, log) {
      if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return false;
    },
  };
}
