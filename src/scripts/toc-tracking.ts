/**
 * 目次 tracking: while the reader scrolls, the contents entry of the section in view is marked
 * `aria-current="location"`, and a contents list that scrolls by itself (the sticky one beside
 * the note on wide screens) scrolls to keep that entry visible, without moving the page.
 */
/**
 * The section in view: the last heading whose top has passed `line` (the sticky header's
 * height, from `scroll-padding-top`), or the last heading once the page is scrolled to its end
 * (short closing sections never reach the top).
 */
export function currentHeading(tops: readonly number[], line: number, atEnd: boolean): number {
  if (atEnd) return tops.length - 1;
  let current = -1;
  for (const top of tops) if (top <= line) current++;
  return current;
}

function keepVisible(link: HTMLElement): void {
  const list = link.closest<HTMLElement>('.toc');
  if (!list || list.scrollHeight <= list.clientHeight) return;
  const box = list.getBoundingClientRect();
  const item = link.getBoundingClientRect();
  if (item.top < box.top || item.bottom > box.bottom) {
    list.scrollTop += item.top - box.top - (box.height - item.height) / 2;
  }
}

export function trackToc(): void {
  // The contents lists write each heading's id as is (`href="#アクセスキー"`), so no decoding.
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
  const headings = [...new Set(links.map((link) => link.getAttribute('href')!.slice(1)))].flatMap(
    (id) => document.getElementById(id) ?? [],
  );
  if (headings.length === 0) return;
  const root = document.documentElement;
  let current: string | undefined = '';
  let frame = 0;

  const update = () => {
    frame = 0;
    const line = (parseFloat(getComputedStyle(root).scrollPaddingTop) || 0) + 8;
    const atEnd = innerHeight + scrollY >= root.scrollHeight - 2;
    const tops = headings.map((heading) => heading.getBoundingClientRect().top);
    const id = headings[currentHeading(tops, line, atEnd)]?.id;
    if (id === current) return;
    current = id;
    for (const link of links) {
      if (link.getAttribute('href') === `#${id}`) {
        link.setAttribute('aria-current', 'location');
        keepVisible(link);
      } else link.removeAttribute('aria-current');
    }
  };
  addEventListener('scroll', () => (frame ||= requestAnimationFrame(update)), { passive: true });
  update();
}
