/**
 * Every test of zenn-editor's `packages/zenn-markdown-html/__tests__`, as an input this site renders
 * and the meaning it must keep (not Zenn's class names): `tests/unit/zenn-conformance.test.ts` runs
 * them, `docs/zenn-conformance.md` lists them. A case is `same` (a reader gets what Zenn gives) or
 * `deliberate` (a difference chosen, with its reason); `refused` cases expect the build to stop on
 * the input, naming the line, where Zenn would publish something broken or drop text; `shownInPlace`
 * cases expect the page to show the problem where it is, as Zenn does (the build warns).
 */
import { expect } from 'vitest';
import { textOf } from './html.ts';

type Verdict = 'same' | 'deliberate';

export interface ConformanceCase {
  /** Zenn's test file (under `__tests__/`) and the test's name. */
  zenn: string;
  /** The Markdown: one input, or several that must each pass. */
  input: string | string[];
  verdict: Verdict;
  /** Why it differs (deliberate), or what "the same" means where the markup differs. */
  note?: string;
  /**
   * The meaning checked on the rendered HTML; or the build error the input must give (`refused`);
   * or the problem its page must show in place (`shownInPlace`); or a problem it must neither show
   * nor stop on, whether it renders or stops for another reason (`notRefusedFor`).
   */
  expect:
    | ((doc: Document, html: string) => void)
    | { refused: RegExp }
    | { shownInPlace: RegExp }
    | { notRefusedFor: RegExp };
}

const $ = (doc: Document, selector: string) => doc.querySelector(selector);
const $$ = (doc: Document, selector: string) => [...doc.querySelectorAll(selector)];
const hrefs = (doc: Document, selector = 'a') => $$(doc, selector).map((a) => a.getAttribute('href'));

const sameTab =
  'Links open in the same tab, with no target or rel: the reader chooses where a link opens (WCAG F22), and a study site has no user-written links to mark nofollow.';
const staticCard =
  'An embed is a card made at build time, linking to the original: no iframe, script or third-party request (the page stays under its weight budget and works offline).';
const noHook =
  "Zenn's API option (customEmbed / embedOrigin) has no counterpart: the embed registry src/markdown/zenn-embeds.ts is the one place that makes cards.";
const inPlaceNote =
  'Zenn’s own message where the embed would be (the line as written under it, nothing of the embed); the build lists it as a warning with file:line (NOTES_STRICT=1: an error).';

/** A card linking to `href` (a link card or a service card). */
const card = (href: string | RegExp) => (doc: Document) => {
  const links = hrefs(doc, '.link-card a');
  expect(links.length).toBeGreaterThan(0);
  expect(links.some((link) => (typeof href === 'string' ? link === href : href.test(link ?? '')))).toBe(true);
  expect($(doc, 'iframe, script')).toBeNull();
};
/** A plain link to `href` and no card. */
const linkNoCard = (href: string) => (doc: Document) => {
  expect($(doc, '.link-card')).toBeNull();
  expect(hrefs(doc)).toContain(href);
};
/** Highlighted code (Shiki's coloured spans), with `title` above it when given. */
const highlighted = (title?: string) => (doc: Document) => {
  expect($(doc, 'pre span[style*="--shiki-light"]')).not.toBeNull();
  expect(textOf($(doc, 'figcaption.code-title')) || undefined).toBe(title);
};
const diffMarked = (doc: Document) => {
  expect($(doc, 'pre.has-diff .line.diff.remove')).not.toBeNull();
  expect($(doc, 'pre.has-diff .line.diff.add')).not.toBeNull();
};
const math = (count: number) => (doc: Document) => expect($$(doc, '.katex')).toHaveLength(count);
const imageSize = (width: string | null, height: string | null) => (doc: Document) => {
  const img = $(doc, 'img')!;
  const style = img.getAttribute('style') ?? '';
  const size = (name: 'width' | 'height') =>
    img.getAttribute(name) ??
    /--image-(\w+):([^;]+)/g.exec(style.split(';').find((s) => s.includes(name)) ?? '')?.[2] ??
    null;
  expect([size('width'), size('height')]).toEqual([width, height]);
};
const noSizedImage = (doc: Document) => {
  expect($(doc, 'img[width], img[height], img[style]')).toBeNull();
};
const noElement = (selector: string) => (doc: Document) => expect($(doc, selector)).toBeNull();
const text =
  (...parts: string[]) =>
  (doc: Document) => {
    for (const part of parts) expect(textOf(doc.body)).toContain(part);
  };

const long = (n: number) => 'a'.repeat(n);
const restricted = (token: string) => [
  `https://twitter.com/zenn_dev/status/${token}`,
  `http://youtu.be/${token}`,
  `@[youtube](${token})`,
  `@[slideshare](${token})`,
  `@[speakerdeck](${token})`,
  `@[jsfiddle](${token})`,
  `@[codepen](${token})`,
  `@[codesandbox](${token})`,
  `@[stackblitz](${token})`,
  `@[tweet](${token})`,
  `@[blueprintue](${token})`,
  `@[figma](${token})`,
  `@[gist](${token})`,
];
const unrestricted = (token: string) => [
  `https://zenn.dev/${token}`,
  `https://github.com/zenn-dev/zenn-editor/blob/canary/${token}`,
  `@[card](http://youtu.be/${token})`,
  `@[github](https://github.com/zenn-dev/zenn-editor/blob/canary/${token})`,
];

/** Valid, invalid, and API-option cases of one embed test file. */
function embedCases(
  file: string,
  valid: { input: string; href: string | RegExp; names: string[] },
  invalid: { input: string; message: RegExp; name?: string },
  options: string[] = ['customEmbed'],
): ConformanceCase[] {
  return [
    ...valid.names.map((name) => ({
      zenn: `${file} › ${name}`,
      input: valid.input,
      verdict: 'deliberate' as const,
      note: staticCard,
      expect: card(valid.href),
    })),
    {
      zenn: `${file} › ${invalid.name ?? '無効なURLの場合 › エラーメッセージを出力する'}`,
      input: invalid.input,
      verdict: 'same',
      note: inPlaceNote,
      expect: { shownInPlace: invalid.message },
    },
    ...options.map((option) => ({
      zenn: `${file} › ${option}.*()を設定している場合 › 渡した関数を実行する`,
      input: valid.input,
      verdict: 'deliberate' as const,
      note: noHook,
      expect: card(valid.href),
    })),
  ];
}

