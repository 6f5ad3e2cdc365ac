import type { VFile } from 'vfile';

/**
 * A mistake in a note that must stop the build. The message leads with `file:line` so editors
 * and terminals link straight to it, then says what is wrong and what to do.
 */
export class ContentError extends Error {
  constructor(file: Pick<VFile, 'path'> | string, line: number, problem: string, fix: string) {
    const path = typeof file === 'string' ? file : file.path;
    super(`${path || '<input>'}:${line}: ${problem}. ${fix}`);
    this.name = 'ContentError';
  }
}
