/**
 * Zenn's embeds (`@[name](…)` and URL lines), in the manner of zenn-editor's tests
 * (`__tests__/custom-syntax/embed/*.test.ts`, `matchers/*.test.ts`): each accepted form and the card
 * it becomes, in `.md` and `.mdx`; each form Zenn rejects, with the build error; hostile input.
 * Every embed is a card linking to the original: no frame, script or third-party image.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { zennEmbedReadmeRows, zennEmbeds } from '../../src/markdown/zenn-embeds.ts';
import {
  isBlueprintUEUrl,
  isCodesandboxUrl,
  isDocswellUrl,
  isFigmaUrl,
  isGithubUrl,
  isYoutubeUrl,
} from '../../src/markdown/zenn-embed-urls.ts';
import { fragment, textOf } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

describe('URL matchers: the same answers as zenn-editor', () => {
  test.each([
    // isGithubUrl
    [isGithubUrl, 'https://github.com/owner-name/repo-name/blob/branch-name/file-path', true],
    [isGithubUrl, 'https://github.com/owner/repo.name/blob/branch-name/file-path', true],
    [isGithubUrl, 'https://github.com/owner/repo/blob/362e2428248daabce3da74bef4c41b0879c15392/file-path', true],
    [isGithubUrl, 'https://github.com/owner-name/repo-name/blob/branch-name/file-path#L100', true],
    [isGithubUrl, 'https://github.com/owner-name/repo-name/blob/branch-name/file-path#L10-L100', true],
    [isGithubUrl, 'bad-string', false],
    [isGithubUrl, 'https://example.com', false],
    [isGithubUrl, 'http://github.com/', false],
    [isGithubUrl, 'https://github.com/owner-name/repo-name', false],
    [isGithubUrl, 'https://github.com:3000/owner-name/repo-name/blob/branch-name/file-path', false],
    [isGithubUrl, 'https://github.com/.owner/repo/blob/branch/files', false],
    [isGithubUrl, 'https://github.com/-owner/repo/blob/branch/files', false],
    [isGithubUrl, 'https://github.com/owner.name/repo/blob/branch/files', false],
    [isGithubUrl, 'https://github.com/owner/.repo/blob/branch/files', false],
    [isGithubUrl, 'https://github.com/owner/-repo/blob/branch/files', false],
    [isGithubUrl, 'https://github.com.example.com/owner-name/repo-name/blob/branch-name/file-path', false],
    // isYoutubeUrl
    [isYoutubeUrl, 'http://www.youtube.com/watch?v=Xx0XXxXXXx0', true],
    [isYoutubeUrl, 'https://www.youtube.com/watch?v=Xx0XXxXXXx0&t=1000s', true],
    [isYoutubeUrl, 'https://youtu.be/Xx0XXxXXXx0', true],
    [isYoutubeUrl, 'http://youtu.be/Xx0XXxXXXx0?t=1000', true],
    [isYoutubeUrl, 'http://www.youtube.com/', false],
    [isYoutubeUrl, 'https://youtu.be/hoge/hoge', false],
    [isYoutubeUrl, 'https://youtube.com:3000/watch?v=Xx0XXxXXXx0', false],
    [isYoutubeUrl, 'https://www.youtube.com/playlist?list=XXXXXXXXXXXXXXXXXX-xxxxxxxxxxxxxxx', false],
    [isYoutubeUrl, 'https://youtu.be/Xx0XXxXXXx0?onload=alert(1)', false],
    [isYoutubeUrl, 'https://www.youtube.com/watch?v=Xx0XXxXXXx0&onload=alert(1)', false],
    // isDocswellUrl
    [isDocswellUrl, 'https://www.docswell.com/slide/LK7J5V/embed', true],
    [isDocswellUrl, 'https://www.docswell.com/slide/LK7J5V/embed#p12', true],
    [isDocswellUrl, 'https://www.docswell.com/slide/LK7J5V/embed#p12"><script>alert("XSS")</script>', false],
    [isDocswellUrl, 'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell', true],
    [isDocswellUrl, 'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p13', true],
    [isDocswellUrl, 'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell/13', true],
    [
      isDocswellUrl,
      'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell/13"><script>alert("XSS")</script>',
      false,
    ],
    [isDocswellUrl, 'https://www.docswell.com/', false],
    [isDocswellUrl, 'https://zenn.dev/', false],
    // isFigmaUrl
    [isFigmaUrl, 'https://www.figma.com/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File', true],
    [isFigmaUrl, 'https://www.figma.com/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File?node-id=0-1', true],
    [isFigmaUrl, 'https://www.figma.com/proto/LKQ4FJ4bTnCSjedbRpk931', true],
    [isFigmaUrl, 'https://embed.figma.com/design/LKQ4FJ4bTnCSjedbRpk931/Sample-File?node-id=5-3', true],
    [isFigmaUrl, 'https://embed.figma.com/board/LKQ4FJ4bTnCSjedbRpk931/Sample-Board', true],
    [isFigmaUrl, 'https://embed.figma.com/deck/LKQ4FJ4bTnCSjedbRpk931/Sample-Deck', true],
    [isFigmaUrl, 'https://www.figma.com/file/nrPSsILSYjesyc5UHjYYa4/Embed-Kit-2.0-examples', true],
    [
      isFigmaUrl,
      'https://www.figma.com/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File"></iframe><img src onerror=alert(document.domain)>/',
      false,
    ],
    [isFigmaUrl, 'https://www.figma.com/bad-example/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File', false],
    [isFigmaUrl, 'http://www.figma.com/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File', false],
    [isFigmaUrl, 'https://www.figma.com/file/short/Sample-File', false],
    [isFigmaUrl, 'https://evil.com/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File', false],
    // isCodesandboxUrl, isBlueprintUEUrl
    [isCodesandboxUrl, 'https://codesandbox.io/embed/new?view=Editor+%2B+Preview', true],
    [
      isCodesandboxUrl,
      'https://codesandbox.io/embed/new?view=Editor+%2B+Preview"></iframe><img src onerror=alert(document.domain)>/',
      false,
    ],
    [isBlueprintUEUrl, 'https://blueprintue.com/render/xmdvzpam/', true],
    [
      isBlueprintUEUrl,
      'https://blueprintue.com/render/xmdvzpam/"></iframe><img src onerror=alert(document.domain)>/',
      false,
    ],
  ] as const)('%o %s → %s', (matcher, url, expected) => {
    expect(matcher(url)).toBe(expected);
  });
});

interface Accepted {
  source: string;
  /** The card's class (`embed-youtube`); a plain link card has none. */
  embed: string | null;
  href: string;
  title: string;
  service: string;
}

