/** Something Markdown allows that MDX reads as JSX, found in an `.mdx` note before MDX fails on it. */
export interface MdxPitfall {
  line: number;
  problem: string;
  fix: string;
}

const rename = "or rename the note to .md (Zenn's Markdown, where it works as written)";

/**
 * Finds the Zenn/Markdown habits MDX cannot parse, outside code, with a fix an author can apply:
 *
 * ```md
 * <https://aws.amazon.com/>   →  line 3: an autolink … write [text](https://…) or the URL alone on a line
 * <!-- メモ -->                →  line 5: an HTML comment … write {/* メモ *\/}
 * ```
 *
 * `body` is the note's body with its frontmatter blanked (`frontmatter.ts`), so lines are the file's.
 * MDX's own errors for these ("Unexpected character `/` before local name") do not say what to do.
 */
export function mdxPitfalls(body: string): MdxPitfall[] {
  const found: MdxPitfall[] = [];
  const lines = body.split(/\r?\n/);
  let fence: string | undefined;
  lines.forEach((text, index) => {
    const line = index + 1;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && text.trim() === marker)
        fence = undefined;
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    const prose = text.replace(/(`+)[\s\S]*?\1/g, (code) => ' '.repeat(code.length));
    const autolink = /<(https?:\/\/[^\s>]+)>/.exec(prose);
    if (autolink) {
      found.push({
        line,
        problem: `"${autolink[0]}" is an autolink, which MDX reads as a tag`,
        fix: `Write [text](${autolink[1]}) or the URL alone on its own line (a link card), ${rename}`,
      });
    }
    if (prose.includes('<!--')) {
      found.push({
        line,
        problem: 'an HTML comment "<!-- … -->", which MDX does not have',
        fix: `Write {/* … */} instead, ${rename}`,
      });
    }
  });
  return found;
}
