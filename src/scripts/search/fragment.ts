/**
 * The element id a URL's `#fragment` names, decoded: `#%E3%82%A2` → `ア`. A fragment that is not
 * valid percent-encoding (`#%E0%A4%A`, a lone `%`) names nothing: a hand-typed or truncated link
 * must open the page as if it had no fragment, never throw (`decodeURIComponent` does).
 */
export function fragmentId(hash: string): string | undefined {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw) || undefined;
  } catch {
    return undefined;
  }
}
