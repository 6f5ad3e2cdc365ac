import type { VFile } from 'vfile';

/**
 * A mistake in a note that must stop the build. The message leads with `file:line` so editors
 * and terminals link straight to it, then says what is wrong and what to do.
 */
export class ContentError extends Error {
  constructor(file: VFile, line: number, problem: string, fix: string) {
    super(`${file.path || '<input>'}:${line}: ${problem}. ${fix}`);
    this.name = 'ContentError';
  }
}