/** Each accepted form (most from zenn-cli's example articles 300–305) and the card a reader gets. */
const accepted: Accepted[] = [
  {
    source: '@[youtube](X8NBvQDDXXc)',
    embed: 'embed-youtube',
    href: 'https://www.youtube.com/watch?v=X8NBvQDDXXc',
    title: '動画 X8NBvQDDXXc',
    service: 'YouTube',
  },
  {
    source: '@[youtube](https://www.youtube.com/watch?v=X8NBvQDDXXc&t=100s)',
    embed: 'embed-youtube',
    href: 'https://www.youtube.com/watch?v=X8NBvQDDXXc&t=100s',
    title: '動画 X8NBvQDDXXc（1:40 から）',
    service: 'YouTube',
  },
  {
    source: 'https://youtu.be/X8NBvQDDXXc?t=3725',
    embed: 'embed-youtube',
    href: 'https://www.youtube.com/watch?v=X8NBvQDDXXc&t=3725s',
    title: '動画 X8NBvQDDXXc（1:02:05 から）',
    service: 'YouTube',
  },
  {
    source: 'https://www.youtube.com/watch?v=X8NBvQDDXXc',
    embed: 'embed-youtube',
    href: 'https://www.youtube.com/watch?v=X8NBvQDDXXc',
    title: '動画 X8NBvQDDXXc',
    service: 'YouTube',
  },
  {
    source: '@[tweet](https://twitter.com/jack/status/20)',
    embed: 'embed-tweet',
    href: 'https://twitter.com/jack/status/20',
    title: '@jack のポスト 20',
    service: 'X (Twitter)',
  },
  {
    source: 'https://x.com/jack/status/1364262123417726976?conversation=none&t=hoge',
    embed: 'embed-tweet',
    href: 'https://x.com/jack/status/1364262123417726976?conversation=none&t=hoge',
    title: '@jack のポスト 1364262123417726976',
    service: 'X (Twitter)',
  },
  {
    source: 'https://github.com/zenn-dev/zenn-editor/blob/canary/pnpm-lock.yaml#L4-L14',
    embed: 'embed-github',
    href: 'https://github.com/zenn-dev/zenn-editor/blob/canary/pnpm-lock.yaml#L4-L14',
    title: 'zenn-dev/zenn-editor pnpm-lock.yaml（4〜14 行目）',
    service: 'GitHub canary',
  },
  {
    source: 'https://github.com/zenn-dev/zenn-editor/blob/canary/pnpm-lock.yaml#L4',
    embed: 'embed-github',
    href: 'https://github.com/zenn-dev/zenn-editor/blob/canary/pnpm-lock.yaml#L4',
    title: 'zenn-dev/zenn-editor pnpm-lock.yaml（4 行目）',
    service: 'GitHub canary',
  },
  {
    source:
      '@[github](https://github.com/owner/repo/blob/362e2428248daabce3da74bef4c41b0879c15392/src/%E8%A8%AD%E5%AE%9A.ts)',
    embed: 'embed-github',
    href: 'https://github.com/owner/repo/blob/362e2428248daabce3da74bef4c41b0879c15392/src/%E8%A8%AD%E5%AE%9A.ts',
    title: 'owner/repo src/設定.ts',
    service: 'GitHub 362e242',
  },
  {
    source: '@[gist](https://gist.github.com/mattpodwysocki/218388)',
    embed: 'embed-gist',
    href: 'https://gist.github.com/mattpodwysocki/218388',
    title: 'mattpodwysocki/218388',
    service: 'GitHub Gist',
  },
  {
    source: '@[gist](https://gist.github.com/hofmannsven/9164408?file=my.cnf)',
    embed: 'embed-gist',
    href: 'https://gist.github.com/hofmannsven/9164408?file=my.cnf',
    title: 'hofmannsven/9164408（my.cnf）',
    service: 'GitHub Gist',
  },
  {
    source: '@[speakerdeck](4f926da9cb4cd0001f00a1ff?slide=24)',
    embed: 'embed-speakerdeck',
    href: 'https://speakerdeck.com/player/4f926da9cb4cd0001f00a1ff?slide=24',
    title: 'スライド 4f926da9cb4cd0001f00a1ff（24 枚目から）',
    service: 'Speaker Deck',
  },
  {
    source: '@[slideshare](EP6Yf9I2idPXCb)',
    embed: 'embed-slideshare',
    href: 'https://www.slideshare.net/slideshow/embed_code/key/EP6Yf9I2idPXCb',
    title: 'スライド EP6Yf9I2idPXCb',
    service: 'SlideShare',
  },
  {
    source: '@[docswell](https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p13)',
    embed: 'embed-docswell',
    href: 'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p13',
    title: 'スライド LK7J5V-hello-docswell（13 ページ目から）',
    service: 'Docswell',
  },
  {
    source: '@[docswell](https://www.docswell.com/slide/LK7J5V/embed)',
    embed: 'embed-docswell',
    href: 'https://www.docswell.com/slide/LK7J5V/embed',
    title: 'スライド LK7J5V',
    service: 'Docswell',
  },
  {
    source: '@[codepen](https://codepen.io/noeldelgado/pen/BaogqYy?default-tab=result)',
    embed: 'embed-codepen',
    href: 'https://codepen.io/noeldelgado/pen/BaogqYy?default-tab=result',
    title: 'Pen noeldelgado/pen/BaogqYy',
    service: 'CodePen',
  },
  {
    source:
      '@[codesandbox](https://codesandbox.io/embed/guess-movie-erpn1?fontsize=14&hidenavigation=1&theme=dark&module=/src/App.js,/src/index.js)',
    embed: 'embed-codesandbox',
    href: 'https://codesandbox.io/embed/guess-movie-erpn1?fontsize=14&hidenavigation=1&theme=dark&module=/src/App.js,/src/index.js',
    title: 'サンドボックス guess-movie-erpn1',
    service: 'CodeSandbox',
  },
  {
    source: '@[stackblitz](https://stackblitz.com/edit/test-examples?embed=1&file=pages/api/[id].ts)',
    embed: 'embed-stackblitz',
    href: 'https://stackblitz.com/edit/test-examples?embed=1&file=pages/api/[id].ts',
    title: 'プロジェクト test-examples',
    service: 'StackBlitz',
  },
  {
    source: '@[jsfiddle](https://jsfiddle.net/9wkngdue/embedded)',
    embed: 'embed-jsfiddle',
    href: 'https://jsfiddle.net/9wkngdue/embedded',
    title: 'Fiddle 9wkngdue',
    service: 'JSFiddle',
  },
  {
    source: '@[figma](https://embed.figma.com/proto/nrPSsILSYjesyc5UHjYYa4/Embed-Kit-2.0-examples?node-id=5-3)',
    embed: 'embed-figma',
    href: 'https://embed.figma.com/proto/nrPSsILSYjesyc5UHjYYa4/Embed-Kit-2.0-examples?node-id=5-3',
    title: 'プロトタイプ Embed-Kit-2.0-examples',
    service: 'Figma',
  },
  {
    source: '@[figma](https://www.figma.com/file/nrPSsILSYjesyc5UHjYYa4)',
    embed: 'embed-figma',
    href: 'https://www.figma.com/file/nrPSsILSYjesyc5UHjYYa4',
    title: 'デザイン nrPSsILSYjesyc5UHjYYa4',
    service: 'Figma',
  },
  {
    source: '@[blueprintue](https://blueprintue.com/render/xmdvzpam/)',
    embed: 'embed-blueprintue',
    href: 'https://blueprintue.com/render/xmdvzpam/',
    title: 'ブループリント xmdvzpam',
    service: 'blueprintUE',
  },
  // Zenn makes any other URL line a link card, Gists included (zenn-editor's md-linkify-to-card).
  {
    source: 'https://gist.github.com/hofmannsven/9164408',
    embed: null,
    href: 'https://gist.github.com/hofmannsven/9164408',
    title: 'https://gist.github.com/hofmannsven/9164408',
    service: 'gist.github.com',
  },
  {
    source: 'https://github.com/zenn-dev/zenn-editor',
    embed: null,
    href: 'https://github.com/zenn-dev/zenn-editor',
    title: 'https://github.com/zenn-dev/zenn-editor',
    service: 'github.com',
  },
];

