import { describe, expect, test } from 'vitest';
import { isSafeUrl, srcsetUrls, urlScheme } from '../../src/utils/safe-url.ts';
import { fragment } from '../support/html.ts';
import { renderMdx } from '../support/render-note.ts';

describe('isSafeUrl: the URLs a note may link to', () => {
  test.each([
    'https://aws.amazon.com/jp/iam/',
    'http://example.com',
    'HTTPS://EXAMPLE.COM/',
    'mailto:someone@example.com',
    '/notes/iam/',
    '../iam/#ポリシー',
    '#ポリシー',
    '?q=1',
    'images/diagram.png',
    '//cdn.example.com/x.png',
  ])('%s is allowed', (url) => expect(isSafeUrl(url)).toBe(true));

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    '\u0000javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'jav\rascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml;base64,PHN2Zz4=',
    'file:///etc/passwd',
    'iam:role',
  ])('%j is refused', (url) => expect(isSafeUrl(url)).toBe(false));

  test('the scheme is read as a browser reads it', () => {
    expect(urlScheme('  JAVA\tSCRIPT:x')).toBe('javascript');
    expect(urlScheme('./a:b')).toBeUndefined();
    expect(srcsetUrls('a.png 1x, javascript:x 2x')).toEqual(['a.png', 'javascript:x']);
  });
});

/** Each note would run code in a reader's browser on any host without the production CSP. */
describe('a note that carries script fails with the line and what to write instead', () => {
  test.each([
    {
      name: '<script> element',
      source: '本文\n\n<script>alert(1)</script>',
      line: 3,
      problem: '<script> is not allowed',
    },
    { name: 'inline <script>', source: '文の中 <script>{"alert(1)"}</script> です', line: 1, problem: '<script>' },
    {
      name: 'markdown link',
      source: '本文\n[x](javascript:alert(1))',
      line: 2,
      problem: 'a link to "javascript:alert(1)"',
    },
    { name: 'link in upper case', source: '[x](JAVASCRIPT:alert(1))', line: 1, problem: 'a link to' },
    { name: 'reference definition', source: '[x][y]\n\n[y]: javascript:alert(1)', line: 3, problem: 'a link to' },
    { name: 'image', source: '![x](javascript:alert(1))', line: 1, problem: 'an image to' },
    { name: 'data: image', source: '![x](data:image/svg+xml,<svg/>)', line: 1, problem: 'an image to' },
    { name: '<a href="javascript:">', source: '<a href="javascript:alert(1)">x</a>', line: 1, problem: '<a href>' },
    { name: 'href with a tab', source: '<a href="java\tscript:alert(1)">x</a>', line: 1, problem: '<a href>' },
    {
      name: 'href as a string expression',
      source: '<a href={"javascript:alert(1)"}>x</a>',
      line: 1,
      problem: '<a href>',
    },
    {
      name: 'href as a computed expression',
      source: '<a href={"java" + "script:x"}>x</a>',
      line: 1,
      problem: 'plain string',
    },
    { name: 'onerror', source: '<img src="x.png" onerror="alert(1)" />', line: 1, problem: '"onerror"' },
    { name: 'onload in capitals', source: '<svg ONLOAD="alert(1)"></svg>', line: 1, problem: '"ONLOAD"' },
    { name: 'onclick as an expression', source: '<button onClick={() => 1}>x</button>', line: 1, problem: '"onClick"' },
    { name: 'srcdoc', source: '<iframe srcdoc="<script>alert(1)</script>"></iframe>', line: 1, problem: '"srcdoc"' },
    { name: 'iframe src', source: '<iframe src="javascript:alert(1)"></iframe>', line: 1, problem: '<iframe src>' },
    {
      name: 'form action',
      source: '<form action="javascript:alert(1)"><button>x</button></form>',
      line: 1,
      problem: '<form action>',
    },
    {
      name: 'svg xlink:href',
      source: '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      line: 1,
      problem: 'xlink:href',
    },
    {
      name: 'svg animate',
      source: '<svg><a href="#"><animate attributeName="href" to="javascript:alert(1)" /></a></svg>',
      line: 1,
      problem: '<animate to>',
    },
    {
      name: 'srcset',
      source: '<img src="a.png" srcset="b.png 1x, javascript:alert(1) 2x" />',
      line: 1,
      problem: 'srcset',
    },
    {
      name: 'spread attributes',
      source: '<img {...{ onerror: "alert(1)" }} />',
      line: 1,
      problem: 'spread attributes',
    },
    { name: 'JSX in an expression', source: '{<img src="x" onError="alert(1)" />}', line: 1, problem: '"onError"' },
    { name: 'script in an expression', source: '{<script>alert(1)</script>}', line: 1, problem: '<script>' },
    { name: '<base>', source: '<base href="https://evil.example/" />', line: 1, problem: '<base>' },
    {
      name: 'meta refresh',
      source: '<meta httpEquiv="refresh" content="0;url=https://evil.example/" />',
      line: 1,
      problem: '<meta>',
    },
    { name: 'set:html', source: '<div set:html="<img src=x onerror=alert(1)>" />', line: 1, problem: '"set:html"' },
    { name: 'in a Zenn block', source: ':::message\n[x](javascript:alert(1))\n:::', line: 2, problem: 'a link to' },
  ])('$name', async ({ source, line, problem }) => {
    const error = await renderMdx(source).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error, 'the note should fail').toBeInstanceOf(Error);
    const message = error!.message;
    expect(message).toMatch(new RegExp(`\\.mdx:${line}: `));
    expect(message).toContain(problem);
    expect(message).toContain('Notes carry no scripts');
  });

  test('ordinary notes, links, images and HTML still render', async () => {
    const doc = fragment(
      await renderMdx(
        [
          '[IAM](/notes/iam/) と [AWS](https://aws.amazon.com/) と [メール](mailto:a@example.com) と [節](#ポリシー)',
          '',
          '![図](https://example.com/diagram.png)',
          '',
          '<a href="https://example.com/" title="javascript: the good parts">本</a>',
          '',
          '<img src="/a.png" srcset="/a.png 1x, /b.png 2x" alt="a" />',
        ].join('\n'),
      ),
    );
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '/notes/iam/',
      'https://aws.amazon.com/',
      'mailto:a@example.com',
      '#%E3%83%9D%E3%83%AA%E3%82%B7%E3%83%BC', // Markdown percent-encodes link destinations
      'https://example.com/diagram.png', // the image's link to its full-size view
      'https://example.com/',
    ]);
    expect(doc.querySelectorAll('img')).toHaveLength(2);
  });
});