export const conformanceCases: ConformanceCase[] = [
  // basic.test.ts
  {
    zenn: 'basic › markdownからhtmlへ変換する',
    input: 'Hello\n## hey\n\n- first\n- second\n',
    verdict: 'same',
    note: 'The heading has Zenn’s id and a link to it beside it (not inside it).',
    expect: (doc) => {
      expect(textOf($(doc, 'p'))).toBe('Hello');
      expect($(doc, 'h2')?.getAttribute('id')).toBe('hey');
      expect(textOf($(doc, 'h2'))).toBe('hey');
      expect(hrefs(doc, 'a.heading-anchor')).toEqual(['#hey']);
      expect($$(doc, 'ul > li').map((li) => textOf(li))).toEqual(['first', 'second']);
    },
  },
  {
    zenn: 'basic › インラインコメントはhtmlに変換しない',
    input: '<!-- hey -->',
    verdict: 'same',
    expect: (_, html) => expect(html).not.toContain('hey'),
  },
  {
    zenn: 'basic › 脚注に docId を設定する',
    input: 'Hello[^1]World!\n\n[^1]: hey',
    verdict: 'same',
    note: 'A page holds one body, so the footnote ids need no random docId.',
    expect: (doc) => {
      const ref = $(doc, 'sup a[data-footnote-ref]')!;
      const target = doc.getElementById(decodeURIComponent(ref.getAttribute('href')!.slice(1)));
      expect(textOf(target)).toContain('hey');
    },
  },
  {
    zenn: 'basic › dataスキーマの画像は除外する',
    input: '![](data:image/png;base64,xxxx)',
    verdict: 'deliberate',
    note: 'Zenn drops the src and shows an empty image; the build stops on it, naming the line.',
    expect: { refused: /:1: an image to "data:image\/png;base64,xxxx" is not allowed/ },
  },

  // br.test.ts
  {
    zenn: 'br › 段落内の<br />は保持する',
    input: ['foo<br>bar', 'foo<br/>bar', 'foo<br />bar'],
    verdict: 'same',
    expect: (doc) => {
      expect($$(doc, 'p br')).toHaveLength(1);
      expect(textOf(doc.body).replace(/\s/g, '')).toBe('foobar');
    },
  },
  {
    zenn: 'br › テーブル内の<br />は保持する',
    input: '| a | b |\n| --- | --- |\n| foo<br>bar | c |',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'td br')).toHaveLength(1),
  },
  {
    zenn: 'br › インラインコード内の<br />はエスケープする',
    input: 'foo`<br>`bar',
    verdict: 'same',
    expect: (doc) => {
      expect(textOf($(doc, 'code'))).toBe('<br>');
      expect($(doc, 'br')).toBeNull();
    },
  },
  {
    zenn: 'br › コードブロック内の<br />はエスケープする',
    input: '```\n<br>\n```',
    verdict: 'same',
    expect: (doc) => {
      expect(textOf($(doc, 'pre'))).toBe('<br>');
      expect($(doc, 'br')).toBeNull();
    },
  },

  // custom-syntax/messagebox.test.ts
  {
    zenn: 'messagebox › 通常表示の場合 › 正しい構文の場合 › htmlを出力する',
    input: ':::message\nhello\n:::',
    verdict: 'same',
    expect: (doc) => {
      expect(textOf($(doc, 'aside.msg .msg-content'))).toBe('hello');
      expect($(doc, 'aside.msg.alert')).toBeNull();
    },
  },
  {
    zenn: 'messagebox › 通常表示の場合 › 間違った構文の場合 › htmlを出力しない',
    input: ':::message invalid"\nhello\n:::',
    verdict: 'deliberate',
    note: 'Zenn shows the lines as text; the build stops, naming the accepted forms.',
    expect: { refused: /:1: unknown message variant "invalid""/ },
  },
  {
    zenn: 'messagebox › アラート表示の場合 › 正しい構文の場合 › htmlを出力する',
    input: [':::message alert\nhello\n:::', ':::message alert  \nhello\n:::', ':::message   alert  \nhello\n:::'],
    verdict: 'same',
    expect: (doc) => expect(textOf($(doc, 'aside.msg.alert .msg-content'))).toBe('hello'),
  },
  {
    zenn: 'messagebox › アラート表示の場合 › 間違った構文の場合 › htmlを出力しない',
    input: ':::message invalid"\nhello\n:::',
    verdict: 'deliberate',
    note: 'As above: the build stops.',
    expect: { refused: /unknown message variant/ },
  },

  // dollar.test.ts
  {
    zenn: 'dollar › リンクと同じ行にある $ は katex に変換される',
    input: '$a,b,c$foo[foo](https://foo.bar)bar',
    verdict: 'same',
    note: 'KaTeX typesets at build time; Zenn sends the TeX to the browser.',
    expect: (doc) => {
      math(1)(doc);
      expect(hrefs(doc)).toEqual(['https://foo.bar']);
    },
  },
  {
    zenn: 'dollar › リンクの後に無効な $ が続く場合はそのままにする',
    input: '$a,b,c$foo[foo](http://foo.bar)$bar',
    verdict: 'same',
    expect: (doc) => {
      math(1)(doc);
      expect(textOf(doc.body)).toMatch(/foo\$bar$/);
    },
  },
  {
    zenn: 'dollar › リンク名に $ が含まれる場合はそのままにする',
    input: '$a,b,c$foo[$bar](http://foo.bar)bar',
    verdict: 'same',
    expect: (doc) => {
      math(1)(doc);
      expect(textOf($(doc, 'a'))).toBe('$bar');
    },
  },
  {
    zenn: 'dollar › リンクのhrefに $ が含まれる場合はそのままにする',
    input: '[this $ should be escaped](https://docs.angularjs.org/api/ng/service/$http)',
    verdict: 'same',
    expect: (doc) => {
      math(0)(doc);
      expect(hrefs(doc)).toEqual(['https://docs.angularjs.org/api/ng/service/$http']);
      expect(textOf($(doc, 'a'))).toBe('this $ should be escaped');
    },
  },
  {
    zenn: 'dollar › katex内の<sscript />をエスケープする',
    input: '$a,<script>alert("XSS")</script>,c$',
    verdict: 'same',
    note: 'The formula is typeset; nothing in it becomes an element.',
    expect: (doc) => {
      math(1)(doc);
      expect($(doc, 'script')).toBeNull();
    },
  },
  ...[
    ['リンクの前後にある一文字だけを含む$のペアをkatexに変換する', '$a$foo[foo](https://foo.bar)bar,refs:$(2)$', 2],
    ['リンク前後にある$のペアをkatexに変換する', '$a,b,c$foo[foo](https://foo.bar)bar,refs:$(2)$', 2],
    ['リンク前後にある三つの$のペアをkatexに変換する', '$a,b,c$foo[foo](https://foo.bar)bar,refs:$(2)$,and:$(3)$', 3],
    ['リンク周りにある$のペアをkatexに変換する', '$a,b,c$foo[foo](https://foo.bar)bar,refs:$2$', 2],
    ['二つの$のペアをkatexに変換する', '$a,b,c$foobar,refs:$(2)$', 2],
  ].map(([name, input, count]): ConformanceCase => ({
    zenn: `dollar › ${name}`,
    input: String(input),
    verdict: 'same',
    expect: (doc) => {
      math(Number(count))(doc);
      expect(textOf(doc.body)).not.toContain('$');
    },
  })),

  // highlight.test.ts
  ...(
    [
      ['コードブロックを正しい<code />に変換する', '```js:foo.js\nconsole.log("hello")\n```', 'foo.js'],
      ['js のコードブロックをハイライトする', "```js\nconsole.log('foo')\n```", undefined],
      ['スペースで区切られた追加の言語は無視する', "```js some-info\nconsole.log('foo')\n```", undefined],
      ['htmlのコードブロックをハイライトできる', '```html\n<html></html>\n```', undefined],
      [
        'js のコードブロックをハイライトしてファイル名を表示する',
        "```js:index.js\nconsole.log('foo')\n```",
        'index.js',
      ],
      [
        'html のコードブロックをハイライトしてファイル名を表示する',
        '```html:index.html\n<html></html>\n```',
        'index.html',
      ],
      [
        '":" が含まれるファイル名が表示される',
        "```js:index:withcolons.js\nconsole.log('foo')\n```",
        'index:withcolons.js',
      ],
    ] as const
  ).map(([name, input, title]): ConformanceCase => ({
    zenn: `highlight › ${name}`,
    input,
    verdict: 'same',
    note: 'Shiki at build time, light and dark.',
    expect: highlighted(title),
  })),
  ...(
    [
      [
        'js diff のコードブロックをハイライトする',
        "```js diff\n-     console.log('foo')\n+     console.log('bar')\n```",
        undefined,
      ],
      [
        'html diff のコードブロックをハイライトする',
        '```html diff\n-     <html class="foo">\n+     <html class="bar">\n```',
        undefined,
      ],
      [
        'diff js の順番でハイライトする',
        "```diff js\n-     console.log('foo')\n+     console.log('bar')\n```",
        undefined,
      ],
      [
        'diff html の順番でハイライトする',
        '```diff html\n-     <html class="foo">\n+     <html class="bar">\n```',
        undefined,
      ],
      [
        'js diff のコードブロックをハイライトしてファイル名を表示する',
        "```js diff:index.js\n-     console.log('foo')\n+     console.log('bar')\n```",
        'index.js',
      ],
      [
        'html diff のコードブロックをハイライトしてファイル名を表示する',
        '```html diff:index.html\n-     <html class="foo">\n+     <html class="bar">\n```',
        'index.html',
      ],
      [
        '":" の前にスペースが存在しても js をハイライトしてファイル名を表示する',
        "```js diff :index.js\n-     console.log('foo')\n+     console.log('bar')\n```",
        'index.js',
      ],
      [
        '":" の前にスペースが存在しても html をハイライトしてファイル名を表示する',
        '```html diff :index.html\n-     <html class="foo">\n+     <html class="bar">\n```',
        'index.html',
      ],
    ] as const
  ).map(([name, input, title]): ConformanceCase => ({
    zenn: `highlight › ${name}`,
    input,
    verdict: 'same',
    expect: (doc) => {
      highlighted(title)(doc);
      diffMarked(doc);
    },
  })),
  {
    zenn: 'highlight › diff のコンテキスト行（先頭スペース）も diff-prefix でラップする',
    input: '```diff\n context line\n-removed\n+added\n```',
    verdict: 'same',
    note: 'A fence of `diff` alone is Shiki’s diff grammar: removed and added lines coloured, the context line plain, the signs kept.',
    expect: (doc) => {
      const lines = $$(doc, 'pre .line');
      expect(lines.map((line) => line.textContent)).toEqual([' context line', '-removed', '+added']);
      const colour = (line: Element) => line.querySelector('span[style]')?.getAttribute('style');
      expect(new Set(lines.map(colour)).size).toBe(3);
    },
  },
  {
    zenn: 'highlight › diff の矢印プレフィックス（<, >）をサポートする',
    input: '```diff\n< removed line\n> added line\n```',
    verdict: 'same',
    note: 'As above: Shiki’s diff grammar colours `<` lines as removed and `>` lines as added; the signs are text.',
    expect: (doc) => {
      const lines = $$(doc, 'pre .line');
      expect(lines.map((line) => line.textContent)).toEqual(['< removed line', '> added line']);
      const colour = (line: Element) => line.querySelector('span[style]')?.getAttribute('style');
      expect(colour(lines[0]!)).not.toBe(colour(lines[1]!));
    },
  },
  ...(
    [
      [
        "$' を含むコードが正しく変換される",
        "```text\n#set($body = $input.path('$'))\n```\n\n次の段落",
        ["#set($body = $input.path('$'))"],
      ],
      ['$` を含むコードが正しく変換される', '```js\nconst str = `$`\n```\n\n次の段落', ['const str = `$`']],
      ['$& を含むコードが正しく変換される', '```text\necho $&\n```\n\n次の段落', ['echo $&']],
      ['$$ を含むコードが正しく変換される', '```bash\necho $$\n```\n\n次の段落', ['echo $$']],
      [
        '複数の特殊パターンを含むコードが正しく変換される',
        "```text\n#set($body = $input.path('$'))\n```\n\n```js\nconst x = `${'test'}`;\n```\n\n最後の段落",
        ["#set($body = $input.path('$'))", "const x = `${'test'}`;"],
      ],
    ] as const
  ).map(([name, input, code]): ConformanceCase => ({
    zenn: `highlight › ${name}`,
    input,
    verdict: 'same',
    expect: (doc) => {
      expect($$(doc, 'pre').map((pre) => pre.textContent)).toEqual(code);
      expect(textOf($(doc, 'p'))).toMatch(/^(次|最後)の段落$/);
    },
  })),

  // imsize.test.ts
  {
    zenn: 'imsize › 幅と高さを指定できる',
    input: '![alt text](https://example.com/image.png =100x200)',
    verdict: 'same',
    note: 'The image also links to its full size (a reading aid).',
    expect: (doc) => {
      expect($(doc, 'img')?.getAttribute('src')).toBe('https://example.com/image.png');
      expect($(doc, 'img')?.getAttribute('alt')).toBe('alt text');
      imageSize('100', '200')(doc);
    },
  },
  {
    zenn: 'imsize › 幅のみ指定できる',
    input: '![alt](https://example.com/image.png =300x)',
    verdict: 'same',
    expect: imageSize('300', null),
  },
  {
    zenn: 'imsize › 高さのみ指定できる',
    input: '![alt](https://example.com/image.png =x150)',
    verdict: 'same',
    expect: imageSize(null, '150'),
  },
  {
    zenn: 'imsize › タイトル付きで幅と高さを指定できる',
    input: '![alt](https://example.com/image.png "image title" =100x200)',
    verdict: 'same',
    expect: (doc) => {
      expect($(doc, 'img')?.getAttribute('title')).toBe('image title');
      imageSize('100', '200')(doc);
    },
  },
  {
    zenn: 'imsize › パーセント指定ができる',
    input: '![alt](https://example.com/image.png =50%x)',
    verdict: 'same',
    note: 'A percentage is a CSS width (an attribute takes pixels only in HTML5).',
    expect: imageSize('50%', null),
  },
  {
    zenn: 'imsize › サイズ指定なしの通常の画像も動作する',
    input: '![alt](https://example.com/image.png)',
    verdict: 'same',
    expect: (doc) => {
      expect($(doc, 'img')?.getAttribute('alt')).toBe('alt');
      noSizedImage(doc);
    },
  },
  {
    zenn: 'imsize › 幅・高さ両方にパーセント指定ができる',
    input: '![alt](https://example.com/image.png =50%x30%)',
    verdict: 'same',
    expect: imageSize('50%', '30%'),
  },
  {
    zenn: 'imsize › 不正なフォーマット（xなし）はサイズ指定として認識されない',
    input: '![alt](https://example.com/image.png =100200)',
    verdict: 'same',
    note: 'No size is taken (the line is text, as CommonMark reads it).',
    expect: noSizedImage,
  },
  {
    zenn: 'imsize › =の前にスペースがない場合はサイズ指定として認識されない',
    input: '![alt](https://example.com/image.png "title"=100x200)',
    verdict: 'same',
    note: 'As above.',
    expect: noSizedImage,
  },
  {
    zenn: 'imsize › 複数の画像を含む場合も正しく処理される',
    input: '![first](https://example.com/1.png =100x200) text ![second](https://example.com/2.png =300x400)',
    verdict: 'same',
    expect: (doc) =>
      expect($$(doc, 'img').map((img) => [img.getAttribute('width'), img.getAttribute('height')])).toEqual([
        ['100', '200'],
        ['300', '400'],
      ]),
  },

  // link.test.ts
  {
    zenn: 'link › リンクに変換する',
    input: '[example](https://example.com)',
    verdict: 'deliberate',
    note: sameTab,
    expect: (doc) => expect($(doc, 'a[href="https://example.com"]:not([target])')).not.toBeNull(),
  },
  {
    zenn: 'link › hrefが"/"から始まる場合は属性のないリンクに変換する',
    input: '[Articles](/articles)',
    verdict: 'same',
    expect: (doc) => expect($(doc, 'a[href="/articles"]:not([target]):not([rel])')).not.toBeNull(),
  },
  {
    zenn: 'link › hrefが"#"で始まる場合は属性のないリンクに変換する',
    input: '[Example](#example)',
    verdict: 'same',
    expect: (doc) => expect($(doc, 'a[href="#example"]:not([target]):not([rel])')).not.toBeNull(),
  },
  {
    zenn: 'link › 直書きのリンク › ホスト名が"zenn.dev"じゃない場合はURLを nofollow のリンクに変換する',
    input: ['URL is https://example.com', 'URL is http://example.com', 'URL is https://zenn.dev.example.com'],
    verdict: 'deliberate',
    note: sameTab,
    expect: (doc) => {
      expect($(doc, '.link-card')).toBeNull();
      expect(hrefs(doc)[0]).toMatch(/^https?:\/\/(example\.com|zenn\.dev\.example\.com)$/);
    },
  },
  {
    zenn: 'link › 直書きのリンク › ホスト名が"zenn.dev"ならrel無しのリンクに変換する',
    input: 'URL is https://zenn.dev',
    verdict: 'deliberate',
    note: sameTab,
    expect: linkNoCard('https://zenn.dev'),
  },
  {
    zenn: 'link › 直書きのリンク › URLの前にテキストが存在する場合はリンクをリンクカードに変換しない',
    input: 'foo https://example.com',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › 意図的にリンクしているURLはリンクカードに変換しない',
    input: '[https://example.com](https://example.com)',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › :::message 内のリンクはリンクカードに変換しない',
    input: ':::message alert\nhttps://example.com\n:::',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › :::message 内の2段落空いたリンクをリンクカードに変換しない',
    input: ':::message alert\nhello\n\nhttps://example.com\n:::',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › リスト内のリンクをリンクカードに変換しない',
    input: '- https://example.com\n- second',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › URLにテキストが続く場合はリンクカードに変換しない',
    input: 'https://example.com foo',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › 同じ段落内のテキストを含むリンクをリンクカードに変換しない',
    input: 'a: https://example.com\nb: https://example.com',
    verdict: 'same',
    expect: (doc) => {
      linkNoCard('https://example.com')(doc);
      expect($$(doc, 'p a')).toHaveLength(2);
      expect($$(doc, 'p br')).toHaveLength(1);
    },
  },
  {
    zenn: 'link › 直書きのリンク › URLにテキストが続くならリンクが先頭であってもリンクカードに変換しない',
    input: '\n\nhttps://example.com text',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  {
    zenn: 'link › 直書きのリンク › URLの前にテキストがあるならリンクが行末でもリンクカードに変換しない',
    input: 'text https://example.com\n\n',
    verdict: 'same',
    expect: linkNoCard('https://example.com'),
  },
  ...(
    [
      ['前の要素が<br />の場合はリンクカードに変換する', 'foo\nhttps://example.com'],
      ['改行で囲まれている場合はリンクカードに変換する', '\n\nhttps://example.com\n\n'],
      ['前に改行があってリンクが段落の終わりならリンクカードに変換する', 'text\nhttps://example.com\n\n'],
      ['リンクが段落の先頭でその後に開業が続く場合はリンクカードに変換する', '\n\nhttps://example.com\ntext'],
      ['リンクの前後に改行があるならリンクカードに変換する', 'text\nhttps://example.com\ntext'],
      ['<p />の最初の要素ならリンクカードに変換する', 'foo\n\nhttps://example.com'],
    ] as const
  ).map(([name, input]): ConformanceCase => ({
    zenn: `link › LinkCard › ${name}`,
    input,
    verdict: 'deliberate',
    note: `${staticCard} The text around it stays, as paragraphs of their own.`,
    expect: (doc) => {
      card('https://example.com/')(doc);
      const around = input.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('https://'));
      expect($$(doc, 'p:not(.link-card)').map((p) => textOf(p))).toEqual(around);
    },
  })),
  {
    zenn: 'link › LinkCard › 各リンクの前後に改行があればリンクカードに変換する',
    input: 'https://example1.com\nhttps://example3.com text\ntext https://example4.com\nhttps://example2.com\ntext',
    verdict: 'deliberate',
    note: staticCard,
    expect: (doc) => {
      expect(hrefs(doc, '.link-card a')).toEqual(['https://example1.com/', 'https://example2.com/']);
      expect(hrefs(doc, 'p:not(.link-card) a')).toEqual(['https://example3.com', 'https://example4.com']);
    },
  },
  {
    zenn: 'link › LinkCard › 行内にリンクが存在する場合でも、各リンクが改行で区切られている場合は、リンクを変換する',
    input: 'https://example1.com\nhttps://example2.com\n',
    verdict: 'deliberate',
    note: staticCard,
    expect: (doc) => expect(hrefs(doc, '.link-card a')).toEqual(['https://example1.com/', 'https://example2.com/']),
  },
  ...(
    [
      ['twitter.com › ツイートリンクを<iframe />に変換する', 'https://twitter.com/jack/status/20'],
      [
        'twitter.com › クエリ文字列を含むツイートリンクを埋め込み<iframe />に変換する',
        'https://twitter.com/jack/status/20?foo=123456&t=ab-cd_ef',
      ],
      ['x.com › ツイートリンクを<iframe />に変換する', 'https://x.com/jack/status/20'],
      [
        'x.com › クエリ文字列を含むツイートリンクを埋め込み<iframe />に変換する',
        'https://x.com/jack/status/20?foo=123456&t=ab-cd_ef',
      ],
    ] as const
  ).map(([name, input]): ConformanceCase => ({
    zenn: `link › Tweet埋め込み › ${name}`,
    input,
    verdict: 'deliberate',
    note: staticCard,
    expect: (doc) => {
      card(input)(doc);
      expect($(doc, '.embed-tweet')).not.toBeNull();
    },
  })),
  {
    zenn: 'link › <details /> 内 › 埋め込みiframeに変換できる',
    input: ':::details example\nhttps://example1.com\n:::',
    verdict: 'deliberate',
    note: staticCard,
    expect: card('https://example1.com/'),
  },
  {
    zenn: 'link › <details /> 内 › <details />がネストされていても埋め込みiframeに変換する',
    input: '::::details example\n:::details nest-example\nhttps://example1.com\n:::\n::::',
    verdict: 'deliberate',
    note: staticCard,
    expect: card('https://example1.com/'),
  },
  {
    zenn: 'link › <details /> 内 › <details />以外のネストは埋め込みiframeに変換しない (リスト)',
    input: ':::details example\n- https://example1.com\n:::',
    verdict: 'same',
    expect: linkNoCard('https://example1.com'),
  },
  {
    zenn: 'link › <details /> 内 › <details />以外のネストは埋め込みiframeに変換しない (:::message)',
    input: '::::details example\n:::message\nhttps://example1.com\n:::\n::::',
    verdict: 'same',
    expect: linkNoCard('https://example1.com'),
  },
  {
    zenn: 'link › <details /> 内 › :::message 内の <details /> でも埋め込みiframeに変換する',
    input: '::::message\n:::details example\nhttps://example1.com\n:::\n::::',
    verdict: 'deliberate',
    note: staticCard,
    expect: card('https://example1.com/'),
  },
  {
    zenn: 'link › <details /> 内 › :::message を挟んで <details /> が深くネストしていても埋め込みiframeに変換する',
    input: ':::::details outer\n::::message\n:::details inner\nhttps://example1.com\n:::\n::::\n:::::',
    verdict: 'deliberate',
    note: staticCard,
    expect: card('https://example1.com/'),
  },

  // xss.test.ts
  {
    zenn: 'xss › <script />はエスケープする',
    input: '<script>alert("XSS!")</script>',
    verdict: 'same',
    expect: (doc) => {
      noElement('script')(doc);
      text('<script>alert("XSS!")</script>')(doc);
    },
  },
  {
    zenn: 'xss › "javascript:"構文をリンクにせずにそのままにする',
    input: 'javascript:alert(1)',
    verdict: 'same',
    expect: (doc) => {
      noElement('a')(doc);
      text('javascript:alert(1)')(doc);
    },
  },
  {
    zenn: 'xss › katex内の<img />をエスケープする',
    input: '\n      $$"<img/src=./ onerror=alert(location)>\n      any\n      $$',
    verdict: 'same',
    note: 'Indented four spaces or more, it is a code block, as on Zenn.',
    expect: (doc) => {
      noElement('img')(doc);
      text('$$"<img/src=./ onerror=alert(location)>')(doc);
    },
  },
  {
    zenn: 'xss › katex内に仕込まれた<img />をエスケープする',
    input: '$$\n      e^{i\theta"<img/src=./ onerror=alert(location)>} = \\cos\theta + i\\sin\thetae^{i\theta}\n    $$',
    verdict: 'same',
    expect: (doc) => {
      noElement('img')(doc);
      expect($(doc, '.math-display .katex')).not.toBeNull();
    },
  },
  {
    zenn: 'xss › コードブロック内の<img />のXSSをエスケープする',
    input: '```"><img/onerror="alert(location)"src=.>\nany\n```',
    verdict: 'same',
    expect: (doc, html) => {
      noElement('img')(doc);
      expect(html).not.toContain('onerror=');
      expect(textOf($(doc, 'pre'))).toBe('any');
    },
  },
  {
    zenn: 'xss › コードブロックのファイル名に仕込まれた<script />をエスケープする',
    input: '```js:<script>alert("XSS")</script>\nany\n```',
    verdict: 'same',
    expect: (doc) => {
      noElement('script')(doc);
      expect(textOf($(doc, 'figcaption'))).toBe('<script>alert("XSS")</script>');
    },
  },
  {
    zenn: 'xss › コードブロック内の<script />をエスケープする',
    input: '```\n<script>alert("XSS")</script>\n```',
    verdict: 'same',
    expect: (doc) => {
      noElement('script')(doc);
      expect(textOf($(doc, 'pre'))).toBe('<script>alert("XSS")</script>');
    },
  },
  {
    zenn: 'xss › シンタックスハイライトしている<script />をエスケープする',
    input: '```js\n<script>alert("XSS")</script>\n```',
    verdict: 'same',
    expect: (doc) => {
      noElement('script')(doc);
      expect(textOf($(doc, 'pre'))).toBe('<script>alert("XSS")</script>');
    },
  },
  {
    zenn: 'xss › mermaid内の<img />をエスケープする',
    input: '```mermaid\ngraph TD\nA["<img src="invalid" onerror=alert(\'XSS\')/>"] --> B```',
    verdict: 'deliberate',
    note: 'Zenn’s input never closes its fence (no newline before ```): Markdown takes the rest of the note as code; the build stops on an unclosed fence instead.',
    expect: { refused: /:1: this code fence "```" is never closed/ },
  },
  {
    zenn: 'xss › figmaのURL内の<img />をエスケープする',
    input:
      '@[figma](https://www.figma.com/file/LKQ4FJ4bTnCSjedbRpk931/Sample-File"></iframe><img src onerror=alert("XSS") />)',
    verdict: 'same',
    note: inPlaceNote,
    expect: { shownInPlace: /埋め込みに対応しているFigma URLを指定してください/ },
  },
  {
    zenn: 'xss › figma v2 URLのXSSをエスケープする',
    input:
      '@[figma](https://embed.figma.com/design/LKQ4FJ4bTnCSjedbRpk931/Sample-File"></iframe><img src onerror=alert("XSS") />)',
    verdict: 'same',
    note: inPlaceNote,
    expect: { shownInPlace: /埋め込みに対応しているFigma URLを指定してください/ },
  },

  // toc.test.ts: Zenn's parseToc reads the HTML; here the 目次 is built from the headings' ids
  // (src/components/TableOfContents.astro, checked on the built memo by tests/build/site.test.ts).
  {
    zenn: 'toc › 生成対象がないとき › 空配列が返ること',
    input: 'ポエム',
    verdict: 'same',
    expect: noElement('h2, h3, h4'),
  },
  {
    zenn: 'toc › 実践的なHTMLでTOCが生成できること › HTMLからTOCが意図した数だけ出力される / ネスト構造が一致する',
    input:
      '# Apple Pay、Google Payとは\n\n本文\n\n# Mac で Apple Pay のカードを追加する\n\n## Safari で支払う\n\n# Google Pay のカードを追加する\n\n## Chrome で支払う\n\n### クレカ\n\n# おわりに',
    verdict: 'same',
    note: 'The body’s # move down to h2 (the title is the h1); the 目次 indents by level.',
    expect: (doc) =>
      expect($$(doc, 'h2, h3, h4').map((h) => [h.tagName, h.id])).toEqual([
        ['H2', 'apple-pay、google-payとは'],
        ['H2', 'mac-で-apple-pay-のカードを追加する'],
        ['H3', 'safari-で支払う'],
        ['H2', 'google-pay-のカードを追加する'],
        ['H3', 'chrome-で支払う'],
        ['H4', 'クレカ'],
        ['H2', 'おわりに'],
      ]),
  },
  {
    zenn: 'toc › textの前後の空白や改行 › 取り除かれること',
    input: '##    1a   ',
    verdict: 'same',
    expect: (doc) => {
      expect(textOf($(doc, 'h2'))).toBe('1a');
      expect($(doc, 'h2')?.id).toBe('1a');
    },
  },
  {
    zenn: 'toc › 標準的な構成の場合 › tocの階層構造が正しく生成されること1 / 2',
    input: '# 1a\n## 1a-2a\n### 1a-2a-3a\n# 1b\n## 1b-2a',
    verdict: 'same',
    expect: (doc) =>
      expect($$(doc, 'h2, h3, h4').map((h) => `${h.tagName}:${h.id}`)).toEqual([
        'H2:1a',
        'H3:1a-2a',
        'H4:1a-2a-3a',
        'H2:1b',
        'H3:1b-2a',
      ]),
  },
  {
    zenn: 'toc › h3->h2->1hの順に検出した場合 › ネストされずすべてトップレベルにならぶこと',
    input: '### 3\n## 2\n# 1',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'h2, h3, h4').map((h) => h.id)).toEqual(['3', '2', '1']),
  },
  {
    zenn: 'toc › 1h->h3->h2->h3の順に出現した場合 › h3->h2は同じレベルに並び、h2->h3は階層化されること',
    input: '# 1\n### 3a\n## 2\n### 3b',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'h2, h3, h4').map((h) => h.id)).toEqual(['1', '3a', '2', '3b']),
  },
  {
    zenn: 'toc › details/summary内の見出し › 目次に含まれないこと',
    input: '## 1a\n\n:::details Hello\n## 1a-2b\n:::\n\n## 1b',
    verdict: 'deliberate',
    note: 'The 目次 lists headings inside :::details and :::message too: the memo writes subsections inside callouts, and each has its id and link.',
    expect: (doc) => expect($$(doc, 'h2').map((h) => h.id)).toEqual(['1a', '1a-2b', '1b']),
  },
  {
    zenn: 'toc › 制御文字入りのヘッダ › text()の制御文字が消え去ること',
    input: '## 1a\b',
    verdict: 'deliberate',
    note: 'A control character is kept in the heading’s text and id, as written (Zenn drops it from the 目次 text only).',
    expect: (doc) => expect($(doc, 'h2')?.id).toBe('1a\b'),
  },

  // source-map.test.ts: data-line attributes for zenn-cli's editor preview scrolling.
  ...(
    [
      [
        'Header',
        '# Header1\n## Header2\n### Header3\n#### Header4\n##### Header5\n###### Header6',
        'h2, h3, h4, h5, h6',
      ],
      ['Paragraph', 'Paragraph1\n\nhttps://example.com', 'p'],
      ['List(unordered)', '- item1\n- item2', 'ul > li'],
      ['List(ordered)', '1. item1\n2. item2', 'ol > li'],
      ['Table', '| a | b |\n| --- | --- |\n| c | d |', 'table td'],
      ['Code Block', '```\ncode\n```', 'pre'],
      ['Katex', '$$\na\n$$', '.katex-display'],
      ['Blockquote', '> quote', 'blockquote'],
      ['Horizontal Rule', '---', 'hr'],
      ['Alert', ':::message\nhello\n:::', 'aside.msg'],
      ['Details/Summary', ':::details タイトル\nhello\n:::', 'details summary'],
    ] as const
  ).map(([name, input, selector]): ConformanceCase => ({
    zenn: `source-map › ${name}`,
    input,
    verdict: 'deliberate',
    note: 'No data-line attributes: there is no editor preview to scroll in step. The element itself is the same.',
    expect: (doc, html) => {
      expect($(doc, selector)).not.toBeNull();
      expect(html).not.toContain('data-line');
    },
  })),

  // markdown-simple-html.test.ts: Zenn's renderer for comments; its inputs through the note pipeline.
  {
    zenn: 'markdown-simple-html › 改行が<br>に変換されること',
    input: 'Hello\nWorld',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'p br')).toHaveLength(1),
  },
  {
    zenn: 'markdown-simple-html › 連続した改行でパラグラフが分かれること',
    input: 'Hello\n\nWorld',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'p')).toHaveLength(2),
  },
  {
    zenn: 'markdown-simple-html › linkify › 内部URLがリンクに変換されること',
    input: 'https://zenn.dev',
    verdict: 'deliberate',
    note: `In a comment Zenn links it; in an article (and here) a URL alone on a line is a card. ${staticCard}`,
    expect: card('https://zenn.dev/'),
  },
  {
    zenn: 'markdown-simple-html › linkify › 外部URLがリンクに変換されること',
    input: 'https://example.com',
    verdict: 'deliberate',
    note: 'As above.',
    expect: card('https://example.com/'),
  },
  {
    zenn: 'markdown-simple-html › linkify › 曖昧なリンクはリンクに変換されないこと',
    input: 'example.com',
    verdict: 'same',
    expect: noElement('a'),
  },
  {
    zenn: 'markdown-simple-html › link › 外部リンクにはtarget="_blank"とrelが設定されること',
    input: '[Hello](https://example.com)',
    verdict: 'deliberate',
    note: sameTab,
    expect: (doc) => expect($(doc, 'a[href="https://example.com"]:not([target])')).not.toBeNull(),
  },
  {
    zenn: 'markdown-simple-html › link › 内部リンクにはtarget="_blank"が設定されること',
    input: '[Zenn](https://zenn.dev)',
    verdict: 'deliberate',
    note: sameTab,
    expect: (doc) => expect($(doc, 'a[href="https://zenn.dev"]:not([target])')).not.toBeNull(),
  },
  {
    zenn: 'markdown-simple-html › link › 相対パスには何も指定しない',
    input: '[Articles](/articles)',
    verdict: 'same',
    expect: (doc) => expect($(doc, 'a[href="/articles"]:not([target])')).not.toBeNull(),
  },
  {
    zenn: 'markdown-simple-html › link › アンカーには何も指定しない',
    input: '[Example](#example)',
    verdict: 'same',
    expect: (doc) => expect($(doc, 'a[href="#example"]:not([target])')).not.toBeNull(),
  },
  {
    zenn: 'markdown-simple-html › list(unordered)がサポートされること',
    input: '* first\n* second',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'ul > li')).toHaveLength(2),
  },
  {
    zenn: 'markdown-simple-html › list(ordered)がサポートされること',
    input: '1. first\n2. second',
    verdict: 'same',
    expect: (doc) => expect($$(doc, 'ol > li')).toHaveLength(2),
  },
  {
    zenn: 'markdown-simple-html › emphasisがサポートされること',
    input: '*Hello*_World_**Zenn**',
    verdict: 'same',
    expect: (doc) => expect([$$(doc, 'em').length, textOf($(doc, 'strong'))]).toEqual([2, 'Zenn']),
  },
  {
    zenn: 'markdown-simple-html › htmlタグがエスケープされること',
    input: '<script>alert("hello")</script>',
    verdict: 'same',
    expect: (doc) => {
      noElement('script')(doc);
      text('<script>alert("hello")</script>')(doc);
    },
  },

  // custom-syntax/embed/common.test.ts
  {
    zenn: 'embed/common › 文字数制限がある記法 › URLやTokenが300文字より長い場合 › エラーメッセージを出力',
    input: restricted(long(301)),
    verdict: 'same',
    note: inPlaceNote,
    expect: { shownInPlace: /埋め込みURLは300文字以内にする必要があります/ },
  },
  {
    zenn: 'embed/common › 文字数制限がある記法 › URLやTokenが300文字以下の場合 › エラーメッセージを出力しない',
    input: restricted('example'),
    verdict: 'same',
    note: 'No length message (an id Zenn rejects for another reason shows that reason instead).',
    expect: { notRefusedFor: /300文字/ },
  },
  {
    zenn: 'embed/common › 文字数制限が無い記法 › URLやTokenが300文字より長い場合 › エラーメッセージを出力しない',
    input: unrestricted(long(350)),
    verdict: 'deliberate',
    note: staticCard,
    expect: (doc) => expect($$(doc, '.link-card a').length).toBe(1),
  },
  {
    zenn: 'embed/common › 文字数制限が無い記法 › URLやTokenが300文字以下の場合 › エラーメッセージを出力しない',
    input: unrestricted('example'),
    verdict: 'deliberate',
    note: staticCard,
    expect: (doc) => expect($$(doc, '.link-card a').length).toBe(1),
  },

  // custom-syntax/embed/*.test.ts
  ...embedCases(
    'embed/youtube',
    {
      input: '@[youtube](exampletest)',
      href: 'https://www.youtube.com/watch?v=exampletest',
      names: ['有効なvideoIdの場合 › <iframe />に変換する'],
    },
    {
      input: '@[youtube](@bad-video-id)',
      message: /YouTubeのvideoIDが不正です/,
      name: '無効なvideoIdの場合 › エラーメッセージを出力する',
    },
  ),
  ...embedCases(
    'embed/card',
    {
      input: '@[card](https://example.com)',
      href: 'https://example.com/',
      names: [
        '有効なURL › リンクに変換する',
        'embedOriginを設定している場合 › 渡したembedOriginを`src`として<iframe />を表示する',
      ],
    },
    { input: '@[card](bad-example.com)', message: /URLが不正です/ },
  ),
  {
    zenn: 'embed/card › メールアドレス › メールアドレスのまま出力する',
    input: 'ec2-user@33.80.180.159',
    verdict: 'same',
    expect: (doc) => {
      noElement('a')(doc);
      text('ec2-user@33.80.180.159')(doc);
    },
  },
  ...embedCases(
    'embed/tweet',
    {
      input: '@[tweet](https://twitter.com/zenn-dev/status/example)',
      href: 'https://twitter.com/zenn-dev/status/example',
      names: [
        '有効なURLの場合 › リンクに変換する',
        'embedOriginを設定している場合 › 渡したembedOriginを`src`として<iframe />を表示する',
      ],
    },
    {
      input: '@[tweet](https://bad-url.twitter.com/zenn-dev/status/example)',
      message: /ツイートページのURLを指定してください/,
    },
  ),
  ...embedCases(
    'embed/gist',
    {
      input: '@[gist](https://gist.github.com/examples/9164408)',
      href: 'https://gist.github.com/examples/9164408',
      names: [
        '有効なURLの場合 › リンクに変換する',
        'embedOriginを設定している場合 › 渡したembedOriginを`src`として<iframe />を表示する',
      ],
    },
    {
      input: '@[gist](https://bad-example.gist.github.com/examples/9164408)',
      message: /GitHub GistのページURLを指定してください/,
    },
  ),
  ...embedCases(
    'embed/github',
    {
      input: '@[github](https://github.com/zenn-dev/example-repo/blob/main/example.json)',
      href: 'https://github.com/zenn-dev/example-repo/blob/main/example.json',
      names: [
        '有効なURLの場合 › リンクに変換する',
        'embedOriginを設定している場合 › 渡したembedOriginを`src`として<iframe />を表示する',
      ],
    },
    {
      input: '@[github](https://bad-example.github.com/zenn-dev/example-repo/blob/main/example.json)',
      message: /GitHub のファイルURLまたはパーマリンクを指定してください/,
    },
  ),
  ...embedCases(
    'embed/codepen',
    {
      input: '@[codepen](https://codepen.io/examples/pen/test?default-tab=hoge)',
      href: /^https:\/\/codepen\.io\/examples\/pen\/test/,
      names: ['有効なURLの場合 › <iframe />に変換する'],
    },
    {
      input: '@[codepen](https://bad-example.codepen.io/examples/pen/test?default-tab=hoge)',
      message: /CodePenのURLが不正です/,
    },
  ),
  ...embedCases(
    'embed/jsfiddle',
    {
      input: '@[jsfiddle](https://jsfiddle.net/examples/embedded)',
      href: /^https:\/\/jsfiddle\.net\/examples\//,
      names: ['有効なURLの場合 › <iframe />に変換する'],
    },
    { input: '@[jsfiddle](https://bad-example.jsfiddle.net/examples/embedded)', message: /jsfiddleのURLが不正です/ },
  ),
  ...embedCases(
    'embed/codesandbox',
    {
      input: '@[codesandbox](https://codesandbox.io/embed/test-example?fontsize=14&hidenavigation=1&theme=dark)',
      href: /^https:\/\/codesandbox\.io\/embed\/test-example/,
      names: [
        '有効なURLの場合 › <iframe />に変換する',
        'runonclick=1（click-to-load）の強制付与 › runonclickが無いURLにはrunonclick=1を付与する',
      ],
    },
    {
      input:
        '@[codesandbox](https://bad-example.codesandbox.io/embed/test-example?fontsize=14&hidenavigation=1&theme=dark)',
      message: /「https:\/\/codesandbox.io\/embed\/」から始まる正しいURLを入力してください/,
    },
  ),
  ...(
    [
      ['クエリが無いURLには?runonclick=1を付与する', 'https://codesandbox.io/embed/test-example'],
      [
        'runonclick=0が指定されていてもrunonclick=1に上書きする',
        'https://codesandbox.io/embed/test-example?runonclick=0&theme=dark',
      ],
      [
        '既にrunonclick=1があれば二重付与しない（冪等）',
        'https://codesandbox.io/embed/test-example?theme=dark&runonclick=1',
      ],
    ] as const
  ).map(([name, url]): ConformanceCase => ({
    zenn: `embed/codesandbox › runonclick=1（click-to-load）の強制付与 › ${name}`,
    input: `@[codesandbox](${url})`,
    verdict: 'deliberate',
    note: `${staticCard} Nothing runs until the reader follows the link, so there is no runonclick to force.`,
    expect: card(url),
  })),
  ...embedCases(
    'embed/stackblitz',
    {
      input: '@[stackblitz](https://stackblitz.com/edit/test-examples?embed=1&file=pages/api/[id].ts)',
      href: /^https:\/\/stackblitz\.com\/edit\/test-examples/,
      names: [
        '有効なURLの場合 › <iframe />に変換する',
        'ctl=1（click-to-load）の強制付与 › ctlが無いURLにはctl=1を付与する',
      ],
    },
    {
      input: '@[stackblitz](@https://bad-url.stackblitz.com/edit/test-examples)',
      message: /StackBlitzのembed用のURLを指定してください/,
    },
  ),
  ...(
    [
      ['クエリが無いURLには?ctl=1を付与する', 'https://stackblitz.com/edit/test-examples'],
      [
        'ctl=0が指定されていてもctl=1に上書きする',
        'https://stackblitz.com/edit/test-examples?embed=1&ctl=0&file=index.ts',
      ],
      ['既にctl=1があれば二重付与しない（冪等）', 'https://stackblitz.com/edit/test-examples?embed=1&ctl=1'],
    ] as const
  ).map(([name, url]): ConformanceCase => ({
    zenn: `embed/stackblitz › ctl=1（click-to-load）の強制付与 › ${name}`,
    input: `@[stackblitz](${url})`,
    verdict: 'deliberate',
    note: `${staticCard} Nothing runs until the reader follows the link, so there is no ctl to force.`,
    expect: card(url),
  })),
  ...embedCases(
    'embed/slideshare',
    { input: '@[slideshare](example-token)', href: /example-token/, names: ['有効なURLの場合 › <iframe />に変換する'] },
    { input: '@[slideshare](@invalid-token)', message: /Slide Shareのkeyが不正です/ },
  ),
  ...embedCases(
    'embed/speakerdeck',
    {
      input: '@[speakerdeck](example-token)',
      href: 'https://speakerdeck.com/player/example-token',
      names: ['有効なURLの場合 › <iframe />に変換する'],
    },
    { input: '@[speakerdeck](@invalid-token)', message: /Speaker Deckのkeyが不正です/ },
  ),
  {
    zenn: 'embed/speakerdeck › スライド番号付きの場合 › 対応するクエリパラメータを含む<iframe />に変換する',
    input: '@[speakerdeck](example-token?slide=2)',
    verdict: 'deliberate',
    note: staticCard,
    expect: card('https://speakerdeck.com/player/example-token?slide=2'),
  },
  {
    zenn: 'embed/speakerdeck › XSSなどの悪意ある文字列がクエリに指定されている場合 › エラーメッセージを出力する',
    input: '@[speakerdeck](example-token?slide=1"><script>alert("XSS")</script>)',
    verdict: 'same',
    note: inPlaceNote,
    expect: { shownInPlace: /Speaker Deckのkeyが不正です/ },
  },
  ...(
    [
      ['Docswellの埋め込み用URLの場合 › Docswellのiframeを返すこと', 'https://www.docswell.com/slide/LK7J5V/embed'],
      [
        'Docswellの埋め込み用URLの場合 › ページ番号(ハッシュ形式)が指定されたDocswellのiframeを返すこと',
        'https://www.docswell.com/slide/LK7J5V/embed#p12',
      ],
      [
        'DocswellのスライドURLの場合 › Docswellのiframeを返すこと',
        'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell',
      ],
      [
        'DocswellのスライドURL（ページ番号付き）の場合 › ページ番号(パス形式)が指定されたDocswellのiframeを返すこと',
        'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell/12',
      ],
      [
        'DocswellのスライドURL（ページ番号付き）の場合 › ページ番号(ハッシュ形式)が指定されたDocswellのiframeを返すこと',
        'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell#p18',
      ],
    ] as const
  ).map(([name, url]): ConformanceCase => ({
    zenn: `embed/docswell › ${name}`,
    input: `@[docswell](${url})`,
    verdict: 'deliberate',
    note: staticCard,
    expect: card(url),
  })),
  ...(
    [
      [
        'Docswellの埋め込み用URLの場合 › ページ番号にXSS文字列が含まれる場合はエラーメッセージを返すこと',
        'https://www.docswell.com/slide/LK7J5V/embed#p12"><script>alert("XSS")</script>',
      ],
      [
        'DocswellのスライドURL（ページ番号付き）の場合 › ページ番号にXSS文字列が含まれる場合はエラーメッセージを返すこと',
        'https://www.docswell.com/s/ku-suke/LK7J5V-hello-docswell/12"><script>alert("XSS")</script>',
      ],
      ['DocswellのURLが不正な場合 › エラーメッセージを返すこと', 'https://www.docswell.com/invalid'],
    ] as const
  ).map(([name, url]): ConformanceCase => ({
    zenn: `embed/docswell › ${name}`,
    input: `@[docswell](${url})`,
    verdict: 'same',
    note: inPlaceNote,
    expect: { shownInPlace: /DocswellのスライドURLが不正です/ },
  })),
  ...(
    [
      [
        'v1 URL（www.figma.com/file）の場合 › embed.figma.com/design に変換して <iframe /> を生成する',
        'https://www.figma.com/file/LKQ4FJ4ExAmPLEedbRp931/Sample-File?node-id=0%3A1',
      ],
      [
        'v1 URL（www.figma.com/proto）の場合 › embed.figma.com/proto に変換して <iframe /> を生成する',
        'https://www.figma.com/proto/LKQ4FJ4ExAmPLEedbRp931/Sample-Proto?node-id=1%3A2',
      ],
      [
        'v2 URL（embed.figma.com/design）の場合 › そのまま embed.figma.com/design の <iframe /> を生成する',
        'https://embed.figma.com/design/LKQ4FJ4ExAmPLEedbRp931/Sample-File?node-id=0-1',
      ],
      [
        'v2 URL（embed.figma.com/board）の場合 › embed.figma.com/board の <iframe /> を生成する',
        'https://embed.figma.com/board/LKQ4FJ4ExAmPLEedbRp931/Sample-Board',
      ],
      [
        'v2 URL（embed.figma.com/proto）の場合 › embed.figma.com/proto の <iframe /> を生成する',
        'https://embed.figma.com/proto/LKQ4FJ4ExAmPLEedbRp931/Sample-Proto?node-id=1-2',
      ],
      [
        'customEmbed.figma()を設定している場合 › 渡した関数を実行する',
        'https://www.figma.com/file/LKQ4FJ4ExAmPLEedbRp931/Sample-File?node-id=0%3A1',
      ],
    ] as const
  ).map(([name, url]): ConformanceCase => ({
    zenn: `embed/figma › ${name}`,
    input: `@[figma](${url})`,
    verdict: 'deliberate',
    note: name.startsWith('custom') ? noHook : staticCard,
    expect: card(/figma\.com\/.*LKQ4FJ4ExAmPLEedbRp931/),
  })),
  {
    zenn: 'embed/figma › 無効なURLの場合 › エラーメッセージを出力する',
    input: '@[figma](https://www.figma.com/bad-example/file/LKQ4FJ4ExAmPLEedbRp931/Sample-File?node-id=0%3A1)',
    verdict: 'same',
    note: inPlaceNote,
    expect: { shownInPlace: /埋め込みに対応しているFigma URLを指定してください/ },
  },
  ...embedCases(
    'embed/blueprintue',
    {
      input: '@[blueprintue](https://blueprintue.com/render/examples)',
      href: 'https://blueprintue.com/render/examples',
      names: ['有効なURLの場合 › <iframe />に変換する'],
    },
    {
      input: '@[blueprintue](https://bad-example.blueprintue.com/render/examples)',
      message: /「https:\/\/blueprintue.com\/render\/」から始まる正しいURLを指定してください/,
    },
  ),
];

