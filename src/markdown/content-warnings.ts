import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { toSlashPath } from '../utils/slash-path.ts';
import { ContentError } from './content-error.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { record } from './recorded.ts';

/**
 * Problems that Zenn renders in place (a formula KaTeX cannot typeset, an embed URL it answers
 * with 「…正しいURLを入力してください」, a missing image, a Mermaid diagram that does not parse, a
 * link to a heading that is not there): the page shows the problem where it is, and the build
 * goes on, listing every such warning with its `file:line` at the end. One slip in one note does
 * not stop a 300-note site from deploying. `NOTES_STRICT=1` turns each warning into the error it
 * would otherwise be (`siteConfig.strict`).
 *
 * What Zenn itself refuses (broken frontmatter, `<script>`, a `javascript:` link, a dead link to
 * another page, two files on one URL) is a `ContentError` and always stops the build.
 */
export interface ContentWarning {
  /** The note's file, relative to the project root (or as the build knows it). */
  file: string;
  /** 1-based line in the file, when the problem has one. */
  line?: number;
  /** What is wrong, then how to fix it. */
  problem: string;
  fix: string;
}

/** A problem found by a Markdown plugin, at a line of the text the plugin was given. */
interface WarningAt {
  line: number;
  problem: string;
  fix: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Problems shown in place on this note's page (`warnInPlace`), gathered by `rehypeContentWarnings`. */
    contentWarnings: WarningAt[];
  }
}

/**
 * Records a problem the page shows in place. The plugin renders what Zenn renders (the caller's
 * job); this only makes sure the author hears of it, at `file:line`.
 */
export function warnInPlace(file: VFile, line: number, problem: string, fix: string): void {
  (file.data.contentWarnings ??= []).push({ line, problem, fix });
}

/**
 * What a page shows where a problem is, in the words Zenn uses (「YouTubeのvideoIDが不正です」),
 * with what the author wrote under it, so nothing is lost:
 *
 * ```html
 * <p class="content-problem" role="note"><span class="content-problem-message">YouTubeのvideoIDが不正です</span>
 *   <code>@[youtube](bad id)</code></p>
 * ```
 *
 * Marked for the eye (colour and a border, light and dark) and for search (not indexed).
 */
export function inPlaceProblem(
  tagName: 'p' | 'span' | 'div',
  message: string,
  written?: ElementContent | string,
): Element {
  return h(`${tagName}.content-problem`, { role: 'note', dataPagefindIgnore: 'all' }, [
    h('span.content-problem-message', message),
    ...(written === undefined ? [] : [' ', typeof written === 'string' ? h('code', written) : written]),
  ]);
}

/** Every warning of one build, in the order found; the end of the build lists them. */
export class ContentWarnings {
  readonly #list: ContentWarning[] = [];
  readonly strict: boolean;
  constructor(strict: boolean) {
    this.strict = strict;
  }

  /** Adds a warning, or, in strict mode, stops the build with it as an error. */
  add(warning: ContentWarning): void {
    if (this.strict) throw new ContentError(warning.file, warning.line ?? 1, warning.problem, warning.fix);
    this.#list.push(warning);
  }

  list(): readonly ContentWarning[] {
    return this.#list;
  }
}

export interface RehypeContentWarningsOptions {
  root: string;
  warnings: ContentWarnings;
  /** A note's source as the build read it (the note index); when it has none, the file is read. */
  sourceOf?: (path: string) => string | undefined;
}

/**
 * The pipeline's last step: hands the note's warnings to the build's list with the file's own
 * line numbers (a `.md` note's text reaches the plugins without its frontmatter), and records
 * that the note has some, so a later build renders it again and reports them again.
 */
export function rehypeContentWarnings({ root, warnings, sourceOf = () => undefined }: RehypeContentWarningsOptions) {
  return (_tree: HastRoot, file: VFile) => {
    const found = file.data.contentWarnings;
    if (!found?.length) return;
    const offset = frontmatterOffset(file, sourceOf);
    const shown = file.path ? toSlashPath(relative(root, file.path)) : '<input>';
    for (const { line, problem, fix } of found) warnings.add({ file: shown, line: line + offset, problem, fix });
    record(file, { contentWarnings: found.length });
  };
}

/**
 * How many lines of the file come before the text the plugins saw: Astro hands a `.md` note's
 * body without its frontmatter; an `.mdx` note keeps its lines (the frontmatter blanked).
 */
function frontmatterOffset(file: VFile, sourceOf: (path: string) => string | undefined): number {
  const source = file.path ? (sourceOf(file.path) ?? readOrNone(file.path)) : undefined;
  if (source === undefined) return 0;
  const sourceLines = source.split(/\r?\n/).length;
  if (String(file.value).split(/\r?\n/).length >= sourceLines) return 0;
  try {
    return splitFrontmatter(source, file.path).frontmatterLines;
  } catch {
    return 0; // frontmatter never closed: the loader reports it
  }
}

function readOrNone(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `content/notes/a.md:12: problem. Fix` */
const describeWarning = ({ file, line, problem, fix }: ContentWarning) =>
  `${file}${line ? `:${line}` : ''}: ${problem}. ${fix}`;

/**
 * Lists the build's warnings together, last of all the build's steps (so the link check's are
 * among them). One list per `astro build` process: the content sync, which renders `.md` notes,
 * runs before `astro:build:start`, so the list is never reset.
 */
export function contentWarningsReport(warnings: ContentWarnings): AstroIntegration {
  return {
    name: 'aws-memo:content-warnings',
    hooks: {
      'astro:build:done': ({ logger }) => {
        // By file and line: notes render in parallel, so the order found says nothing.
        const list = [...warnings.list()].sort(
          (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0),
        );
        if (list.length === 0) return;
        logger.warn(
          `${list.length} problem(s) shown in place on their pages, as Zenn shows them (NOTES_STRICT=1 makes them stop the build):\n` +
            list.map((warning) => `  ${describeWarning(warning)}`).join('\n'),
        );
      },
    },
  };
}
