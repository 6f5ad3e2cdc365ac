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
  test('a complete note passes; topics and references default to empty lists', () => {
    expect(noteSchema.parse(valid)).toEqual(valid);
    const { topics: _t, references: _r, ...minimal } = valid;
    expect(noteSchema.parse(minimal)).toMatchObject({ topics: [], references: [] });
  });

  test('a title keeps its words but not the spaces around them', () => {
    expect(noteSchema.parse({ ...valid, title: '  IAM ロール  ' }).title).toBe('IAM ロール');
  });

  test('every category in the list is accepted', () => {
    for (const category of noteCategories) expect(noteSchema.safeParse({ ...valid, category }).success).toBe(true);
  });

  test.each([
    { field: 'title', value: '', message: 'title must not be empty' },
    { field: 'title', value: '   ', message: 'title must not be empty' },
    { field: 'title', value: '\u3000\t\n', message: 'title must not be empty' },
    { field: 'description', value: '  ', message: 'description must not be empty' },
    { field: 'description', value: undefined, message: '' },
    { field: 'category', value: 'セキュリティ', message: 'category must be one of "ID・アクセス管理"' },
    { field: 'order', value: 1.5, message: '' },
    { field: 'order', value: '1', message: '' },
    { field: 'topics', value: ['CI/CD'], message: 'a topic is letters, digits' },
    { field: 'topics', value: 'IAM', message: '' },
    { field: 'references', value: [{ title: 'x', url: 'javascript:alert(1)' }], message: '' },
    { field: 'references', value: [{ title: '', url: 'https://example.com/' }], message: '' },
    { field: 'emoji', value: '🐡', message: 'emoji' },
  ])('a bad $field ($value) is rejected, naming the field', ({ field, value, message }) => {
    const result = noteSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect([...issue.path.map(String), issue.message].join(' ')).toContain(field);
    expect(issue.message).toContain(message);
  });
});
