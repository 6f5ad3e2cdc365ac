import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, test } from 'vitest';
import { compareTerms, groupByIndex, indexLabel, sortTerms } from '../../src/glossary/collation.ts';
import { firstSentence } from '../../src/glossary/definitions.ts';
import { loadGlossary } from '../../src/notes/glossary.ts';
import { createNoteIndex } from '../../src/notes/note-index.ts';
import { linkTerms, TermMatcher } from '../../src/glossary/mentions.ts';
import type { GlossaryTerm } from '../../src/glossary/types.ts';
import { siteConfig } from '../../src/site-config.ts';
import { fragment } from '../support/html.ts';
import { renderMdx, renderNote } from '../support/render-note.ts';

const html = async (source: string) => parseHTML(`<main>${await renderMdx(source)}</main>`).document;
const termLinks = (doc: Document) => [...doc.querySelectorAll('a.term-link')] as HTMLAnchorElement[];

describe('Japanese collation and the index', () => {
  test('Latin A–Z first, then kana in gojūon order; katakana and hiragana collate together; readings sort kanji', () => {
    const terms = [
      { term: 'ヘルスチェック' },
      { term: 'STS' },
      { term: '一時的なセキュリティ認証情報', reading: 'いちじてきなセキュリティにんしょうじょうほう' },
      { term: 'アクセスキー' },
      { term: 'ソースステージ' },
      { term: 'AssumeRole' },
      { term: 'ステージ' },
      { term: 'がんばる' },
      { term: 'カード' },
      { term: 'ビヘイビア' },
      { term: 'Kinesis Data Streams' },
      { term: 'Kinesis' },
    ];
    expect(sortTerms(terms).map((t) => t.term)).toEqual([
      'AssumeRole',
      'Kinesis',
      'Kinesis Data Streams',
      'STS',
      'アクセスキー',
      '一時的なセキュリティ認証情報',
      'カード',
      'がんばる',
      'ステージ',
      'ソースステージ',
      'ビヘイビア',
      'ヘルスチェック',
    ]);
    expect(compareTerms({ term: 'あいう' }, { term: 'アイウ' })).not.toBe(0); // equal at base level, still a stable order
  });

  test('index labels: a letter for Latin, the kana row for kana (voiced and small kana included), その他 for kanji without a reading', () => {
    expect(indexLabel({ term: 'fargate' })).toBe('F');
    expect(indexLabel({ term: 'ガード' })).toBe('か');
    expect(indexLabel({ term: 'ぱ' })).toBe('は');
    expect(indexLabel({ term: 'ログ' })).toBe('ら');
    expect(indexLabel({ term: 'ヴ' })).toBe('あ');
    expect(indexLabel({ term: '一時的', reading: 'いちじてき' })).toBe('あ');
    expect(indexLabel({ term: '一時的' })).toBe('その他');
    expect(
      groupByIndex([{ term: 'リスナー' }, { term: 'CDN' }, { term: 'WAF' }, { term: 'アーティファクト' }]).map(
        (g) => g.label,
      ),
    ).toEqual(['C', 'W', 'あ', 'ら']);
  });

  test('the one-line definition is the first sentence, or the first line when it ends sooner', () => {
    expect(firstSentence('IAMユーザーの集合。\n**継承される**。')).toBe('IAMユーザーの集合。');
    expect(firstSentence('ターゲット：分散する対象\nターゲットは…。')).toBe('ターゲット：分散する対象');
    expect(firstSentence('URLパスごとのキャッシュ動作(Behavior)。続き。')).toBe(
      'URLパスごとのキャッシュ動作(Behavior)。',
    );
  });
});

