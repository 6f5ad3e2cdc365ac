import { describe, expect, test } from 'vitest';
import { noteCategories, noteSchema } from '../../src/schemas/note.ts';

const valid = {
  title: 'IAM',
  description: 'アクセスキーとポリシー。',
  category: 'ID・アクセス管理',
  order: 1,
  topics: ['IAM', 'STS'],
  references: [{ title: 'BlackBelt', url: 'https://d1.awsstatic.com/a.pdf' }],
};

describe('note frontmatter', () => {
  test('a complete note passes; topics and references default to empty lists; a note is published unless it says not', () => {
    expect(noteSchema.parse(valid)).toEqual({ ...valid, published: true });
    const { topics: _t, references: _r, ...minimal } = valid;
    expect(noteSchema.parse(minimal)).toMatchObject({ topics: [], references: [], published: true });
  });

  test('only a title is required: description, category and order are optional', () => {
    expect(noteSchema.parse({ title: 'メモ' })).toEqual({ title: 'メモ', topics: [], references: [], published: true });
  });

  test('a Zenn article’s frontmatter is accepted as it is', () => {
    const zenn = {
      title: 'IAMロールを理解する',
      emoji: '🔐',
      type: 'tech',
      topics: ['aws', 'iam'],
      published: false,
      published_at: '2024-05-01 09:30',
    };
    expect(noteSchema.parse(zenn)).toMatchObject({
      ...zenn,
      published_at: new Date('2024-05-01T00:30:00Z'), // 09:30 in Japan
    });
    expect(noteSchema.parse({ ...zenn, published_at: '2024-05-01' }).published_at).toEqual(
      new Date('2024-04-30T15:00:00Z'),
    );
    expect(noteSchema.parse({ ...zenn, published_at: new Date('2024-05-01T00:00:00Z') }).published_at).toEqual(
      new Date('2024-05-01T00:00:00Z'),
    );
  });

  test('what `zenn new:article --publication-name` writes builds as it is, and an empty published_at is none', () => {
    const article = {
      title: 'タイトル',
      emoji: '📝',
      type: 'tech',
      topics: [],
      published: false,
      publication_name: 'acme_inc',
    };
    expect(noteSchema.parse(article)).toMatchObject(article);
    expect(noteSchema.parse({ ...article, published_at: null }).published_at).toBeUndefined();
    expect(noteSchema.parse({ ...article, publication_name: null }).title).toBe('タイトル');
  });

  test('a book chapter (the loader sets its book) takes the book’s title as its category', () => {
    const chapter = { title: '第1章', category: 'AWS入門', book: { slug: 'aws-book', title: 'AWS入門', summary: '' } };
    expect(noteSchema.parse(chapter)).toMatchObject({ category: 'AWS入門' });
  });

  test('a title keeps its words but not the spaces around them', () => {
    expect(noteSchema.parse({ ...valid, title: '  IAM ロール  ' }).title).toBe('IAM ロール');
  });

  test('every category in the list is accepted', () => {
    for (const category of noteCategories) expect(noteSchema.safeParse({ ...valid, category }).success).toBe(true);
  });

  test.each([
    { field: 'title', value: undefined, message: 'expected string, received undefined' },
    { field: 'title', value: '', message: 'title must not be empty' },
    { field: 'title', value: '   ', message: 'title must not be empty' },
    { field: 'title', value: '\u3000\t\n', message: 'title must not be empty' },
    { field: 'description', value: '  ', message: 'description must not be empty' },
    { field: 'category', value: '', message: 'category must not be empty' },
    { field: 'type', value: 'blog', message: '' },
    { field: 'published', value: 'false', message: '' },
    { field: 'published_at', value: '2024/05/01', message: 'published_at must be "YYYY-MM-DD" or "YYYY-MM-DD HH:mm"' },
    { field: 'published_at', value: '2024-13-40', message: 'published_at must be' },
    { field: 'slug', value: 'x', message: 'slug' },
    { field: 'category', value: 'セキュリティ', message: 'category must be one of "ID・アクセス管理"' },
    { field: 'order', value: 1.5, message: '' },
    { field: 'order', value: '1', message: '' },
    { field: 'topics', value: ['CI/CD'], message: 'a topic is letters, digits' },
    { field: 'topics', value: 'IAM', message: '' },
    { field: 'references', value: [{ title: 'x', url: 'javascript:alert(1)' }], message: '' },
    { field: 'references', value: [{ title: '', url: 'https://example.com/' }], message: '' },
    { field: 'emoji', value: '', message: '' },
    { field: 'terms', value: ['\u3000'], message: 'a term must not be blank' },
    { field: 'terms', value: [{ term: ' ' }], message: 'term must not be blank' },
    {
      field: 'terms',
      value: [{ term: 'IAM', aliases: ['IAM ロール', '\u3000'] }],
      message: 'an alias must not be blank',
    },
  ])('a bad $field ($value) is rejected, naming the field', ({ field, value, message }) => {
    const result = noteSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect([...issue.path.map(String), issue.message].join(' ')).toContain(field);
    expect(issue.message).toContain(message);
  });
});
