/**
 * The web app manifest (`/manifest.webmanifest`) and its icons, built as routes
 * (src/pages/manifest.webmanifest.ts, src/pages/icons/), so the
 * site can be installed on a phone's home screen and opens like an app (with the service worker,
 * offline too). The icons are PNGs drawn at build time by `sharp` from one SVG drawing: the
 * favicon's design with its letters as strokes, not text, so every machine draws the same pixels
 * (text would take the build machine's fonts, and a different PNG would make a new release).
 */
import { SITE_DESCRIPTION, SITE_TITLE } from '../consts.ts';

export const MANIFEST_URL = '/manifest.webmanifest';

/** The page background (`--bg` in global.css): the colour of the browser's bar and the splash screen. */
export const THEME_COLORS = { light: '#fdfdfc', dark: '#16181d' } as const;

const ICON_BACKGROUND = '#232f3e';
/** The favicon's drawing on a 32×32 grid: the smile and "AWS" as strokes. */
const ICON_DRAWING =
  '<path d="M7 21c5 3 13 3 18 0" stroke="#f90" stroke-width="2.5" fill="none" stroke-linecap="round"/>' +
  '<path d="m5 17.2 2.9-7.5 2.9 7.5M6.1 14.6h3.6m1.8-4.9 1.7 7.5 2.1-5.6 2.1 5.6 1.7-7.5m7.9 1.2c-.6-.8-1.5-1.2-2.6-1.2-1.5 0-2.6.7-2.6 1.9 0 1.3 1.3 1.6 2.7 2 1.5.4 2.7.8 2.7 2.1s-1.2 2-2.8 2c-1.2 0-2.3-.5-2.9-1.3" stroke="#fff" stroke-width="1.75" fill="none" stroke-linejoin="round"/>';

/**
 * The icon as SVG. `maskable`: a full square (the launcher cuts its own shape) with the drawing
 * scaled into the middle 80 % circle, the safe zone every launcher shape keeps.
 */
export function iconSvg(maskable = false): string {
  const background = maskable
    ? `<rect width="32" height="32" fill="${ICON_BACKGROUND}"/>`
    : `<rect width="32" height="32" rx="6" fill="${ICON_BACKGROUND}"/>`;
  const drawing = maskable ? `<g transform="translate(3.2 3.2) scale(.8)">${ICON_DRAWING}</g>` : ICON_DRAWING;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${background}${drawing}</svg>`;
}

export interface AppIcon {
  /** Served as `/icons/<name>.png`. */
  name: string;
  size: number;
  purpose: 'any' | 'maskable';
}

/** 192 and 512 px are what Android and Chromium ask of an installable app. */
export const APP_ICONS: AppIcon[] = [
  { name: 'icon-192', size: 192, purpose: 'any' },
  { name: 'icon-512', size: 512, purpose: 'any' },
  { name: 'maskable-512', size: 512, purpose: 'maskable' },
];
const SVG_ICON_URL = '/icons/icon.svg';

/** The manifest's members (https://www.w3.org/TR/appmanifest/). */
export function webManifest(): Record<string, unknown> {
  return {
    id: '/',
    name: `${SITE_TITLE} — AWS の学習ノート`,
    short_name: SITE_TITLE,
    description: SITE_DESCRIPTION,
    lang: 'ja',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    // The manifest has one colour of each; the pages' <meta name="theme-color"> give light and dark.
    theme_color: THEME_COLORS.light,
    background_color: THEME_COLORS.light,
    icons: [
      ...APP_ICONS.map((icon) => ({
        src: `/icons/${icon.name}.png`,
        sizes: `${icon.size}x${icon.size}`,
        type: 'image/png',
        purpose: icon.purpose,
      })),
      { src: SVG_ICON_URL, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}

/** An icon as PNG, drawn at its size from the vector (density: 72 dpi × size / 32 px). */
export async function renderIcon(icon: AppIcon): Promise<Buffer> {
  // Imported here, not above: the pages import this module's constants, and need no image library.
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(iconSvg(icon.purpose === 'maskable')), { density: (72 * icon.size) / 32 })
    .resize(icon.size, icon.size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}
