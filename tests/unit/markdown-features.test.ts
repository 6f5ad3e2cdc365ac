import { describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { renderMdx } from '../support/render-note.ts';

describe('code blocks', () => {
  test('```lang:filename shows the file name above highlighted code', async () => {
    const doc = fragment(
      await renderMdx('```yaml:docker-compose.yml\nvolumes:\n  - ./host_dir:/container_volume_dir\n```'),
    );
    const figure = doc.querySelector('figure.code-figure');
    expect(textOf(figure?.querySelector('figcaption'))).toBe('docker-compose.yml');
    const pre = figure?.querySelector('pre');
    expect(pre?.getAttribute('data-language')).toBe('yaml');
    expect(pre?.textContent).toBe('volumes:\n  - ./host_dir:/container_volume_dir');
  });

  test('Shiki writes both a light and a dark colour for every token, and no script', async () => {
    const html = await renderMdx('```js\nconst a = 1;\n```');
    const spans = [...fragment(html).querySelectorAll('pre span[style]')];
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans)
      expect(span.getAttribute('style')).toMatch(/--shiki-light:#[0-9a-f]+;--shiki-dark:#[0-9a-f]+/i);
    expect(html).not.toContain('<script');
  });

  test.each([
    { info: 'diff js', caption: null },
    { info: 'diff js:app.js', caption: 'app.js' },
    // zenn-editor's highlight.test.ts: any order of the words before ":", a space before it.
    { info: 'js diff', caption: null },
    { info: 'js diff:index.js', caption: 'index.js' },
    { info: 'js diff :index.js', caption: 'index.js' },
  ])('```$info marks added and removed lines and keeps the signs', async ({ info, caption }) => {
    const doc = fragment(await renderMdx(`\`\`\`${info}\n const a = 1;\n-const b = 2;\n+const b = 3;\n\`\`\``));
    const pre = doc.querySelector('pre.has-diff');
    expect(pre?.getAttribute('data-language')).toBe('js');
    const lines = [...(pre?.querySelectorAll('.line') ?? [])];
    expect(lines.map((line) => line.className.replace('line', '').trim())).toEqual(['', 'diff remove', 'diff add']);
    expect(lines.map((line) => line.textContent)).toEqual([' const a = 1;', '-const b = 2;', '+const b = 3;']);
    expect(doc.querySelector('figcaption')?.textContent ?? null).toBe(caption);
  });

  test('a plain fence is plain text, no caption', async () => {
    const doc = fragment(await renderMdx('```\ndocker run --rm -p 8080:80 ~~~\n```'));
    expect(doc.querySelector('figure')).toBeNull();
    expect(doc.querySelector('pre')?.textContent).toBe('docker run --rm -p 8080:80 ~~~');
  });
});

describe('Markdown as Zenn renders it', () => {
  test('a newline inside a paragraph is a line break', async () => {
    const doc = fragment(await renderMdx('注意点\nインバウンド：許可\nアウトバウンド：許可'));
    expect(doc.querySelectorAll('p br')).toHaveLength(2);
  });

  test('a GFM table becomes a real table in a focusable, labelled scroll region', async () => {
    const doc = fragment(await renderMdx('| ステージ名 | 処理内容 |\n| --- | --- |\n| source | 監視対象を選ぶ |'));
    const region = doc.querySelector('div.table-scroll[role="region"][tabindex="0"]');
    expect(region?.getAttribute('aria-label')).toBe('表');
    expect([...(region?.querySelectorAll('th') ?? [])].map((th) => th.textContent)).toEqual(['ステージ名', '処理内容']);
    expect([...(region?.querySelectorAll('td') ?? [])].map((td) => td.textContent)).toEqual([
      'source',
      '監視対象を選ぶ',
    ]);
  });

  test('headings get ids and a labelled anchor link beside them', async () => {
    const doc = fragment(await renderMdx('## IAMロール\n\n### AssumeRole \n\n## IAMロール'));
    const ids = [...doc.querySelectorAll('h2, h3')].map((h) => h.id);
    expect(ids).toEqual(['iamロール', 'assumerole', 'iamロール-1']);
    const anchor = doc.querySelector('.heading-wrapper.level-h2 > a.heading-anchor');
    expect(anchor?.getAttribute('href')).toBe('#iamロール');
    expect(anchor?.textContent).toBe('「IAMロール」へのリンク');
    expect(doc.querySelector('h2')?.textContent).toBe('IAMロール');
  });

  test('quotes and ellipses stay as the author typed them (no smart punctuation)', async () => {
    const doc = fragment(await renderMdx('"許可"したり --- などなど...'));
    expect(textOf(doc.body)).toBe('"許可"したり --- などなど...');
  });
});

describe('autolinks in Japanese text', () => {
  test.each([
    {
      source: 'これは「www.example.jpのウェブコンテンツを取得したい場合は」',
      href: 'http://www.example.jp',
      text: 'これは「www.example.jpのウェブコンテンツを取得したい場合は」',
    },
    {
      source: '軽量版。https://docs.fluentbit.io/manual です',
      href: 'https://docs.fluentbit.io/manual',
      text: '軽量版。https://docs.fluentbit.io/manual です',
    },
    { source: 'https://example.com/パス', href: 'https://example.com/', text: 'https://example.com/パス' },
  ])('a bare address stops where the Japanese text starts: $href', async ({ source, href, text }) => {
    const doc = fragment(await renderMdx(source));
    expect([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([href]);
    expect(textOf(doc.body)).toBe(text);
  });

  test('a link the author wrote with [text](url) is left alone', async () => {
    const doc = fragment(
      await renderMdx('[Fluentdは非推奨にする予定](https://docs.aws.amazon.com/ja_jp/x.html)みたい'),
    );
    expect(doc.querySelector('a')?.textContent).toBe('Fluentdは非推奨にする予定');
  });
});
