/**
 * A live region for a button's result (コピーしました): a visually hidden `role="status"` paragraph,
 * added to the page now, so it is there before anything is put into it (screen readers announce a
 * change to a region they already know, politely).
 */
export function announcer(): (text: string) => void {
  const status = document.createElement('p');
  status.className = 'sr-only';
  status.setAttribute('role', 'status');
  document.body.append(status);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    // Cleared first, so the same words are announced again on the next copy.
    status.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(() => (status.textContent = text), 50);
  };
}
