/**
 * What AI assistants read: `/llms.txt` stays in the llmstxt.org shape whatever the titles and
 * descriptions hold (read back by a real Markdown parser), and a note's Markdown keeps exactly its
 * title and URL in the frontmatter and its body as written.
 */
import { describe, expect, test } from 'vitest';
import { llmsTxt, noteMarkdown, type LlmsTxtLink } from '../../src/utils/llms-txt.ts';
import { readLlmsTxt, readMarkdownFile } from '../support/llms-txt.ts';

const link = (title: string, extra: Partial<LlmsTxtLink> = {}): LlmsTxtLink => ({
  title,
  url: `https://notes.example.org/notes/${encodeURIComponent(title)}.md`,
  description: `${title} の説明。`,
  ...extra,
});

describe('llmsTxt', () => {
  test('an H1, the summary as a blockquote, the details, then one H2 per category with its notes in order', () => {
    const text = llmsTxt({
      title: 'AWSメモ',
      summary: 'AWS の学習ノート。',
      details: '各リンク先はノートの Markdown です。',
      sections: [
        { title: 'ID・アクセス管理', links: [link('IAM')] },
        { title: 'ネットワーク', links: [link('VPC'), link('ELB', { description: '' })] },
      ],
    });
    expect(readLlmsTxt(text)).toEqual({
      title: 'AWSメモ',
      summary: 'AWS の学習ノート。',
      details: ['各リンク先はノートの Markdown です。'],
      sections: [
        { title: 'ID・アクセス管理', links: [link('IAM')] },
        { title: 'ネットワーク', links: [link('VPC'), link('ELB', { description: '' })] },
      ],
    });
    expect(text).toContain('\n- [ELB](https://notes.example.org/notes/ELB.md)\n');
  });

  test('a category without notes gets no section', () => {
    const read = readLlmsTxt(
      llmsTxt({
        title: 't',
        summary: 's',
        details: 'd',
        sections: [
          { title: '空', links: [] },
          { title: 'A', links: [link('a')] },
        ],
      }),
    );
    expect(read.sections.map((section) => section.title)).toEqual(['A']);
  });

  // Each hostile value must come back as one link with its own text, and add no line of its own.
  test.each([
    ['brackets in a title', 'S3 [入門] の ]まとめ[', 'd'],
    ['a backslash at the end of a title', 'パス C:\\', 'd'],
    ['a link in a title', '[偽物](https://evil.example/)', 'd'],
    ['a newline and a heading in a title', 'IAM\n## 偽の見出し', 'd'],
    ['a list item hidden in a description', 'IAM', '説明。\n- [偽物](https://evil.example/x.md): 偽'],
    ['a heading hidden in a description', 'IAM', '説明。\n\n## 偽の見出し'],
    ['a blank description', 'IAM', ' \n '],
  ])('%s', (_, title, description) => {
    const text = llmsTxt({
      title: 'サイト\n# 偽',
      summary: '要約\n\n## 偽',
      details: '詳細\n- [偽物](https://evil.example/)',
      sections: [{ title: 'カテゴリ\n## 偽', links: [{ title, url: 'https://n.example/notes/a.md', description }] }],
    });
    const read = readLlmsTxt(text);
    const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();
    expect(read.title).toBe('サイト # 偽');
    expect(read.summary).toBe('要約 ## 偽');
    expect(read.sections).toEqual([
      {
        title: 'カテゴリ ## 偽',
        links: [{ title: oneLine(title), url: 'https://n.example/notes/a.md', description: oneLine(description) }],
      },
    ]);
  });

  test('parentheses, spaces and angle brackets in a URL are percent-encoded, so the link stays whole', () => {
    const read = readLlmsTxt(
      llmsTxt({
        title: 't',
        summary: 's',
        details: 'd',
        sections: [{ title: 'A', links: [link('a', { url: 'https://n.example/notes/a (b)<c>.md' })] }],
      }),
    );
    expect(read.sections[0]!.links[0]!.url).toBe('https://n.example/notes/a%20%28b%29%3Cc%3E.md');
  });
});

describe('noteMarkdown', () => {
  const url = 'https://notes.example.org/notes/iam/';
  test.each([
    'IAM',
    'IAM: ポリシーの種類',
    '"引用符" と \'アポストロフィ\'',
    '---',
    '# 見出しではない',
    '- リストではない',
    'true',
    '123',
    'null',
    '*強調* と `コード`',
    '改行を\n含む\nタイトル',
    'とても長いタイトル'.repeat(20),
  ])('the frontmatter is exactly the title %j and the URL', (title) => {
    const body = '## 見出し\n\n本文。\n\n```yaml\n---\nkey: value\n---\n```';
    const read = readMarkdownFile(noteMarkdown({ title, url, body }));
    expect(read.data).toEqual({ title, url });
    expect(read.body).toBe(`\n${body}\n`);
  });

  test('an empty body gives the frontmatter alone', () => {
    expect(noteMarkdown({ title: 'IAM', url, body: '' })).toBe(`---\ntitle: IAM\nurl: ${url}\n---\n`);
  });
});