const render = async (source: string, format: (typeof noteFormats)[number]) =>
  fragment(await renderNote(source, format));

describe.each(noteFormats)('accepted embeds in .%s: a card naming the service, linking to the original', (format) => {
  test.each(accepted)('$source', async ({ source, embed, href, title, service }) => {
    const doc = await render(`前の段落\n\n${source}\n\n後の段落`, format);
    const card = doc.querySelector('.link-card');
    expect(card, 'a card').not.toBeNull();
    if (embed) expect(card?.classList.contains(embed), `class ${embed}`).toBe(true);
    const link = card!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe(href);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(textOf(link.querySelector('.link-card-title'))).toBe(title);
    const meta = [...link.querySelectorAll('.link-card-meta > span:not(.sr-only)')].map((span) => span.textContent);
    expect(meta.join(' ')).toBe(service);
    // The link says what opens: the title, the service, and that it is a new tab.
    expect(textOf(link).replace(/\s/g, '')).toBe(`${title}${service}（新しいタブで開きます）`.replace(/\s/g, ''));
    // Nothing from the service loads with the page.
    expect(doc.querySelector('iframe, script, img, object, embed')).toBeNull();
    expect([...doc.querySelectorAll('body > p:not(.link-card)')].map((p) => p.textContent)).toEqual([
      '前の段落',
      '後の段落',
    ]);
  });
});

