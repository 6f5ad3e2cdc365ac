/**
 * Zenn's images, in the manner of zenn-editor's `imsize.test.ts`: the size syntax (`=250x`), the
 * caption line under an image, the link to the full-size file, local files through Astro's image
 * pipeline (a missing one fails the build), in `.md` and `.mdx`; hostile input.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { noteFormats, renderNote, type NoteFormat } from '../support/render-note.ts';

const render = async (source: string, format: NoteFormat) => fragment(await renderNote(source, format));
const attributes = (element: Element | null | undefined, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, element?.getAttribute(name) ?? null]));

describe.each(noteFormats)('image size (=WxH) in .%s, as zenn-editor reads it', (format) => {
  test.each([
    {
      source: '![alt text](https://example.com/image.png =100x200)',
      expected: { src: 'https://example.com/image.png', alt: 'alt text', width: '100', height: '200', title: null },
    },
    { source: '![alt](https://example.com/image.png =300x)', expected: { width: '300', height: null } },
    { source: '![alt](https://example.com/image.png =x150)', expected: { width: null, height: '150' } },
    {
      source: '![alt](https://example.com/image.png "image title" =100x200)',
      expected: { src: 'https://example.com/image.png', title: 'image title', width: '100', height: '200' },
    },
    {
      source: "![alt](https://example.com/image.png 'single' =100x)",
      expected: { title: 'single', width: '100' },
    },
    {
      source: '![alt](https://example.com/image.png =50%x)',
      expected: { width: null, height: null, style: '--image-width:50%' },
    },
    {
      source: '![alt](https://example.com/image.png =50%x30%)',
      expected: { width: null, style: '--image-width:50%;--image-height:30%' },
    },
    {
      source: '![alt](https://example.com/image.png)',
      expected: { src: 'https://example.com/image.png', alt: 'alt', width: null, height: null },
    },
    {
      source: '![*強調* と `code`](https://example.com/image.png =120x)',
      expected: { alt: '強調 と code', width: '120' },
    },
    { source: '![](/favicon.svg =32x32)', expected: { src: '/favicon.svg', width: '32', height: '32' } },
    {
      source: '![](https://upload.wikimedia.org/A_(b).png =64x)',
      expected: { src: 'https://upload.wikimedia.org/A_(b).png', width: '64' },
    },
  ])('$source', async ({ source, expected }) => {
    const img = (await render(source, format)).querySelector('img');
    expect(img, 'an image').not.toBeNull();
    expect(attributes(img, Object.keys(expected))).toEqual(expected);
    expect(img?.getAttribute('loading')).toBe('eager'); // the first block of the note
    expect(img?.getAttribute('decoding')).toBe('async');
  });

  test.each([
    { name: 'no x (=100200)', source: '![alt](https://example.com/image.png =100200)' },
    { name: 'no space before =', source: '![alt](https://example.com/image.png "title"=100x200)' },
    { name: 'full-width digits', source: '![alt](https://example.com/image.png =２５０x)' },
    { name: 'inside inline code', source: '`![alt](https://example.com/image.png =250x)`' },
  ])('$name is not a size: no sized image', async ({ source }) => {
    const doc = await render(source, format);
    expect(doc.querySelector('img[width], img[style]')).toBeNull();
    expect(textOf(doc.body)).toContain('=');
  });

  test('several sized images on one line, with text around them', async () => {
    const doc = await render(
      '前 ![first](https://example.com/1.png =100x200) text ![second](https://example.com/2.png =300x400) 後',
      format,
    );
    const images = [...doc.querySelectorAll('img')].map((img) => attributes(img, ['alt', 'width', 'height']));
    expect(images).toEqual([
      { alt: 'first', width: '100', height: '200' },
      { alt: 'second', width: '300', height: '400' },
    ]);
    expect(textOf(doc.body)).toBe('前 （拡大して表示） text （拡大して表示） 後');
  });

  test('sized images in a heading, a table cell and a link', async () => {
    const doc = await render(
      '## 図 ![](https://e.com/h.png =20x)\n\n| a |\n| - |\n| ![](https://e.com/t.png =30x) |\n\n[![](https://e.com/l.png =40x)](https://zenn.dev)',
      format,
    );
    expect(doc.querySelector('h2 img')?.getAttribute('width')).toBe('20');
    expect(doc.querySelector('td img')?.getAttribute('width')).toBe('30');
    expect(doc.querySelector('a[href="https://zenn.dev"] > img')?.getAttribute('width')).toBe('40');
  });
});

test('.md: a URL with a space, written <…> (not MDX syntax)', async () => {
  const img = (await render('![](<https://example.com/a b.png> =120x)', 'md')).querySelector('img');
  expect(attributes(img, ['src', 'width'])).toEqual({ src: 'https://example.com/a%20b.png', width: '120' });
  await expect(renderNote('![x](<javascript:alert(1)> =250x)', 'md')).rejects.toThrow(
    '"javascript:alert(1)" is not allowed',
  );
});

describe.each(noteFormats)('captions in .%s: an *emphasis* line right under an image', (format) => {
  test.each([
    { source: '![図](https://e.com/a.png)\n*キャプション*', caption: 'キャプション' },
    { source: '![図](https://e.com/a.png =250x)\n_アンダースコアでも_', caption: 'アンダースコアでも' },
    {
      source: '![図](https://e.com/a.png)\n*構成図（`VPC` と **サブネット**）*',
      caption: '構成図（VPC と サブネット）',
    },
  ])('$source → figure and figcaption', async ({ source, caption }) => {
    const doc = await render(source, format);
    const figure = doc.querySelector('figure.image-figure');
    expect(figure?.querySelector('a.image-link > img')?.getAttribute('src')).toMatch(/^https:\/\/e\.com\/a\.png$/);
    expect(textOf(figure?.querySelector('figcaption'))).toBe(caption);
    expect(figure?.lastElementChild?.tagName).toBe('FIGCAPTION');
    expect(doc.querySelector('p')).toBeNull();
    expect(doc.querySelector('br')).toBeNull();
  });

  test('a linked image keeps its link, and takes the caption', async () => {
    const doc = await render('[![](https://e.com/a.png =250x)](https://zenn.dev)\n*Zenn へのリンク*', format);
    const figure = doc.querySelector('figure');
    expect(figure?.querySelector('a[href="https://zenn.dev"] > img')?.getAttribute('width')).toBe('250');
    expect(figure?.querySelector('.image-link')).toBeNull();
    expect(textOf(figure?.querySelector('figcaption'))).toBe('Zenn へのリンク');
  });

  test('lines before and after stay paragraphs; two figures in one paragraph', async () => {
    const doc = await render(
      '前の行\n![a](https://e.com/a.png)\n*図1*\n![b](https://e.com/b.png)\n*図2*\n後の行',
      format,
    );
    expect([...doc.body.children].map((element) => `${element.tagName}:${textOf(element)}`)).toEqual([
      'P:前の行',
      'FIGURE:（拡大して表示）図1',
      'FIGURE:（拡大して表示）図2',
      'P:後の行',
    ]);
  });

  test.each([
    { name: 'a blank line between', source: '![図](https://e.com/a.png)\n\n*キャプション*' },
    { name: 'more text on the caption line', source: '![図](https://e.com/a.png)\n*キャプション* です' },
    { name: 'bold, not emphasis', source: '![図](https://e.com/a.png)\n**キャプション**' },
    { name: 'text on the image line', source: '図: ![図](https://e.com/a.png)\n*キャプション*' },
    { name: 'emphasis above the image', source: '*キャプション*\n![図](https://e.com/a.png)' },
  ])('no caption: $name', async ({ source }) => {
    const doc = await render(source, format);
    expect(doc.querySelector('figure, figcaption')).toBeNull();
    expect(doc.querySelector('img')).not.toBeNull();
  });
});

describe('the full-size view: a link around each image, without JavaScript', () => {
  test.each(noteFormats)('.%s: a remote image links to its URL, saying so to screen readers', async (format) => {
    const doc = await render('![構成図](https://storage.googleapis.com/zenn-user-upload/abc.png =250x)', format);
    const link = doc.querySelector('a.image-link');
    expect(link?.getAttribute('href')).toBe('https://storage.googleapis.com/zenn-user-upload/abc.png');
    expect(link?.querySelector('img')?.getAttribute('alt')).toBe('構成図');
    expect(textOf(link?.querySelector('.sr-only'))).toBe('（拡大して表示）');
    // The hidden words are not search content.
    expect(link?.querySelector('.sr-only')?.hasAttribute('data-pagefind-ignore')).toBe(true);
  });

  test('an image without alt text still gives the link a name', async () => {
    const doc = await render('![](https://e.com/a.png)', 'md');
    expect(textOf(doc.querySelector('a.image-link'))).toBe('画像を拡大して表示');
  });

  test('Zenn images render the same HTML in .md and .mdx', async () => {
    const source = [
      '![a](https://e.com/a.png =250x)',
      '*キャプション*',
      '',
      '[![](https://e.com/l.png =40x)](https://zenn.dev)',
      '',
      '本文 ![b](https://e.com/b.png =50%x) 本文',
    ].join('\n');
    const [md, mdx] = await Promise.all(noteFormats.map((format) => renderNote(source, format)));
    expect(md).toBe(mdx);
  });
});

/** Local images live next to the notes `renderNote` writes (tests/.tmp/), copied from tests/fixtures/zenn-media/. */
const tmpDir = join(import.meta.dirname, '..', '.tmp');
/** The images of the fixture site (tests/e2e/zenn-media.test.ts): an 800×600 PNG and a 2400×1200 JPEG. */
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'zenn-media');
const diagram = join(fixtures, 'images', 'diagram.png');
const wide = join(fixtures, 'notes', 'wide.jpg');
const local = `zenn-images-${process.pid}`;

