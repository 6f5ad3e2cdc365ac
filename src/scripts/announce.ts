/**
 * The page's live region for a button's result (コピーしました): one visually hidden
 * `role="status"` paragraph, shared by every kind of copy button on the page (code blocks,
 * 「Markdownをコピー」), added when the first of them is set up, so it is there before anything is
 * put into it (screen readers announce a change to a region they already know, politely).
 */
const ID = 'announcer';

export function announcer(): (text: string) => void {
  let status = document.getElementById(ID);
  if (!status) {
    status = document.createElement('p');
    status.id = ID;
    status.className = 'sr-only';
    status.setAttribute('role', 'status');
    document.body.append(status);
  }
  const region = status;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    // Cleared first, so the same words are announced again on the next copy.
    region.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(() => (region.textContent = text), 50);
  };
}