describe('where an embed line is an embed', () => {
  test('@[…] and URL lines inside a paragraph split it; the other lines stay paragraphs', async () => {
    const doc = await render('前\n@[youtube](X8NBvQDDXXc)\nhttps://x.com/jack/status/20\n後', 'md');
    expect([...doc.querySelectorAll('body > *')].map((e) => `${e.tagName}.${e.className}`)).toEqual([
      'P.',
      'P.link-card embed-card embed-youtube',
      'P.link-card embed-card embed-tweet',
      'P.',
    ]);
  });

  test('@[…] in a list item is a card in the item (Zenn reads it as a block there too)', async () => {
    const doc = await render('- 動画\n- @[youtube](X8NBvQDDXXc)\n- 後', 'md');
    const card = doc.querySelector('li > .embed-youtube');
    expect(card?.tagName).toBe('DIV');
    expect(card?.querySelector('a')?.getAttribute('href')).toBe('https://www.youtube.com/watch?v=X8NBvQDDXXc');
  });

  test.each([
    { name: 'a list item', source: '- https://x.com/jack/status/20' },
    { name: 'a quote', source: '> https://www.youtube.com/watch?v=X8NBvQDDXXc' },
    { name: 'a sentence', source: '動画は https://www.youtube.com/watch?v=X8NBvQDDXXc です' },
    { name: 'inline code', source: '`@[youtube](X8NBvQDDXXc)`' },
    { name: 'an escaped @', source: '\\@[youtube](X8NBvQDDXXc)' },
  ])('a URL or @[…] in $name stays as written (as on Zenn)', async ({ source }) => {
    for (const format of noteFormats) {
      const doc = await render(source, format);
      expect(doc.querySelector('.link-card'), format).toBeNull();
    }
  });

  test('a URL line in a :::details box is a card', async () => {
    const doc = await render(':::details 動画\nhttps://youtu.be/X8NBvQDDXXc\n:::', 'md');
    expect(doc.querySelector('details .embed-youtube a')?.getAttribute('href')).toBe(
      'https://www.youtube.com/watch?v=X8NBvQDDXXc',
    );
  });

  // zenn-editor's link.test.ts: only the note's own paragraphs and :::details make URL lines cards.
  test.each([
    { source: ':::message alert\nhttps://example.com\n:::', card: false },
    { source: ':::message alert\nhello\n\nhttps://example.com\n:::', card: false },
    { source: '::::details example\n:::message\nhttps://example1.com\n:::\n::::', card: false },
    { source: '::::message\n:::details example\nhttps://example1.com\n:::\n::::', card: true },
    { source: ':::::details outer\n::::message\n:::details inner\nhttps://example1.com\n:::\n::::\n:::::', card: true },
    { source: ':::message\n@[card](https://example.com)\n:::', card: true },
  ])('$source: a card: $card', async ({ source, card }) => {
    for (const format of noteFormats) {
      const doc = await render(source, format);
      expect(doc.querySelector('.link-card') !== null, format).toBe(card);
      expect(doc.querySelector('a[href^="https://example"]'), format).not.toBeNull();
    }
  });

  test('every embed renders the same HTML in .md and .mdx', async () => {
    const source = accepted.map((row) => row.source).join('\n\n');
    const [md, mdx] = await Promise.all(noteFormats.map((format) => renderNote(source, format)));
    expect(md).toBe(mdx);
  });
});

