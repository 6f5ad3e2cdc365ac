/**
 * The only script a note page runs before search is opened, inlined in `<head>` so the saved
 * theme applies before the first paint (no flash). It also wires the theme toggle. Kept as a
 * string in one module so the CSP can hash exactly what the pages inline.
 *
 * Search: the button (`[data-search-src]`, its URL is the bundled search module), `/` and
 * Ctrl/Cmd+K `import()` that module and call `open()`; hovering or focusing the button calls
 * `warm()` (prefetch); a page opened from a result (`?pf=` in the URL) calls `highlight()`.
 * Keep the whole string well under 1 KB.
 */
export const headScript = `(()=>{const d=document,r=d.documentElement,t=r.dataset,k="theme",T="[data-theme-toggle]",S="[data-search-src]",o=(n,f)=>d.addEventListener(n,f),c=(e,s)=>e.target.closest?.(s),q=n=>{const b=d.querySelector(S);b&&import(b.dataset.searchSrc).then(m=>m[n]())},w=e=>c(e,S)&&q("warm"),D=()=>(t.theme||(matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"))=="dark",Y=()=>{for(const b of d.querySelectorAll(T))b.setAttribute("aria-pressed",D())};try{const s=localStorage.getItem(k);if(s=="light"||s=="dark")t.theme=s}catch{}o("DOMContentLoaded",()=>{Y();/[?&]pf=/.test(location.search)&&q("highlight")});o("click",e=>{if(c(e,S))q("open");else if(c(e,T)){t.theme=D()?"light":"dark";try{localStorage.setItem(k,t.theme)}catch{}Y()}});o("keydown",e=>{const x=e.ctrlKey||e.metaKey;if(x&&e.key=="k"||!x&&!e.altKey&&e.key=="/"&&!c(e,"input,textarea,select")){e.preventDefault();q("open")}});o("pointerover",w);o("focusin",w)})();`;
