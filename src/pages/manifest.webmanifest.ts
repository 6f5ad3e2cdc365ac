import type { APIRoute } from 'astro';
import { webManifest } from '../integrations/web-manifest.ts';

/** The web app manifest (src/integrations/web-manifest.ts), linked from every page's head. */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(webManifest()), {
    headers: { 'Content-Type': 'application/manifest+json' },
  });
