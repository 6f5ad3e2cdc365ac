import type { AstroIntegration, ViteUserConfig } from 'astro';
import { loadGlossary } from '../notes/glossary.ts';
import { NOTE_INDEX_HOOK, type NoteIndex } from '../notes/note-index.ts';

const GLOSSARY_ID = 'virtual:glossary';
const RESOLVED_GLOSSARY_ID = `\0${GLOSSARY_ID}`;

/**
 * Hands the build's note index (`notes/note-index.ts`, made in `astro.config.mjs`) to those that
 * cannot take it as an argument:
 *
 * - the notes loader, which `src/content.config.ts` makes: it finds the index through this
 *   integration's custom hook (`NOTE_INDEX_HOOK`) in the config Astro gives every loader;
 * - the pages that list terms (用語集, 復習), bundled apart from the config's modules: they import
 *   the glossary's terms from `virtual:glossary`, made from the same index (no second reading of
 *   the notes, no state shared through `globalThis`).
 *
 * A build fixes the note files (nothing can change them meanwhile), so each is read once.
 */
export function noteIndex(notes: NoteIndex): AstroIntegration {
  return {
    name: 'aws-memo:note-index',
    hooks: {
      [NOTE_INDEX_HOOK]: () => notes,
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command === 'build') notes.filesAreFixed();
        updateConfig({ vite: { plugins: [glossaryModule(notes)] } });
      },
    },
  };
}

type VitePlugin = NonNullable<ViteUserConfig['plugins']>[number];

/** `virtual:glossary`: the terms; in `astro dev` made again after a note file changes. */
function glossaryModule(notes: NoteIndex): VitePlugin {
  return {
    name: 'aws-memo:glossary',
    resolveId: (id: string) => (id === GLOSSARY_ID ? RESOLVED_GLOSSARY_ID : undefined),
    load: async (id: string) => {
      if (id !== RESOLVED_GLOSSARY_ID) return undefined;
      const { terms } = await loadGlossary(notes);
      return `export const terms = ${JSON.stringify(terms)};`;
    },
    configureServer: (server) => {
      server.watcher.on('all', (_event, path) => {
        if (!path.startsWith(notes.dir)) return;
        for (const environment of Object.values(server.environments)) {
          const module = environment.moduleGraph.getModuleById(RESOLVED_GLOSSARY_ID);
          if (module) environment.moduleGraph.invalidateModule(module);
        }
      });
    },
  };
}
