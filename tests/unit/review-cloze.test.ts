/**
 * 穴埋め cards from a note's bold and emphasised phrases: which sentence each phrase is asked in,
 * what is left out, the cue of a phrase that is its whole sentence, ids that survive edits
 * elsewhere, and Anki's cloze notes. Notes go through the site's own parser and structure plugins.
 */
import { describe, expect, test } from 'vitest';
import { VFile } from 'vfile';
import { remarkNoteData } from '../../src/markdown/remark-note-data.ts';
import { parseNote } from '../../src/notes/note-text.ts';
import { noteSchema } from '../../src/schemas/note.ts';
import { ankiClozeRows, ankiClozeTsv } from '../../src/utils/anki-tsv.ts';
import { clozeSentences } from '../../src/markdown/cloze-cards.ts';
import { clozeCards, type ClozeNote, type ClozeSentence } from '../../src/utils/cloze-deck.ts';

const parse = (markdown: string, entry = 'note.md') => parseNote(entry, new VFile({ path: entry, value: markdown }));
const sentences = async (markdown: string, title = 'ノート', entry = 'note.md') =>
  clozeSentences(await parse(markdown, entry), title);
/** Each card as the reader sees it: the question with ＿＿＿, and the answer. */
const asked = (list: ClozeSentence[]) =>
  list.flatMap((s) =>
    s.blanks.map((b) => [
      `${s.lead}${s.text.slice(0, b.start)}＿＿＿${s.text.slice(b.end)}`,
      s.text.slice(b.start, b.end),
    ]),
  );

describe('which phrases are asked, and in which sentence', () => {
  test.each<[name: string, markdown: string, cards: [question: string, answer: string][]]>([
    [
      'two bold phrases in one sentence: one card each, the sentence around',
      'ウェブアプリケーションの**通信内容を検査**し、**不正なアクセスを遮断するルールセット**を持つ。',
      [
        ['ウェブアプリケーションの＿＿＿し、不正なアクセスを遮断するルールセットを持つ。', '通信内容を検査'],
        ['ウェブアプリケーションの通信内容を検査し、＿＿＿を持つ。', '不正なアクセスを遮断するルールセット'],
      ],
    ],
    [
      'only the sentence holding the phrase (split after 。！？)',
      '前の文。**アクセスキー**で接続する！後の文？',
      [['＿＿＿で接続する！', 'アクセスキー']],
    ],
    [
      'emphasis, with * and _',
      '書き込み可能な*コンテナレイヤー*に保存。データの _永続化は出来ない_ こと。',
      [
        ['書き込み可能な＿＿＿に保存。', 'コンテナレイヤー'],
        ['データの ＿＿＿ こと。', '永続化は出来ない'],
      ],
    ],
    [
      'a list item: its label line and the line explaining it are one sentence',
      '- **AWS管理ポリシー**\n  AWSにより事前定義された管理ポリシー。',
      [['＿＿＿ AWSにより事前定義された管理ポリシー。', 'AWS管理ポリシー']],
    ],
    [
      'a table row is one sentence, cells joined by ｜ (the header too)',
      '| ログドライバー | 説明 |\n| - | - |\n| **awslogs** | **CloudWatchLogs**に保存。 |',
      [
        ['＿＿＿ ｜ CloudWatchLogsに保存。', 'awslogs'],
        ['awslogs ｜ ＿＿＿に保存。', 'CloudWatchLogs'],
      ],
    ],
    [
      'a phrase with 。 inside stays whole, in one sentence',
      '要点は**一つ目。二つ目**である。',
      [['要点は＿＿＿である。', '一つ目。二つ目']],
    ],
    [
      'a bold phrase inside a link',
      '[**リンクの語句**](https://example.com/)を読む。',
      [['＿＿＿を読む。', 'リンクの語句']],
    ],
    [
      'in a Zenn message block and a blockquote',
      ':::message\n**メッセージの語句**を見る。\n:::\n\n> **引用の語句**も見る。',
      [
        ['＿＿＿を見る。', 'メッセージの語句'],
        ['＿＿＿も見る。', '引用の語句'],
      ],
    ],
  ])('%s', async (_name, markdown, cards) => {
    expect(asked(await sentences(markdown))).toEqual(cards);
  });

  test.each<[name: string, markdown: string]>([
    ['one or two characters', 'データを**送る**。**S3**へ。**受**。'],
    ['two emoji (two characters, four UTF-16 units)', 'これは**👍👍**です。'],
    ['only spaces', 'これは** **です。'],
    ['in a code block', '```\n**コードの中**\n```'],
    ['in inline code', '`**コードの中**`を書く。'],
    ['raw HTML in a .md note is text, not emphasis', '<b>太字のつもり</b>を書く。'],
    ['no emphasis at all', 'ただの文。もう一つの文。'],
  ])('left out: %s', async (_name, markdown) => {
    expect(asked(await sentences(markdown))).toEqual([]);
  });

  test('a phrase that is its whole sentence is asked with its section’s heading as the cue', async () => {
    const list = await sentences(
      '**前書きの全文**。\n\n## アクセスキー\n長期的な認証情報。\n**アクセスキーを使うことで、プログラムアクセスができる**。\n\n## **見出しの語句**',
      'IAM',
    );
    expect(asked(list)).toEqual([
      // Before any heading: the note's title.
      ['IAM：＿＿＿。', '前書きの全文'],
      ['アクセスキー：＿＿＿。', 'アクセスキーを使うことで、プログラムアクセスができる'],
      // A heading that is all bold: the title again (its own text would give it away).
      ['IAM：＿＿＿', '見出しの語句'],
    ]);
    expect(list.map((s) => [s.anchor, s.section])).toEqual([
      ['', ''],
      ['アクセスキー', 'アクセスキー'],
      ['見出しの語句', '見出しの語句'],
    ]);
  });

  test('the section link is the heading id the site gives (GitHub slugs, repeated headings numbered)', async () => {
    const list = await sentences('## 概要\n**一つ目の語句**。\n\n## 概要\n**二つ目の語句**。');
    expect(list.map((s) => s.anchor)).toEqual(['概要', '概要-1']);
  });

  test('hostile text stays text: markup and Anki syntax in a phrase', async () => {
    const md = await sentences('**{{c2::<img src=x onerror=alert(1)>}}** を見る。');
    expect(asked(md)).toEqual([['＿＿＿ を見る。', '{{c2::<img src=x onerror=alert(1)>}}']]);
  });
});

