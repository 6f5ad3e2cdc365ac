import { sep } from 'node:path';
import type { AstroIntegration, ViteUserConfig } from 'astro';
import { loadGlossary } from '../notes/glossary.ts';
import { NOTE_INDEX_HOOK, type NoteIndex } from '../notes/note-index.ts';

const GLOSSARY_ID = 'virtual:glossary';
/** The terms themselves, a module of their own that `astro dev` evaluates again after a note changes. */
const TERMS_ID = 'virtual:glossary/terms';
const resolved = (id: string) => `\0${id}`;

/**
 * Hands the build's note index (`notes/note-index.ts`, made in `astro.config.mjs`) to those that
 * cannot take it as an argument:
 *
 * - the notes loader, which `src/content.config.ts` makes: it finds the index through this
 *   integration's custom hook (`NOTE_INDEX_HOOK`) in the config Astro gives every loader;
 * - the pages that list terms (用語集, 復習), bundled apart from the config's modules: they get
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

/**
 * `virtual:glossary`: `glossaryTerms()`, which imports the terms (`virtual:glossary/terms`) when a
 * page asks. In `astro dev` a change under the content folder tells the index and drops the terms
 * module from both Vite's module graph and its module runner (as Astro does for its own data
 * store), so the next page to ask gets the glossary as the notes now are.
 */
function glossaryModule(notes: NoteIndex): VitePlugin {
  return {
    name: 'aws-memo:glossary',
    resolveId: (id: string) => (id === GLOSSARY_ID || id === TERMS_ID ? resolved(id) : undefined),
    load: async (id: string) => {
      if (id === resolved(GLOSSARY_ID))
        return `export const glossaryTerms = async () => (await import(${JSON.stringify(TERMS_ID)})).terms;`;
      if (id !== resolved(TERMS_ID)) return undefined;
      const { terms } = await loadGlossary(notes);
      return `export const terms = ${JSON.stringify(terms)};`;
    },
    configureServer: (server) => {
      server.watcher.on('all', (_event, path) => {
        // The content folder or a file in it (not a sibling such as content-drafts/).
        if (path !== notes.dir && !path.startsWith(`${notes.dir}${sep}`)) return;
        notes.filesChanged();
        for (const environment of Object.values(server.environments)) {
          const module = environment.moduleGraph.getModuleById(resolved(TERMS_ID));
          if (module) environment.moduleGraph.invalidateModule(module);
          if ('runner' in environment) {
            const { evaluatedModules } = (environment as RunnableEnvironment).runner;
            const evaluated = evaluatedModules.getModuleById(resolved(TERMS_ID));
            if (evaluated) evaluatedModules.invalidateModule(evaluated);
          }
        }
      });
    },
  };
}

/** The part of Vite's runnable dev environment (the one that runs page code) this plugin uses. */
interface RunnableEnvironment {
  runner: {
    evaluatedModules: {
      getModuleById(id: string): unknown;
      invalidateModule(module: unknown): void;
    };
  };
}
