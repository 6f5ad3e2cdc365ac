import type { AstroIntegration } from 'astro';
import { virtualModule } from './virtual-module.ts';

/**
 * Tells pages whether drafts (`published: false`) are shown: in `astro dev` only. Decided by the
 * command Astro runs, not by `import.meta.env.DEV`, which a `DEV` or `NODE_ENV` variable in the
 * environment can turn on in a production build (and publish every draft).
 */
export function drafts(): AstroIntegration {
  return {
    name: 'aws-memo:drafts',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              virtualModule(
                'aws-memo:drafts',
                'virtual:drafts',
                () => `export const showDrafts = ${command === 'dev'};`,
              ),
            ],
          },
        });
      },
    },
  };
}
