/**
 * The note index (`src/notes/note-index.ts`): a build reads each note file once, whoever asks
 * (the Markdown pipeline's code languages, the glossary, link previews, the render digest), and
 * `astro dev` sees an edit. And the one frontmatter split every reader of notes uses.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataStore } from 'astro/loaders';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContentWarnings } from '../../src/markdown/content-warnings.ts';
import { frontmatterData, splitFrontmatter } from '../../src/markdown/frontmatter.ts';
import { loadGlossary } from '../../src/notes/glossary.ts';
import { markdownPipeline } from '../../src/notes/markdown-pipeline.ts';
import { createNoteIndex } from '../../src/notes/note-index.ts';
import { previewText } from '../../src/notes/note-summaries.ts';
import { dropStaleRenders, renderInputs } from '../../src/notes/render-cache.ts';

let root: string;
const notesDir = () => join(root, 'content', 'notes');
const pods = '---\ntitle: "ポッド"\nterms:\n  - ポッド\n---\n\n## ポッド\nコンテナの集まり。\n';
const service = '---\ntitle: "サービス"\n---\n\n[ポッド](/notes/pods/#ポッド)を束ねる。\n\n```yaml\na: 1\n```\n';
const draft = '---\ntitle: "下書き"\npublished: false\n---\n\n本文。\n';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'note-index-'));
  await mkdir(notesDir(), { recursive: true });
  await writeFile(join(notesDir(), 'pods.md'), pods);
  await writeFile(join(notesDir(), 'service.md'), service);
  await writeFile(join(notesDir(), 'draft.mdx'), draft);
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** An index over the fixture whose reads are counted by file. */
function countingIndex() {
  const reads = new Map<string, number>();
  const notes = createNoteIndex({
    root,
    contentDir: 'content',
    readText: (path) => {
      const file = path.slice(root.length + 1);
      reads.set(file, (reads.get(file) ?? 0) + 1);
      return readFileSync(path, 'utf8');
    },
  });
  return { notes, reads };
}

const emptyStore = { entries: () => [], delete: () => undefined } as unknown as DataStore;

describe('a build', () => {
  test('reads each note file once, however many parts of the build ask', async () => {
    const { notes, reads } = countingIndex();
    notes.filesAreFixed();
    markdownPipeline({ root, contentDir: 'content', warnings: new ContentWarnings(false), notes });
    const glossary = await loadGlossary(notes);
    expect(await previewText(notes, 'pods#ポッド')).toBe('ポッド：コンテナの集まり。（ポッド）');
    expect(await previewText(notes, 'draft#')).toBeUndefined();
    await renderInputs(notes);
    await dropStaleRenders(emptyStore, notes);
    await loadGlossary(notes);

    expect(glossary.terms.map((term) => term.term)).toEqual(['ポッド']);
    expect(Object.fromEntries(reads)).toEqual({
      'content/notes/draft.mdx': 1,
      'content/notes/pods.md': 1,
      'content/notes/service.md': 1,
    });
    expect(notes.stats.reads).toBe(3);
  });
});

describe('which note a file is (link previews leave a note’s links to itself alone)', () => {
  test.each([
    ['content/notes/pods.md', 'pods'],
    ['content/notes/../notes/pods.md', 'pods'],
    ['content/notes/nope.md', undefined],
    // Outside the content folder, however it is written.
    ['content-drafts/notes/pods.md', undefined],
    ['content/../content-drafts/notes/pods.md', undefined],
    ['../content/notes/pods.md', undefined],
    ['/etc/passwd', undefined],
    ['content/notes/pods.md\0', undefined],
    ['', undefined],
  ])('%j → %j', (path, id) => {
    const { notes } = countingIndex();
    expect(notes.noteIdOfFile(path)).toBe(id);
  });

  test('an absolute path inside the content folder', () => {
    expect(countingIndex().notes.noteIdOfFile(join(notesDir(), 'service.md'))).toBe('service');
  });
});

