/** URL of a module pages load on use (see onDemandModule in src/integrations/browser-module.ts). */
declare module 'virtual:on-demand/*' {
  const url: string;
  export default url;
}

declare module 'virtual:head-script' {
  /** The inline head script (src/scripts/head.ts, minified): see src/integrations/head-script.ts. */
  const headScript: string;
  export default headScript;
}

declare module 'virtual:drafts' {
  /** True in `astro dev`, where drafts are shown (marked 下書き); false in a build. See src/integrations/drafts.ts. */
  export const showDrafts: boolean;
}

/** Only in the service worker's bundle (src/integrations/offline.ts). */
declare module 'virtual:offline-build' {
  /** What the worker keeps: src/integrations/offline-precache.ts. */
  export const precacheEntries: { url: string; revision: string | null; integrity?: string }[];
  /** URL of the bundled update notice (src/scripts/offline/update-notice.ts). */
  export const updateNoticeUrl: string;
}

declare module 'virtual:glossary' {
  /** Every glossary term, in Japanese collation order (src/integrations/note-index.ts). */
  export function glossaryTerms(): Promise<import('./glossary/types.ts').GlossaryTerm[]>;
}