describe('local images go through Astro’s image pipeline', () => {
  beforeAll(async () => {
    await mkdir(join(tmpDir, local), { recursive: true });
    await copyFile(diagram, join(tmpDir, local, 'diagram.png'));
    await copyFile(wide, join(tmpDir, local, 'wide.jpg'));
    await writeFile(join(tmpDir, local, 'not-an-image.png'), 'これは画像ではない');
  });
  afterAll(() => rm(join(tmpDir, local), { recursive: true, force: true }));

  describe.each(noteFormats)('.%s', (format) => {
    test.each([
      {
        name: 'as it is (800×600)',
        source: `![構成図](./${local}/diagram.png)`,
        expected: { alt: '構成図', width: '800', height: '600', style: null },
      },
      {
        name: 'without ./',
        source: `![構成図](${local}/diagram.png)`,
        expected: { width: '800', height: '600' },
      },
      {
        name: '=250x: shown 250 px wide, made twice as wide for sharp 2x screens',
        source: `![](./${local}/diagram.png =250x)`,
        expected: { width: '500', height: '375', style: '--image-width:250px' },
      },
      {
        name: '=x100: shown 100 px high',
        source: `![](./${local}/diagram.png =x100)`,
        expected: { width: '267', height: '200', style: '--image-height:100px' },
      },
      {
        name: '=5000x: never made larger than the original',
        source: `![](./${local}/diagram.png =5000x)`,
        expected: { width: '800', height: '600', style: '--image-width:5000px' },
      },
      {
        name: 'a 2400 px photo is made 1600 px wide',
        source: `![](./${local}/wide.jpg)`,
        expected: { width: '1600', height: '800' },
      },
    ])('$name', async ({ source, expected }) => {
      const img = (await render(source, format)).querySelector('img');
      expect(attributes(img, Object.keys(expected))).toEqual(expected);
      // Astro's optimized copy, in a modern format (in the dev server, its /_image endpoint).
      expect(img?.getAttribute('src')).toMatch(/^\/_image\/?\?href=.*(diagram\.png|wide\.jpg).*&f=webp$/);
      expect(img?.getAttribute('decoding')).toBe('async');
    });

    test('the first image near the top loads at once; the others lazily', async () => {
      const doc = await render(
        `![上](./${local}/diagram.png)\n\n段落1\n\n段落2\n\n段落3\n\n![下](./${local}/diagram.png)`,
        format,
      );
      expect([...doc.querySelectorAll('img')].map((img) => img.getAttribute('loading'))).toEqual(['eager', 'lazy']);
      const late = await render(`段落1\n\n段落2\n\n段落3\n\n![下](./${local}/diagram.png)`, format);
      expect(late.querySelector('img')?.getAttribute('loading')).toBe('lazy');
    });

    // As in Zenn's preview (「<code>…</code>にファイルが存在しません。」): the page says so where the
    // image would be, keeping its alt text; the build warns with the line.
    test.each([
      { source: `![構成図](./${local}/missing.png)`, alt: '画像「構成図」: ', problem: 'にファイルが存在しません。' },
      { source: '![](/images/no-such-image.png =250x)', alt: '画像: ', problem: 'にファイルが存在しません。' },
      {
        source: `![図](./${local}/not-an-image.png)`,
        alt: '画像「図」: ',
        problem: 'は表示できる画像ではありません。',
      },
    ])('$source shows in place, with its alt text', async ({ source, alt, problem }) => {
      const doc = fragment(await renderNote(`# 画像\n\n前の文\n${source}`, format));
      const box = doc.querySelector('.content-problem');
      expect(box?.getAttribute('role')).toBe('note');
      expect(textOf(box?.querySelector('.content-problem-message'))).toBe(alt.trim());
      const url = /\]\(([^ )]+)/.exec(source)![1]!;
      expect(textOf(box)).toBe(`${alt}${url}${problem}`.replace(/\s+/g, ' '));
      expect(doc.querySelector('img')).toBeNull();
      expect(textOf(doc.body)).toContain('前の文');
    });

    test('an image outside the content folder fails the build with its line', async () => {
      await expect(renderNote('# 画像\n\n![](../../../../../../../../etc/hostname.png)', format)).rejects.toThrow(
        ':3: the image "../../../../../../../../etc/',
      );
    });
  });

  test('an image outside the content folder is refused, in the project or not', async () => {
    await expect(renderNote('![](../../../../../../../../etc/hostname.png)', 'md')).rejects.toThrow(
      'is outside the content folder',
    );
    // The site's own icon exists and is an image, but a note's render is kept while content/ is unchanged.
    await expect(renderNote('![](../../public/favicon.svg)', 'md')).rejects.toThrow(
      'the image "../../public/favicon.svg" is outside the content folder',
    );
  });
});

