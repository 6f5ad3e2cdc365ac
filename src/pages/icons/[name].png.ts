import type { APIRoute, GetStaticPaths } from 'astro';
import { APP_ICONS, renderIcon, type AppIcon } from '../../integrations/web-manifest.ts';

/** The web app manifest's PNG icons, drawn at build time. */
export const getStaticPaths = (() =>
  APP_ICONS.map((icon) => ({ params: { name: icon.name }, props: { icon } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ icon: AppIcon }> = async ({ props }) =>
  new Response(new Uint8Array(await renderIcon(props.icon)), { headers: { 'Content-Type': 'image/png' } });