describe('the site glossary (content/notes)', () => {
  test('terms come from the notes with the author’s own sentences as definitions', async () => {
    const glossary = await loadGlossary(
      createNoteIndex({ root: join(import.meta.dirname, '..', '..'), contentDir: siteConfig.contentDir }),
    );
    const byTerm = new Map(glossary.terms.map((t) => [t.term, t]));
    expect(byTerm.get('アクセスキー')).toMatchObject({
      href: '/notes/iam/#アクセスキー',
      definition: 'ルートユーザー or IAMユーザー の長期的な認証情報。',
      category: 'ID・アクセス管理',
    });
    expect(byTerm.get('STS')).toMatchObject({
      href: '/notes/iam/#aws-security-token-service-(sts)',
      definition: '一時的なセキュリティ認証情報を生成するサービス。',
    });
    expect(byTerm.get('Kinesis Data Firehose')).toMatchObject({
      href: '/notes/kinesis/#term-kinesis-data-firehose',
      definition: 'ストリームデータをS3, Redshift, ESへ簡単に配信。',
    });
    expect(glossary.terms.map((t) => t.term)).toEqual(sortTerms(glossary.terms).map((t) => t.term));
  });
});

describe('finding mentions (TermMatcher)', () => {
  const term = (name: string, aliases: string[] = []): GlossaryTerm => ({
    term: name,
    aliases,
    key: name,
    noteId: 'n',
    noteTitle: 'N',
    category: 'c',
    anchor: name,
    href: `/notes/n/#${name}`,
    definition: '',
    declaredAt: { file: 'content/notes/n.md', line: 1 },
  });

  test('finds every mention in order, the same on every call (one pattern serves them all)', () => {
    const matcher = new TermMatcher([term('IAMロール'), term('STS')]);
    const find = (text: string) => matcher.mentions(text).map((m) => [m.index, m.text]);
    const text = 'STSでIAMロールを引き受ける。sts と FIRSTS';
    const expected = [
      [0, 'STS'],
      [4, 'IAMロール'],
      [17, 'sts'],
    ];
    expect(find(text)).toEqual(expected);
    expect(find('IAMロール')).toEqual([[0, 'IAMロール']]);
    expect(find('短い')).toEqual([]);
    // One pattern serves every call: a later call on the same text finds the same mentions.
    expect(find(text)).toEqual(expected);
  });

  test('a blank alias (the schema refuses one) matches nothing, even beside characters beyond U+FFFF', () => {
    const matcher = new TermMatcher([term('IAM', ['\u3000', ' '])]);
    expect(matcher.mentions('絵文字😀と𠮟るIAM').map((m) => m.text)).toEqual(['IAM']);
  });
});

describe('term links through the real Markdown pipeline', () => {
  test('the first mention links to the definition with a preview; later mentions, headings, code and links stay as written', async () => {
    const doc = await html(
      [
        '## IAMロールとは',
        '',
        'IAMロールを使う。もう一度IAMロール。',
        '',
        '`IAMロール` と [IAMロール](https://example.com/) と',
        '',
        '```',
        'IAMロール',
        '```',
      ].join('\n'),
    );
    const links = termLinks(doc);
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link!.textContent).toBe('IAMロール');
    expect(decodeURI(link!.getAttribute('href')!)).toBe('/notes/iam/#iamロール');
    expect(link!.closest('p')!.textContent).toBe('IAMロールを使う。もう一度IAMロール。'); // the sentence is unchanged
    expect(link!.dataset.preview).toBe('AWSリソースの操作権限を付与するための仕組み。（IAM）');
    const description = doc.getElementById(link!.getAttribute('aria-describedby')!);
    expect(description?.textContent).toContain('AWSリソースの操作権限を付与するための仕組み。');
    expect(description?.closest('[hidden]')).not.toBeNull();
    expect(doc.querySelector('h2 a.term-link, code a.term-link')).toBeNull();
  });

  test('the longest term wins, and a term inside a longer word is no mention', async () => {
    const doc = await html('Kinesis Data Streams に送る。FIRSTS とステージングとソースステージ。\n\nあとで Kinesis。');
    expect(termLinks(doc).map((a) => [a.textContent, decodeURI(a.getAttribute('href')!)])).toEqual([
      ['Kinesis Data Streams', '/notes/kinesis/#term-kinesis-data-streams'],
      ['ソースステージ', '/notes/codepipeline/#ソースステージとは？'],
      ['Kinesis', '/notes/kinesis/#term-kinesis'],
    ]);
  });

  test('[[用語]] and [[用語|表示]] link explicitly; an unknown term fails the build with file and line', async () => {
    const doc = await html('前置き。\n\n[[STS]] と [[一時的なセキュリティ認証情報|認証情報]] を使う。');
    expect(termLinks(doc).map((a) => [a.textContent, decodeURI(a.getAttribute('href')!)])).toEqual([
      ['STS', '/notes/iam/#aws-security-token-service-(sts)'],
      ['認証情報', '/notes/iam/#一時的なセキュリティ認証情報-(temporary-security-credentials)'],
    ]);
    await expect(renderMdx('一行目。\n\n三行目に [[存在しない用語]] がある。', 'unknown-term')).rejects.toThrow(
      /unknown-term-[\w-]+\.mdx:3: unknown term "\[\[存在しない用語\]\]"/,
    );
  });
});

