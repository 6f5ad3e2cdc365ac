import { describe, expect, it } from 'vitest';
import { formatMassDelete, massDelete } from '../../deploy/mass-delete.ts';

const pages = (count: number) =>
  Array.from({ length: count }, (_, i) => `notes/n${String(i).padStart(2, '0')}/index.html`);
const site = ['index.html', '404.html', ...pages(18), '_astro/a.css']; // 20 pages

describe('massDelete', () => {
  it.each([
    ['nothing removed', site, [], undefined],
    ['assets only', site, ['_astro/old.css', 'pagefind/x.pf_index'], undefined],
    ['one page of 20 (5%)', site, ['notes/n00/index.html'], undefined],
    ['two pages of 20 (10%, not more)', site, ['notes/n00/index.html', 'notes/n01/index.html'], undefined],
    ['three pages of 20 (15%)', site, pages(3), /more than 10% of the 20 pages/],
    ['one page when the build has no notes', ['index.html', '404.html'], ['notes/n00/index.html'], /has no notes/],
    ['a stale asset when the build has no notes', ['index.html'], ['_astro/old.css'], undefined],
  ])('%s', (_name, build, removed, expected) => {
    const risk = massDelete(build, site, removed);
    if (expected === undefined) expect(risk).toBeUndefined();
    else expect(risk?.why).toMatch(expected);
  });

  it('lists every page that would go, and only pages, with what to run', () => {
    const risk = massDelete(['index.html'], site, [...pages(18), '_astro/a.css'])!;
    expect(risk.pages).toEqual(pages(18));
    const message = formatMassDelete(risk, 'delete', '--prune --allow-mass-delete');
    expect(message.split('\n')[0]).toBe(
      "Refusing to delete 18 of the site's 20 page(s): the build has no notes (is content/notes/ empty?). These pages would go:",
    );
    for (const page of pages(18)) expect(message).toContain(`\n  ${page}\n`);
    expect(message).not.toContain('_astro/a.css');
    expect(message).toMatch(/Nothing was changed\..*--prune --allow-mass-delete\.$/);
  });
});
