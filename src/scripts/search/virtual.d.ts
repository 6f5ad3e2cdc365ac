/** URL of the bundled search UI (see src/integrations/pagefind.ts). */
declare module 'virtual:search-script' {
  const url: string;
  export default url;
}