describe('ids', () => {
  const ids = async (markdown: string) => (await sentences(markdown)).flatMap((s) => s.blanks.map((b) => b.id));
  const base = '## 節\n**アクセスキー**で**接続先**へ送信する。\n\n別の段落。';

  test('the same on every build, and unchanged by an edit elsewhere in the note', async () => {
    const before = await ids(base);
    expect(before).toHaveLength(2);
    expect(await ids(base)).toEqual(before);
    expect(
      await ids(
        `# 前に足した見出し\n新しい段落。\n\n${base.replace('別の段落。', '書き換えた段落。**新しい語句**。')}`,
      ),
    ).toEqual(expect.arrayContaining(before));
  });

  test('unchanged when another phrase of the same sentence is emphasised', async () => {
    const [first] = await ids(base);
    const more = await ids(base.replace('送信する', '*送信する*'));
    expect(more).toHaveLength(3);
    expect(more).toContain(first);
  });

  test('the same sentence twice in a note: two cards, two ids', async () => {
    const twice = await ids('**同じ語句**の文。\n\n**同じ語句**の文。');
    expect(twice).toHaveLength(2);
    expect(new Set(twice).size).toBe(2);
  });
});

describe('the note’s frontmatter: cloze: false', () => {
  const recorded = async (frontmatter: Record<string, unknown>) => {
    const file = new VFile({ path: 'note.md', value: '' });
    (file.data as { astro?: unknown }).astro = { frontmatter };
    const tree = await parse('**大事な語句**を覚える。');
    remarkNoteData()(tree, file);
    return (file.data as { astro: { frontmatter: { clozeSentences: ClozeSentence[] } } }).astro.frontmatter
      .clozeSentences;
  };
  test.each<[frontmatter: Record<string, unknown>, cards: number]>([
    [{ title: 'T' }, 1],
    [{ title: 'T', cloze: true }, 1],
    [{ title: 'T', cloze: false }, 0],
  ])('%o: %i card(s)', async (frontmatter, cards) => {
    expect((await recorded(frontmatter)).flatMap((s) => s.blanks)).toHaveLength(cards);
  });

  test.each([['"false"'], ['0'], ['"no"']])('cloze: %s is refused by the schema, naming the field', (value) => {
    const result = noteSchema.safeParse({ title: 'T', cloze: JSON.parse(value) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['cloze']);
  });
});

describe('the site’s cards and Anki’s cloze notes', () => {
  const note = async (markdown: string): Promise<ClozeNote> => ({
    id: 'iam',
    title: 'IAM',
    category: 'ID・アクセス管理',
    path: '/notes/iam/',
    sentences: await sentences(markdown, 'IAM'),
  });

  test('a card: id under the note, the sentence around the blank, the section’s link and name', async () => {
    const [card] = clozeCards([await note('## アクセスキー\n**アクセスキー**で接続する。')]);
    expect(card).toMatchObject({
      category: 'ID・アクセス管理',
      before: '',
      answer: 'アクセスキー',
      after: 'で接続する。',
      href: '/notes/iam/#アクセスキー',
      source: 'IAM › アクセスキー',
    });
    expect(card!.id).toMatch(/^cloze:iam:[A-Za-z0-9]{10}$/);
  });

  test('one Anki note per sentence, each phrase {{cN::…}}, with the section’s URL, tags and a GUID', async () => {
    const tsv = ankiClozeTsv(
      [await note('## 節\n**通信内容を検査**し、**不正なアクセスを遮断する**。\n\n**全文が太字の文**。')],
      'https://notes.example.org',
    );
    expect(tsv.split('\n').slice(0, 6)).toEqual([
      '#separator:tab',
      '#html:false',
      '#notetype:Cloze',
      '#columns:Text\tBack Extra\tTags\tGUID',
      '#tags column:3',
      '#guid column:4',
    ]);
    const rows = tsv
      .split('\n')
      .slice(6, -1)
      .map((line) => line.split('\t').map((f) => f.slice(1, -1)));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      [
        '{{c1::通信内容を検査}}し、{{c2::不正なアクセスを遮断する}}。',
        'https://notes.example.org/notes/iam/#%E7%AF%80',
        'AWSメモ AWSメモ::ID・アクセス管理 穴埋め',
      ],
      [
        '節：{{c1::全文が太字の文}}。',
        'https://notes.example.org/notes/iam/#%E7%AF%80',
        'AWSメモ AWSメモ::ID・アクセス管理 穴埋め',
      ],
    ]);
    expect(rows[0]![3]).toMatch(/^aws-memo:iam:[A-Za-z0-9]{10}$/);
    expect(rows[0]![3]).not.toBe(rows[1]![3]);
  });

  test.each<[name: string, phrase: string, text: string]>([
    ['a phrase with }} does not end its cloze early', '語句}}の後', '{{c1::語句}\u200b}の後}}'],
    ['a phrase with :: is not a hint', 'a::b の語句', '{{c1::a:\u200b:b の語句}}'],
    ['{{c2:: written in a phrase makes no second cloze', '{{c2::x}}', '{{c1::{\u200b{c2:\u200b:x}\u200b}}}'],
    ['a quote and a tab stay in their field', 'say "hi"\tnow', '{{c1::say ""hi"" now}}'],
  ])('hostile Anki text: %s', async (_name, phrase, text) => {
    const notes = [
      {
        ...(await note('')),
        sentences: [
          {
            id: 'x',
            lead: '',
            text: phrase,
            blanks: [{ id: 'b', start: 0, end: phrase.length }],
            anchor: '',
            section: '',
          },
        ],
      },
    ];
    const line = ankiClozeTsv(notes, 'https://a.example').split('\n')[6]!;
    expect(line.split('\t')[0]).toBe(`"${text}"`);
    expect(ankiClozeRows(notes, 'https://a.example')).toHaveLength(1);
  });
});