/**
 * What Zenn answers with a message shows that message where the embed would be, with the line as
 * written under it, and nothing of the embed (no link, frame or script): the build only warns.
 */
async function expectShownInPlace(source: string, message: string) {
  for (const format of noteFormats) {
    const html = await renderNote(`# 見出し\n\n本文\n${source}`, format);
    const doc = fragment(html);
    const box = doc.querySelector('.content-problem');
    expect(box?.getAttribute('role'), format).toBe('note');
    expect(box?.querySelector('.content-problem-message')?.textContent, format).toBe(message);
    expect(box?.querySelector('code')?.textContent, format).toBe(source);
    expect(doc.querySelector('.link-card, p a, iframe, script, [onload]'), format).toBeNull();
    // The rest of the paragraph is kept.
    expect(textOf(doc.body), format).toContain('本文');
  }
}

describe('inputs Zenn answers with a message show that message in place', () => {
  test.each([
    { source: '@[youtube](@bad-video-id)', message: 'YouTubeのvideoIDが不正です' },
    { source: 'https://youtu.be/short', message: 'YouTubeのvideoIDが不正です' },
    { source: '@[slideshare](@invalid-token)', message: 'Slide Shareのkeyが不正です' },
    { source: '@[speakerdeck](@invalid-token)', message: 'Speaker Deckのkeyが不正です' },
    { source: '@[speakerdeck](key?slide=1"><script>alert("XSS")</script>)', message: 'Speaker Deckのkeyが不正です' },
    { source: '@[docswell](https://www.docswell.com/invalid)', message: 'DocswellのスライドURLが不正です' },
    {
      source: '@[docswell](https://www.docswell.com/slide/LK7J5V/embed#p12"><script>alert("XSS")</script>)',
      message: 'DocswellのスライドURLが不正です',
    },
    { source: '@[jsfiddle](https://bad-example.jsfiddle.net/examples/embedded)', message: 'jsfiddleのURLが不正です' },
    {
      source: '@[codepen](https://bad-example.codepen.io/examples/pen/test?default-tab=hoge)',
      message: 'CodePenのURLが不正です',
    },
    {
      source: '@[codesandbox](https://codesandbox.io/embed/a"a)',
      message: '「https://codesandbox.io/embed/」から始まる正しいURLを入力してください',
    },
    {
      source: '@[codesandbox](http://codesandbox.io/embed/guess-movie-erpn1)',
      message: '「https://codesandbox.io/embed/」から始まる正しいURLを入力してください',
    },
    {
      source: '@[stackblitz](https://stackblitz.com/edit/embed?embed=a"a)',
      message: 'StackBlitzのembed用のURLを指定してください',
    },
    {
      source: '@[stackblitz](@https://bad-url.stackblitz.com/edit/test-examples)',
      message: 'StackBlitzのembed用のURLを指定してください',
    },
    {
      source: '@[tweet](https://bad-url.twitter.com/zenn-dev/status/example)',
      message: 'ツイートページのURLを指定してください',
    },
    {
      source: '@[gist](https://bad-example.gist.github.com/examples/9164408)',
      message: 'GitHub GistのページURLを指定してください',
    },
    {
      source: '@[github](https://bad-example.github.com/zenn-dev/example-repo/blob/main/example.json)',
      message: 'GitHub のファイルURLまたはパーマリンクを指定してください',
    },
    {
      source: '@[figma](https://www.figma.com/bad-example/file/LKQ4FJ4ExAmPLEedbRp931/Sample-File?node-id=0%3A1)',
      message: '埋め込みに対応しているFigma URLを指定してください',
    },
    {
      source: '@[blueprintue](https://bad-example.blueprintue.com/render/examples)',
      message: '「https://blueprintue.com/render/」から始まる正しいURLを指定してください',
    },
    { source: '@[card](bad-example.com)', message: 'URLが不正です' },
  ])('$source', async ({ source, message }) => {
    await expectShownInPlace(source, message);
  });

  const long = 'a'.repeat(301);
  test.each([
    `https://twitter.com/zenn_dev/status/${long}`,
    `http://youtu.be/${long}`,
    ...['youtube', 'slideshare', 'speakerdeck', 'jsfiddle', 'codepen', 'codesandbox', 'stackblitz', 'tweet'].map(
      (name) => `@[${name}](${long})`,
    ),
    ...['blueprintue', 'figma', 'gist', 'docswell'].map((name) => `@[${name}](${long})`),
  ])('over 300 characters: %s', async (source) => {
    await expectShownInPlace(source, '埋め込みURLは300文字以内にする必要があります');
  });

  test.each([
    `https://zenn.dev/${'a'.repeat(350)}`,
    `https://github.com/zenn-dev/zenn-editor/blob/canary/${'a'.repeat(350)}`,
    `@[card](http://youtu.be/${'a'.repeat(350)})`,
    `@[github](https://github.com/zenn-dev/zenn-editor/blob/canary/${'a'.repeat(350)})`,
  ])('card and github have no length limit: %s', async (source) => {
    const doc = await render(source, 'md');
    expect(doc.querySelector('.link-card a')?.getAttribute('href')).toContain('a'.repeat(350));
  });

  test('an embed Zenn does not have fails, listing every accepted name (from the registry)', async () => {
    const error = renderNote('本文\n\n@[vimeo](12345)', 'md');
    await expect(error).rejects.toThrow(':3: Zenn has no embed "@[vimeo]"');
    for (const name of Object.keys(zennEmbeds)) await expect(error).rejects.toThrow(`@[${name}]`);
    await expect(error).rejects.toThrow('For a plain link write [vimeo](12345)');
  });

  test('text after @[name](…) on its line fails rather than being dropped (Zenn drops it)', async () => {
    await expect(renderNote('@[youtube](X8NBvQDDXXc) の動画', 'md')).rejects.toThrow(
      'text after @[youtube](…) on the same line ("の動画") would be lost',
    );
  });
});

