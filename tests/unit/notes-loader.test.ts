/**
 * The notes loader's checks that stop a build before any note is rendered: no content folder, no
 * notes, two files that become one note, frontmatter never closed, an `.mdx` note with Markdown
 * only MDX cannot read. Each message names the file (and line) and says what to do. One of them
 * (two files, one slug) is also shown through a real `astro build` in tests/build/build-errors.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, describe, expect, test } from 'vitest';
import { notesLoader } from '../../src/notes/notes-loader.ts';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

const fields = 'title: "壊れたノート"\ndescription: "壊れている。"\ncategory: "ネットワーク"\norder: 2';
const note = (body: string) => `---\n${fields}\n---\n${body}\n`;

/**
 * Runs the loader over a project whose `content/` holds these files (`null`: no content folder),
 * and returns the message it fails with. Every case fails before the loader touches the store.
 */
async function loadFails(files: Record<string, string> | null): Promise<string> {
  await mkdir(join(import.meta.dirname, '..', '.tmp'), { recursive: true });
  const root = await mkdtemp(join(import.meta.dirname, '..', '.tmp', 'loader-'));
  made.push(root);
  for (const [path, text] of Object.entries(files ?? {})) {
    await mkdir(dirname(join(root, 'content', path)), { recursive: true });
    await writeFile(join(root, 'content', path), text);
  }
  // `astro dev`'s shape (a watcher); no integration hands it a note index, so the loader makes its own.
  const context = {
    config: { root: pathToFileURL(`${root}/`), integrations: [] },
    watcher: {},
  } as unknown as LoaderContext;
  const error = await notesLoader('content')
    .load(context)
    .then(
      () => undefined,
      (e: unknown) => e as Error,
    );
  expect(error, 'the loader must refuse this content').toBeInstanceOf(Error);
  return error!.message;
}

describe('the notes loader refuses content that would build a site missing notes', () => {
  test('a missing content folder: says what to create', async () => {
    expect(await loadFails(null)).toBe(
      'There is no content folder content/: create it with your notes (content/notes/my-note.md, ' +
        'or zenn-cli\'s content/articles/ and content/books/; see README, "Writing notes").',
    );
  });

  test('a content folder without notes (a hidden file, an image): says what to add', async () => {
    expect(await loadFails({ '.keep': '', 'images/diagram.png': '' })).toBe(
      "content/ has no notes: add one such as content/notes/my-note.md, or zenn-cli's content/articles/ and " +
        'content/books/ (see README, "Writing notes"). A site without notes is not built.',
    );
  });

  test.each([
    { name: 'space and hyphen', files: ['my note.mdx', 'my-note.mdx'], id: 'my-note' },
    { name: 'case', files: ['Foo.mdx', 'foo.mdx'], id: 'foo' },
    { name: '.md and .mdx', files: ['iam.md', 'iam.mdx'], id: 'iam' },
    { name: 'folder index and file', files: ['aws/index.md', 'aws.md'], id: 'aws' },
  ])('two files, one slug ($name): names both and says to rename one', async ({ files, id }) => {
    const message = await loadFails(Object.fromEntries(files.map((file) => [`notes/${file}`, note('本文')])));
    const [first, second] = [...files].sort();
    expect(message).toBe(
      `content/notes/${second}:1: this file and content/notes/${first} both become the note "/notes/${id}/", ` +
        'so one of them would be lost. Rename one of them (note URLs ignore case, and spaces and most punctuation become "-").',
    );
  });
});

describe('the notes loader refuses a note it cannot read as the author meant, with file and line', () => {
  test('frontmatter never closed: that, not every field "missing"', async () => {
    const message = await loadFails({
      'notes/good.md': note('本文'),
      'notes/bad.mdx': `---\n${fields}\n## 見出し\n本文\n`,
    });
    expect(message).toBe(
      'content/notes/bad.mdx:1: the frontmatter opened by "---" on line 1 is never closed. ' +
        'Add a line "---" after its last field, before the note\'s text.',
    );
  });

  test('an .mdx note with a Markdown autolink: the line and how to write the link', async () => {
    const message = await loadFails({ 'notes/bad.mdx': note('本文\n\n参照 <https://aws.amazon.com/> を読む') });
    expect(message).toContain(
      'content/notes/bad.mdx:9: "<https://aws.amazon.com/>" is an autolink, which MDX reads as a tag. ' +
        'Write [text](https://aws.amazon.com/) or the URL alone on its own line',
    );
  });
});
