/** The 復習 deck as Anki's tab-separated import file: headers, quoting, absolute URLs, tags. */
import { describe, expect, test } from 'vitest';
import { ankiDecks, ankiRows, ankiTag, ankiTsv, type AnkiTerm } from '../../src/utils/anki-tsv.ts';

const site = 'https://notes.example.org';
const sts: AnkiTerm = {
  term: 'STS',
  definition: '一時的な認証情報を発行するサービス。',
  href: '/notes/iam/#aws-security-token-service-(sts)',
  category: 'ID・アクセス管理',
};

describe('ankiTsv', () => {
  test('Anki file headers, then each term both ways: front, back, source URL, tags', () => {
    expect(ankiTsv([sts], site)).toBe(
      [
        '#separator:tab',
        '#html:false',
        '#columns:表\t裏\t出典\tタグ',
        '#tags column:4',
        '"STS"\t"一時的な認証情報を発行するサービス。"\t"https://notes.example.org/notes/iam/#aws-security-token-service-(sts)"\t"AWSメモ AWSメモ::ID・アクセス管理 用語→定義"',
        '"一時的な認証情報を発行するサービス。"\t"STS"\t"https://notes.example.org/notes/iam/#aws-security-token-service-(sts)"\t"AWSメモ AWSメモ::ID・アクセス管理 定義→用語"',
        '',
      ].join('\n'),
    );
  });

  test.each<[name: string, text: string, field: string]>([
    ['a double quote is doubled', 'say "hi"', '"say ""hi"""'],
    ['a tab becomes a space', 'a\tb', '"a b"'],
    ['a newline becomes a space', 'line 1\nline 2\r\nline 3', '"line 1 line 2 line 3"'],
    ['a leading # is inside quotes, not a header', '#deck:evil', '"#deck:evil"'],
    ['markup stays text (html:false)', '<script>alert(1)</script>', '"<script>alert(1)</script>"'],
    ['a formula stays text', '=HYPERLINK("x")', '"=HYPERLINK(""x"")"'],
  ])('hostile term: %s', (_name, text, field) => {
    const lines = ankiTsv([{ ...sts, term: text }], site).split('\n');
    expect(lines).toHaveLength(4 + 2 + 1);
    expect(lines[4]!.split('\t')[0]).toBe(field);
    expect(lines[5]!.split('\t')[1]).toBe(field);
  });

  test('URLs are absolute on the configured site, percent-encoded', () => {
    const [row] = ankiRows([{ ...sts, href: '/notes/iam/#アクセスキー' }], 'https://a.example/');
    expect(row![2]).toBe('https://a.example/notes/iam/#%E3%82%A2%E3%82%AF%E3%82%BB%E3%82%B9%E3%82%AD%E3%83%BC');
  });

  test('tags: spaces become underscores, so Anki keeps each whole', () => {
    expect(ankiTag(' エッジ 配信 ')).toBe('エッジ_配信');
    expect(ankiRows([{ ...sts, category: 'CI CD' }], site)[0]![3]).toBe('AWSメモ AWSメモ::CI_CD 用語→定義');
  });
});

describe('ankiDecks: the files of one kind, every card and each category with any', () => {
  const iam = { name: 'STS', category: 'ID・アクセス管理' };
  const vpc = { name: 'VPC', category: 'ネットワーク' };
  const role = { name: 'ロール', category: 'ID・アクセス管理' };
  const book = { name: 'zenn-cli', category: 'Zenn CLI ガイド' }; // a book's title: not one of noteCategories

  test('all, then the categories in their order, named by their place in it (ASCII)', () => {
    expect(ankiDecks([vpc, iam, book, role], 'terms')).toEqual([
      { slug: 'all', items: [vpc, iam, book, role] },
      { slug: 'category-0', category: 'ID・アクセス管理', items: [iam, role] },
      { slug: 'category-2', category: 'ネットワーク', items: [vpc] },
    ]);
  });

  test('穴埋め files are named apart', () => {
    expect(ankiDecks([vpc], 'cloze').map((deck) => deck.slug)).toEqual(['all-cloze', 'category-2-cloze']);
  });

  test('with nothing, only the file of every card, empty', () => {
    expect(ankiDecks([], 'terms')).toEqual([{ slug: 'all', items: [] }]);
    expect(ankiDecks([book], 'cloze')).toEqual([{ slug: 'all-cloze', items: [book] }]);
  });
});