describe('hostile input is refused or inert', () => {
  test.each([
    { source: '@[youtube](javascript:alert(1))', message: 'is not allowed' },
    { source: '@[card](javascript:alert(1))', message: 'is not allowed' },
    { source: '@[tweet](javascript://x.com/a/status/1)', message: 'is not allowed' },
  ])('$source fails the build', async ({ source, message }) => {
    for (const format of noteFormats) {
      await expect(renderNote(source, format), format).rejects.toThrow(message);
    }
  });

  test("@[youtube](<script>…) is refused in .mdx (JSX script) and shows Zenn's message, inert, in .md", async () => {
    const source = '@[youtube](<script>alert(1)</script>)';
    await expect(renderNote(source, 'mdx')).rejects.toThrow('<script> is not allowed');
    const doc = fragment(await renderNote(source, 'md'));
    expect(textOf(doc.querySelector('.content-problem-message'))).toBe('YouTubeのvideoIDが不正です');
    expect(doc.querySelector('script')).toBeNull();
  });

  test.each([
    { source: '@[youtube](" onload="alert(1))', message: 'YouTubeのvideoIDが不正です' },
    { source: '@[youtube](<script>)', message: 'YouTubeのvideoIDが不正です' },
    { source: '@[slideshare](abc"def)', message: 'Slide Shareのkeyが不正です' },
    { source: '@[slideshare](abc<def)', message: 'Slide Shareのkeyが不正です' },
    // Look-alikes: a Cyrillic "а", a full-width "Ｘ", a zero-width space, a right-to-left override.
    { source: '@[youtube](X8NBvQDDXXа)', message: 'YouTubeのvideoIDが不正です' },
    { source: '@[youtube](Ｘ8NBvQDDXXc)', message: 'YouTubeのvideoIDが不正です' },
    { source: '@[youtube](X8NBv\u200bQDDXXc)', message: 'YouTubeのvideoIDが不正です' },
    { source: '@[slideshare](abc\u202edef)', message: 'Slide Shareのkeyが不正です' },
    { source: '@[tweet](https://x.com/jack/status/20\u202e)', message: 'ツイートページのURLを指定してください' },
    { source: '@[tweet](https://x.com／jack/status/20)', message: 'ツイートページのURLを指定してください' },
    {
      source: '@[github](https://gіthub.com/a/b/blob/main/c.ts)',
      message: 'GitHub のファイルURLまたはパーマリンクを指定してください',
    },
    { source: `@[youtube](${'X'.repeat(100_000)})`, message: '埋め込みURLは300文字以内にする必要があります' },
    { source: `@[slideshare](${'-'.repeat(301)})`, message: '埋め込みURLは300文字以内にする必要があります' },
  ])("$source shows Zenn's message, inert", async ({ source, message }) => {
    await expectShownInPlace(source, message);
  });

  test('a GitHub path with quotes and brackets (which Zenn accepts) stays text and an escaped href', async () => {
    const url = `https://github.com/a/b/blob/main/x"'()*.ts`;
    const html = await renderNote(`@[github](${url})`, 'md');
    const doc = fragment(html);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe(url);
    expect(doc.querySelectorAll('a')).toHaveLength(1);
    expect(html).not.toMatch(/<a [^>]*href="[^"]*"'/);
  });
});

test('the README lists every embed, as the registry describes it', async () => {
  const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const rows = zennEmbedReadmeRows();
  expect(rows).toHaveLength(Object.keys(zennEmbeds).length);
  for (const row of rows) expect(readme, `README.md should have the row\n${row}`).toContain(row);
});
