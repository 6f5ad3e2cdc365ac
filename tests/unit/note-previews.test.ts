/**
 * A link to another note previews the section it opens (title and first lines) or the note,
 * made at build time and announced as the glossary's term previews are: through the real pipeline,
 * in `.md` and `.mdx`, against the site's own notes.
 */
import { describe, expect, test } from 'vitest';
import { fragment } from '../support/html.ts';
import { noteFormats, renderNote } from '../support/render-note.ts';

const previewOf = (doc: Document, link: Element) => doc.getElementById(link.getAttribute('aria-describedby')!);

describe.each(noteFormats)('links to notes in .%s', (format) => {
  test('a link to a section previews its title and first lines, with the note’s title', async () => {
    const doc = fragment(await renderNote('詳しくは[ポリシーの節](/notes/iam/#ポリシー)を読む。', format));
    const link = doc.querySelector('a.note-link')!;
    expect(link.textContent).toBe('ポリシーの節');
    const text =
      'ポリシー：IAMユーザ、IAMグループ、IAMロール、AWSリソースに関連づけることによってアクセス許可を定義することができるオブジェクト。（IAM）';
    expect(link.getAttribute('data-preview')).toBe(text);
    const preview = previewOf(doc, link);
    expect(preview?.textContent).toBe(text);
    expect(preview?.closest('[hidden]')?.hasAttribute('data-pagefind-ignore')).toBe(true);
  });

  test('a link to a note previews its description', async () => {
    const doc = fragment(await renderNote('[VPC](/notes/vpc/) と [同じVPC](/notes/vpc/)', format));
    const links = [...doc.querySelectorAll('a.note-link')];
    expect(links).toHaveLength(2);
    expect(links[0]!.getAttribute('data-preview')).toBe(
      'パブリックなロードバランサーからプライベートな EC2 へつなぐ構成の参考リンク。（VPC）',
    );
    // One hidden text for both links to the same place.
    expect(links.map((a) => a.getAttribute('aria-describedby'))).toEqual(['note-preview-1', 'note-preview-1']);
    expect(doc.querySelectorAll('.note-previews > span')).toHaveLength(1);
  });

  test('term links keep the glossary’s preview; other links get none', async () => {
    const doc = fragment(
      await renderNote('[[IAMロール]]、[外部](https://example.com/)、[節](#ある節)、[トピック](/topics/IAM/)', format),
    );
    expect(doc.querySelector('a.term-link')?.getAttribute('data-preview')).toContain('AWSリソースの操作権限');
    expect(doc.querySelectorAll('a.note-link')).toHaveLength(0);
    expect(doc.querySelector('.note-previews')).toBeNull();
  });
});
