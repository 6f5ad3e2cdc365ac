/** svgdom ships no types; the worker uses only this. */
declare module 'svgdom' {
  export function createHTMLWindow(): Window;
}