const mermaidSource = 'graph TD;\n      A-->B;\n      A-->C;\n      B-->D;\n      C-->D;';
conformanceCases.push(
  ...[
    '有効なコードの場合 › 入力値をコードブロックとしてそのまま表示する',
    'embedOriginを設定している場合 › 渡したembedOriginを`src`として<iframe />を表示する',
    'customEmbed.mermaid()を設定している場合 › 渡した関数を実行する',
  ].map((name): ConformanceCase => ({
    zenn: `embed/mermaid › ${name}`,
    input: `\`\`\`mermaid\n${mermaidSource}\n\`\`\``,
    verdict: 'deliberate',
    note: 'The diagram is drawn at build time as inline SVG (light and dark), not by a script or an iframe in the browser.',
    expect: (doc) => {
      expect($(doc, 'svg')).not.toBeNull();
      expect($(doc, 'iframe, script')).toBeNull();
    },
  })),
  {
    zenn: 'embed/mermaid › 無効なコードの場合 › 入力値をコードブロックとしてそのまま表示する',
    input: '```mermaid\ninvalid src text\n```',
    verdict: 'deliberate',
    note: 'Zenn shows the source as code; here the source shows under Mermaid’s message, in an alert box, and the build warns with the line.',
    expect: { shownInPlace: /Mermaid の図を描けませんでした.*invalid src text/s },
  },
);

/**
 * zenn-editor's `__tests__/matchers/*.test.ts` test its URL patterns alone; their cases are ported
 * one for one, with the same answers, in `tests/unit/zenn-embeds.test.ts` ("URL matchers").
 */
export const matcherFiles = [
  'matchers/isBlueprintUEUrl',
  'matchers/isCodesandboxUrl',
  'matchers/isDocswellUrl',
  'matchers/isFigmaUrl',
  'matchers/isGithubUrl',
  'matchers/isYoutubeUrl',
];
