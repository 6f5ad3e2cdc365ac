import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../deploy/progress.ts';

function stream(isTTY: boolean) {
  let text = '';
  const out = new Writable({
    write(chunk, _encoding, done) {
      text += chunk;
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(out, { isTTY, columns: 120, text: () => text });
  return out;
}

const run = (out: NodeJS.WriteStream) => {
  const print = progressPrinter(out);
  print({ type: 'transfer-start', title: 'release R', files: 20, bytes: 20 * 2048 });
  for (let done = 1; done <= 20; done++)
    print({ type: 'transfer', key: `notes/n${done}/index.html`, done, doneBytes: done * 2048 });
  print({ type: 'transfer-end' });
  print({ type: 'step', text: 'Making release R live…' });
};

describe('progress', () => {
  it('in a log (not a terminal): plain lines, one per tenth of the files, with files and bytes', () => {
    const out = stream(false);
    run(out);
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('Publishing release R: 20 file(s), 40.0 KiB to upload');
    expect(lines.slice(1, -1)).toHaveLength(11); // the first file, then each tenth
    expect(lines.at(-2)).toBe('  20/20 files, 40.0 KiB/40.0 KiB uploaded');
    expect(lines.at(-1)).toBe('Making release R live…');
    expect(out.text()).not.toContain('\u001b['); // no terminal control codes in a log
  });

  it('on a terminal: a bar (cli-progress) redrawn in place with files and bytes', () => {
    const out = stream(true);
    run(out);
    const text = out.text();
    expect(text).toContain('\u001b[');
    expect(text).toContain('20/20 files | 40.0 KiB/40.0 KiB uploaded');
    expect(text).toMatch(/[█░]{24}/);
  });
});
