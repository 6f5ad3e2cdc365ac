import type { APIRoute } from 'astro';
import { iconSvg } from '../../integrations/web-manifest.ts';

/** The web app manifest's vector icon (`sizes="any"`). */
export const GET: APIRoute = () => new Response(iconSvg(), { headers: { 'Content-Type': 'image/svg+xml' } });
