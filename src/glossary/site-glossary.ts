import { fileURLToPath } from 'node:url';
import { root } from 'astro:config/server';
import { siteConfig } from '../site-config.ts';
import { loadGlossary, type Glossary } from './load.ts';

/** The site's glossary, for the pages that list terms (用語集, 復習). */
export const siteGlossary = (): Promise<Glossary> =>
  loadGlossary({ root: fileURLToPath(root), contentDir: siteConfig.contentDir });
