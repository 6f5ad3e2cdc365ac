/**
 * The only script a note page runs before search is opened, inlined in `<head>` so the saved
 * theme applies before the first paint (no flash). It also wires the theme toggle. Kept as a
 * string in one module so the CSP can hash exactly what the pages inline.
 */
export const headScript = `(()=>{const d=document.documentElement,k="theme";try{const s=localStorage.getItem(k);if(s==="light"||s==="dark")d.dataset.theme=s}catch{}const dark=()=>(d.dataset.theme||(matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"))==="dark",sync=()=>{for(const b of document.querySelectorAll("[data-theme-toggle]"))b.setAttribute("aria-pressed",String(dark()))};document.addEventListener("DOMContentLoaded",sync);document.addEventListener("click",e=>{if(!(e.target instanceof Element)||!e.target.closest("[data-theme-toggle]"))return;d.dataset.theme=dark()?"light":"dark";try{localStorage.setItem(k,d.dataset.theme)}catch{}sync()})})();`;