describe('astro dev', () => {
  test('reads an edited note again, and the glossary and previews show the edit; an unchanged note is not read again', async () => {
    const { notes, reads } = countingIndex();
    expect(await previewText(notes, 'pods#ポッド')).toBe('ポッド：コンテナの集まり。（ポッド）');
    await loadGlossary(notes);
    const edited = pods.replace('## ポッド\nコンテナの集まり。', '## ポッド\nコンテナのまとまり。');
    await writeFile(join(notesDir(), 'pods.md'), edited);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the listing is trusted for a second
    try {
      expect(await previewText(notes, 'pods#ポッド')).toBe('ポッド：コンテナのまとまり。（ポッド）');
      expect((await loadGlossary(notes)).terms[0]?.definition).toBe('コンテナのまとまり。');
      expect(reads.get('content/notes/pods.md')).toBe(2);
      expect(reads.get('content/notes/service.md')).toBe(1);
    } finally {
      await writeFile(join(notesDir(), 'pods.md'), pods);
    }
  });
});

describe('astro dev, an edit that keeps the file time', () => {
  test('is seen when the size changed (a tool that restores the time, as some editors and sync tools do)', async () => {
    const { notes } = countingIndex();
    const file = join(notesDir(), 'pods.md');
    const time = new Date('2026-01-01T00:00:00Z');
    await utimes(file, time, time);
    expect(await previewText(notes, 'pods#ポッド')).toBe('ポッド：コンテナの集まり。（ポッド）');
    await writeFile(file, pods.replace('コンテナの集まり。', 'コンテナを束ねた単位。'));
    await utimes(file, time, time);
    notes.filesChanged();
    try {
      expect((await stat(file)).mtime).toEqual(time);
      expect(await previewText(notes, 'pods#ポッド')).toBe('ポッド：コンテナを束ねた単位。（ポッド）');
    } finally {
      await writeFile(file, pods);
    }
  });
});

describe('a glossary that cannot be made', () => {
  test('fails for each asker with an error of its own, the bad note named once in it', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'note-index-bad-'));
    try {
      await mkdir(join(bad, 'content', 'notes'), { recursive: true });
      await writeFile(join(bad, 'content', 'notes', 'vpc.md'), '---\ntitle: 123\n---\n\n本文。\n');
      const notes = createNoteIndex({ root: bad, contentDir: 'content' });
      notes.filesAreFixed();
      const first = await loadGlossary(notes).catch((error: unknown) => error);
      // What Astro does to the error a note's compile throws: the note's file goes before its message.
      (first as Error).message = `Failed to parse Markdown file "a.md":\n${(first as Error).message}`;
      const second = await loadGlossary(notes).catch((error: unknown) => error);
      expect(second).not.toBe(first);
      expect((second as Error).message).toBe(
        'content/notes/vpc.md:1: frontmatter title: Invalid input: expected string, received number',
      );
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});

describe('the frontmatter split', () => {
  test.each([
    {
      name: 'fields, then the body: lines keep their numbers',
      source: '---\ntitle: "IAM"\n---\n## 見出し',
      frontmatterLines: 3,
      yaml: 'title: "IAM"',
      body: '\n\n\n## 見出し',
    },
    { name: 'no frontmatter', source: '## 見出し\n本文', frontmatterLines: 0, yaml: '', body: '## 見出し\n本文' },
    {
      name: 'a byte order mark and Windows line ends',
      source: '\uFEFF---\r\ntitle: "IAM"\r\n---\r\n本文',
      frontmatterLines: 3,
      yaml: 'title: "IAM"\r',
      body: '\n\n\n本文',
    },
    {
      name: 'a "---" line later on is a thematic break, not frontmatter',
      source: '本文\n---\n続き',
      frontmatterLines: 0,
      yaml: '',
      body: '本文\n---\n続き',
    },
  ])('$name', ({ source, frontmatterLines, yaml, body }) => {
    expect(splitFrontmatter(source, 'content/notes/a.md')).toMatchObject({ frontmatterLines, yaml, body });
  });

  test('frontmatter never closed fails with the file, line 1 and the fix', () => {
    expect(() => splitFrontmatter('---\ntitle: "IAM"\n## 見出し\n', 'content/notes/a.md')).toThrow(
      'content/notes/a.md:1: the frontmatter opened by "---" on line 1 is never closed. ' +
        'Add a line "---" after its last field, before the note\'s text.',
    );
  });

  test('fields are read as YAML; YAML that does not parse names the file', () => {
    expect(frontmatterData('title: "IAM"\ntopics: [aws]', 'content/notes/a.md')).toEqual({
      title: 'IAM',
      topics: ['aws'],
    });
    expect(frontmatterData('', 'content/notes/a.md')).toEqual({});
    expect(() => frontmatterData('title: [unclosed', 'content/notes/a.md')).toThrow(
      /^content\/notes\/a\.md: the frontmatter is not valid YAML: /,
    );
  });
});