describe('declaration errors name their places', () => {
  const root = join(import.meta.dirname, '..', '.tmp', `glossary-fixtures-${process.pid}`);
  afterAll(() => rm(root, { recursive: true, force: true }));

  const note = (title: string, terms: string, body: string) =>
    `---\ntitle: "${title}"\ndescription: "d"\ncategory: "コンテナ"\norder: 1\n${terms}\n---\n${body}\n`;

  async function fixture(name: string, files: Record<string, string>): Promise<string> {
    const dir = join(root, name);
    await mkdir(join(dir, 'notes'), { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(join(dir, 'notes', file), text);
    return dir;
  }

  test('a term declared in two notes fails naming both files and lines', async () => {
    const dir = await fixture('duplicate', {
      'a.mdx': note('A', 'terms:\n  - ポッド', '## ポッド\nコンテナの集まり。'),
      'b.mdx': note(
        'B',
        'topics: ["x"]\nterms:\n  - term: サービス\n    definition: サービスの定義。\n  - term: ポッド\n    definition: 別のポッド。',
        'サービスの定義。\n\n別のポッド。',
      ),
    });
    const error = await loadGlossary(createNoteIndex({ root: dir, contentDir: '.' })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/b\.mdx:10: the term "ポッド" is declared twice, here and at .*a\.mdx:7/);
  });

  test('a declaring note with an MDX syntax error is left to its own compile, and a note linking its terms is told to fix it', async () => {
    const dir = await fixture('syntax-error', {
      'good.mdx': note('G', 'terms:\n  - ポッド', '## ポッド\nコンテナの集まり。'),
      'bad.mdx': note('B', 'terms:\n  - ノード', '## ノード\nマシン。\n\nここで {閉じない 式'),
    });
    const glossary = await loadGlossary(createNoteIndex({ root: dir, contentDir: '.' }));
    expect(glossary.terms.map((t) => t.term)).toEqual(['ポッド']);
    expect(glossary.unreadable).toEqual([
      expect.stringMatching(/^notes\/bad\.mdx:12:\d+: Unexpected end of file in expression/),
    ]);
    const tree = unified().use(remarkParse).parse('[[ノード]]を使う。');
    expect(() =>
      linkTerms(tree, new VFile({ path: 'content/notes/other.mdx' }), {
        matcher: glossary.matcher,
        unreadable: glossary.unreadable,
      }),
    ).toThrow(
      /other\.mdx:1: unknown term "\[\[ノード\]\]".*could not read this note.*bad\.mdx:12:\d+: Unexpected end of file/,
    );
  });

  test('a missing heading and a definition that is not the author’s words fail with the declaration’s line', async () => {
    const missing = await fixture('missing-heading', {
      'a.mdx': note('A', 'terms:\n  - term: ノード\n    heading: ノードとは', '## 別の見出し\n本文。'),
    });
    await expect(loadGlossary(createNoteIndex({ root: missing, contentDir: '.' }))).rejects.toThrow(
      /a\.mdx:7: term "ノード": no heading "ノードとは" in this note.*"別の見出し"/,
    );
    const reworded = await fixture('reworded', {
      'a.mdx': note('A', 'terms:\n  - term: ノード\n    definition: 書き換えた定義。', 'ノードは元の文。'),
    });
    await expect(loadGlossary(createNoteIndex({ root: reworded, contentDir: '.' }))).rejects.toThrow(
      /a\.mdx:7: term "ノード": the definition is not in the note/,
    );
  });

  test('while notes can change (astro dev) a new term shows a second later; once a build fixes them, the glossary read first holds', async () => {
    const dir = await fixture('changing', {
      'a.mdx': note('A', 'terms:\n  - ポッド', '## ポッド\nコンテナの集まり。'),
    });
    const notes = createNoteIndex({ root: dir, contentDir: '.' });
    const terms = async () => (await loadGlossary(notes)).terms.map((t) => t.term);
    expect(await terms()).toEqual(['ポッド']);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 1100));
    await writeFile(join(dir, 'notes', 'b.mdx'), note('B', 'terms:\n  - ノード', '## ノード\nマシン。'));
    await settle();
    expect(await terms()).toEqual(['ノード', 'ポッド']);

    notes.filesAreFixed();
    await writeFile(join(dir, 'notes', 'c.mdx'), note('C', 'terms:\n  - サービス', '## サービス\n窓口。'));
    await settle();
    expect(await terms()).toEqual(['ノード', 'ポッド']);
  });
});

