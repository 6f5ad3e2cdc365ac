/**
 * The notice that the site was updated, imported by register.ts when the worker of a new release
 * has taken over a page served by the previous one. From now on every page opened is the new
 * release; the page on screen is still the old one, so the notice offers to reload it. A polite
 * live region (announced without moving the focus) in a labelled landmark; 閉じる or Escape
 * dismisses it. Light and dark come from the site's colour variables.
 */
import css from '../../styles/update-notice.css?inline';

const ID = 'update-notice';

function show(): void {
  if (document.getElementById(ID)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const notice = document.createElement('aside');
  notice.id = ID;
  notice.className = ID;
  notice.setAttribute('aria-label', '更新のお知らせ');
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const reload = button('再読み込み', () => location.reload());
  const close = button('閉じる', dismiss);
  notice.append(status, reload, close);
  document.body.append(notice);
  // Text put into a live region already in the page is what screen readers announce.
  requestAnimationFrame(() => {
    status.textContent = 'サイトが新しい版に更新されました。再読み込みすると、このページも新しい版になります。';
  });

  function dismiss(): void {
    const hadFocus = notice.contains(document.activeElement);
    notice.remove();
    document.removeEventListener('keydown', onKey);
    if (hadFocus) document.getElementById('main')?.focus({ preventScroll: true });
  }
  function onKey(event: KeyboardEvent): void {
    // Escape belongs to an open dialog (search) first.
    if (event.key === 'Escape' && !document.querySelector('dialog[open]')) dismiss();
  }
  document.addEventListener('keydown', onKey);
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

show();
