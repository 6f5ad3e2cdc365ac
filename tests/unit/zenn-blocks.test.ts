import { describe, expect, test } from 'vitest';
import { fragment, textOf } from '../support/html.ts';
import { renderMdx } from '../support/render-mdx.ts';

/** Every form zenn-editor accepts, rendered through the site's real MDX pipeline. */
describe('accepted Zenn blocks', () => {
  test.each([
    { form: ':::message', source: ':::message\n本文\n:::', box: 'aside.msg.info' },
    { form: ':::message alert', source: ':::message alert\n本文\n:::', box: 'aside.msg.alert' },
    { form: ':::message   alert   (extra spaces)', source: ':::message   alert  \n本文\n:::', box: 'aside.msg.alert' },
    { form: '::: message (space after the fence)', source: '::: message\n本文\n:::', box: 'aside.msg.info' },
    { form: '::::message (longer fence)', source: '::::message\n本文\n::::', box: 'aside.msg.info' },
    { form: 'blank lines around the body', source: ':::message\n\n本文\n\n:::', box: 'aside.msg.info' },
  ])('$form renders a message box', async ({ source, box }) => {
    const doc = fragment(await renderMdx(source));
    const aside = doc.querySelector(box);
    expect(aside, `expected ${box}`).not.toBeNull();
    expect(textOf(aside?.querySelector('.msg-content'))).toBe('本文');
    expect(doc.body.textContent).not.toContain(':::');
  });

  test('a message box is labelled for screen readers by its kind', async () => {
    const doc = fragment(await renderMdx(':::message\nA\n:::\n\n:::message alert\nB\n:::'));
    expect([...doc.querySelectorAll('aside.msg')].map((a) => a.getAttribute('aria-label'))).toEqual(['メモ', '注意']);
  });

  test.each([
    { source: ':::details タイトル\n本文\n:::', title: 'タイトル' },
    { source: ':::details 長い タイトル です\n本文\n:::', title: '長い タイトル です' },
    { source: ':::details   余白つき  \n本文\n:::', title: '余白つき' },
  ])('details "$title" renders a disclosure with that summary', async ({ source, title }) => {
    const doc = fragment(await renderMdx(source));
    const details = doc.querySelector('details.details');
    expect(textOf(details?.querySelector('summary'))).toBe(title);
    expect(textOf(details?.querySelector('.details-content'))).toBe('本文');
  });

  test('::::details holds a nested :::message', async () => {
    const doc = fragment(await renderMdx('::::details 外側\n:::message\n内側\n:::\n後ろ\n::::\n\n外の段落'));
    const details = doc.querySelector('details');
    expect(details?.querySelector('aside.msg .msg-content')?.textContent).toBe('内側');
    expect(details?.querySelector('.details-content > p')?.textContent).toBe('後ろ');
    expect(doc.querySelector('body > p')?.textContent).toBe('外の段落');
  });

  test('full Markdown inside a box: headings (with ids), lists, emphasis, code', async () => {
    const source = [
      ':::message',
      '#### 見出し',
      '**強調**の行',
      '- 項目1',
      '- 項目2',
      '',
      '```',
      'code :::',
      '```',
      ':::',
    ].join('\n');
    const doc = fragment(await renderMdx(source));
    const content = doc.querySelector('aside.msg .msg-content');
    expect(content?.querySelector('h4')?.id).toBe('見出し');
    expect(content?.querySelector('strong')?.textContent).toBe('強調');
    expect([...(content?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual(['項目1', '項目2']);
    expect(content?.querySelector('pre')?.textContent).toBe('code :::');
  });

  test('a closing fence right after a list item (lazy line) closes the box, as on Zenn', async () => {
    const doc = fragment(
      await renderMdx(':::message\n- **Fluentd**\n  データログ収集ツール。\n- 二つ目\n:::\n\n外の段落'),
    );
    expect(doc.querySelectorAll('aside.msg li')).toHaveLength(2);
    expect(textOf(doc.querySelector('aside.msg li:last-child'))).toBe('二つ目');
    expect(doc.querySelector('body > p')?.textContent).toBe('外の段落');
  });

  test('a closing fence right after a quote (lazy line) closes the box too', async () => {
    const doc = fragment(await renderMdx(':::message\n> 引用の行\n:::\n\n外の段落'));
    expect(textOf(doc.querySelector('aside.msg blockquote'))).toBe('引用の行');
    expect(doc.querySelector('body > p')?.textContent).toBe('外の段落');
  });

  test('a closing fence glued to the last paragraph line closes the box', async () => {
    const doc = fragment(await renderMdx(':::message\n一行目\n二行目\n:::\n後ろの段落'));
    expect(textOf(doc.querySelector('aside.msg .msg-content'))).toBe('一行目 二行目');
    expect(doc.querySelector('body > p')?.textContent).toBe('後ろの段落');
  });
});

describe('text that only looks like a block stays untouched', () => {
  test.each([
    { name: 'a colon in a sentence', source: '時刻は 10:30、比率は a:b。', text: '時刻は 10:30、比率は a:b。' },
    { name: 'a fence in inline code', source: '`:::message` と書く', text: ':::message と書く' },
    { name: 'an escaped fence', source: '\\:::message', text: ':::message' },
    { name: 'two colons', source: '::two', text: '::two' },
  ])('$name', async ({ source, text }) => {
    const doc = fragment(await renderMdx(source));
    expect(doc.querySelector('aside, details')).toBeNull();
    expect(textOf(doc.body)).toBe(text);
  });

  test('a fenced code block keeps its ::: lines', async () => {
    const doc = fragment(await renderMdx('```md\n:::message\nx\n:::\n```'));
    expect(doc.querySelector('aside')).toBeNull();
    expect(doc.querySelector('pre')?.textContent).toBe(':::message\nx\n:::');
  });
});

describe('rejected forms fail with the file, the line and the accepted forms', () => {
  test.each([
    { name: 'unknown block name', source: '前置き\n\n:::note\n本文\n:::', line: 3, problem: 'unknown block ":::note"' },
    {
      name: 'unknown message variant',
      source: ':::message info\n本文\n:::',
      line: 1,
      problem: 'unknown message variant "info"',
    },
    {
      name: 'details with no title',
      source: '段落\n\n:::details\n本文\n:::',
      line: 3,
      problem: '":::details" needs a title',
    },
    { name: 'unclosed block', source: '# 見出し\n\n:::message\n本文', line: 3, problem: 'is never closed' },
    { name: 'stray closing fence', source: '本文\n\n:::', line: 3, problem: 'closes nothing' },
    {
      name: 'outer block left open',
      source: '::::details 外側\n:::message\n内側\n::::',
      line: 1,
      problem: 'is never closed',
    },
  ])('$name', async ({ source, line, problem }) => {
    const error = await renderMdx(source, 'bad').then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error, 'the build must fail').toBeInstanceOf(Error);
    expect(error!.message).toMatch(new RegExp(`bad-[\\d-]+\\.mdx:${line}: `));
    expect(error!.message).toContain(problem);
    expect(error!.message).toContain('Accepted Zenn blocks: :::message, :::message alert, :::details タイトル');
  });

  test('an unclosed code fence fails instead of swallowing the rest of the note', async () => {
    const error = await renderMdx('段落\n\n```js\nconst a = 1;\n\n## 見出し', 'bad').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /bad-[\d-]+\.mdx:3: this code fence "```" is never closed\. Add a line "```"/,
    );
  });
});

describe('hostile input', () => {
  test.each([
    { source: ':::details \\<img src=x onerror=alert(1)>\n本文\n:::', title: '<img src=x onerror=alert(1)>' },
    {
      source: ':::details "&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n本文\n:::',
      title: '"><script>alert(1)</script>',
    },
    { source: ':::details " onclick="alert(1)\n本文\n:::', title: '" onclick="alert(1)' },
  ])('a details title is text, never markup: $title', async ({ source, title }) => {
    const doc = fragment(await renderMdx(source));
    expect(doc.querySelector('img, script, [onclick]')).toBeNull();
    expect(doc.querySelector('summary')?.textContent).toBe(title);
  });
});

describe('the same boxes written as MDX components', () => {
  test('<Callout>, <Details> and <LinkCard> render like the Zenn forms, without imports', async () => {
    const fromComponents = fragment(
      await renderMdx(
        '<Callout variant="alert">\n注意\n</Callout>\n\n<Details title="開く">\n中身\n</Details>\n\n<LinkCard href="https://example.com/a.pdf" />',
      ),
    );
    const fromZenn = fragment(
      await renderMdx(':::message alert\n注意\n:::\n\n:::details 開く\n中身\n:::\n\nhttps://example.com/a.pdf'),
    );
    const shape = (doc: Document) => ({
      alert: textOf(doc.querySelector('aside.msg.alert .msg-content')),
      summary: textOf(doc.querySelector('details > summary')),
      details: textOf(doc.querySelector('details .details-content')),
      card: doc.querySelector('.link-card a')?.getAttribute('href'),
      pdf: textOf(doc.querySelector('.link-card-pdf')),
    });
    expect(shape(fromComponents)).toEqual({
      alert: '注意',
      summary: '開く',
      details: '中身',
      card: 'https://example.com/a.pdf',
      pdf: 'PDF',
    });
    expect(shape(fromZenn)).toEqual(shape(fromComponents));
  });

  test('<Callout> without a variant is the info box', async () => {
    expect(fragment(await renderMdx('<Callout>メモ</Callout>')).querySelector('aside.msg.info')).not.toBeNull();
  });

  test.each([
    {
      source: '<Callout variant="warning">x</Callout>',
      message: ':1: <Callout variant="warning">: expected one of "info", "alert". Accepted Zenn blocks:',
    },
    {
      source: '本文\n\n<Details>x</Details>',
      message: ':3: <Details> needs a title, as in <Details title="詳細を見る">',
    },
    { source: '<Details title="">x</Details>', message: '<Details> needs a title' },
    { source: '<Details titel="開く">x</Details>', message: '<Details> has no attribute "titel" (it takes "title")' },
    { source: '<Callout variant={v}>x</Callout>', message: '<Callout variant={…}>: write the value as a plain string' },
    { source: '文の中の <Callout>x</Callout> です', message: '<Callout> is a block: put it on lines of its own' },
    {
      source: '<LinkCard href="example.com/a" />',
      message: '<LinkCard href="example.com/a">: expected an absolute URL such as "https://example.com/"',
    },
    {
      source: '<LinkCard href="javascript:alert(1)" />',
      message: '<LinkCard href> to "javascript:alert(1)" is not allowed',
    },
  ])(
    'a bad component is rejected with its line, what was received and what is expected: $source',
    async ({ source, message }) => {
      await expect(renderMdx(source)).rejects.toThrow(message);
    },
  );
});