describe('hostile input is refused or inert', () => {
  test.each([
    { source: '![x](javascript:alert(1) =250x)', message: 'an image to "javascript:alert(1)" is not allowed' },
    { source: '![x](JaVaScRiPt:alert(1) "t" =1x1)', message: 'is not allowed' },
    { source: '![x](data:image/svg+xml;base64,PHN2Zz4= =250x)', message: 'an image to "data:image/svg+xml' },
    { source: '![x](vbscript:msgbox(1) =250x)', message: 'is not allowed' },
  ])('$source', async ({ source, message }) => {
    for (const format of noteFormats) await expect(renderNote(source, format), format).rejects.toThrow(message);
  });

  test.each([
    '![" onerror="alert(1)](https://e.com/a.png =250x)',
    '![x](https://e.com/a.png "\\" onerror=\\"alert(1)" =250x)',
    '![x](https://e.com/a.png =250x" onerror="alert(1))',
    '![x](https://e.com/a.png =250x onerror=alert(1))',
    '![<img src=x onerror=alert(1)>](https://e.com/a.png =250x)',
  ])('%s makes no event handler', async (source) => {
    for (const format of noteFormats) {
      const html = await renderNote(source, format).catch((error: Error) => error.message);
      expect(fragment(html).querySelector('[onerror]'), format).toBeNull();
      // An onerror attribute of an element (not words inside an escaped attribute value).
      expect(html, format).not.toMatch(/<[a-z]+(?:\s+[\w-]+(?:="[^"]*")?)*\s+onerror=/i);
    }
  });
});