describe('a term defined under a heading links to the id the page gives that heading (Zenn’s, punctuation kept)', () => {
  const dir = join(import.meta.dirname, '..', '.tmp', `glossary-heading-ids-${process.pid}`);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const source = [
    '---',
    'title: "見出し"',
    'description: "d"',
    'category: "コンテナ"',
    'terms:',
    '  - term: ソースステージ',
    '    heading: ソースステージとは？',
    '  - term: 全角見出し',
    '    heading: "全角\u3000スペース\u3000\u3000の見出し"',
    '  - term: IAMロール',
    '    heading: IAM ロール！',
    '  - term: GetObject権限',
    '    heading: "s3:GetObject の権限"',
    '  - term: デプロイ手順',
    '    heading: 手順-1',
    '---',
    '## ソースステージとは？',
    'パイプラインの最初の段階。',
    '## 全角\u3000スペース\u3000\u3000の見出し',
    '全角の空白を含む見出し。',
    '## **IAM** ロール！',
    '引き受けて使う権限の集まり。',
    '## `s3:GetObject` の権限',
    'オブジェクトを読む権限。',
    '## 手順',
    '準備の手順。',
    '## 手順',
    'デプロイの手順。',
    '',
  ].join('\n');
  test('the glossary, the page’s headings and a mention elsewhere agree on each id', async () => {
    await mkdir(join(dir, 'notes'), { recursive: true });
    await writeFile(join(dir, 'notes', 'headings.md'), source);
    const glossary = await loadGlossary(createNoteIndex({ root: dir, contentDir: '.' }));
    expect(Object.fromEntries(glossary.terms.map((t) => [t.term, t.href]))).toEqual({
      ソースステージ: '/notes/headings/#ソースステージとは？',
      全角見出し: '/notes/headings/#全角-スペース-の見出し',
      IAMロール: '/notes/headings/#iam-ロール！',
      GetObject権限: '/notes/headings/#s3:getobject-の権限',
      デプロイ手順: '/notes/headings/#手順-1',
    });

    // The note's own page, through the site's pipeline: its headings carry those ids.
    const page = fragment(await renderNote(source, 'md'));
    expect([...page.querySelectorAll('h2')].map((h) => h.id)).toEqual([
      'ソースステージとは？',
      '全角-スペース-の見出し',
      'iam-ロール！',
      's3:getobject-の権限',
      '手順',
      '手順-1',
    ]);

    // A mention in another note links there.
    const tree = unified()
      .use(remarkParse)
      .parse('ソースステージ、全角見出し、IAMロール、GetObject権限、デプロイ手順。');
    linkTerms(tree, new VFile({ path: 'content/notes/other.md' }), { matcher: glossary.matcher });
    const links: string[] = [];
    visit(tree, 'link', (link) => {
      links.push(link.url);
    });
    expect(links).toEqual([
      '/notes/headings/#ソースステージとは？',
      '/notes/headings/#全角-スペース-の見出し',
      '/notes/headings/#iam-ロール！',
      '/notes/headings/#s3:getobject-の権限',
      '/notes/headings/#手順-1',
    ]);
  });
});
