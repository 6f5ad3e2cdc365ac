import type { Paragraph, PhrasingContent } from 'mdast';

/** One source line of a paragraph: its inline nodes and its 1-based line number in the file. */
export interface ParagraphLine {
  nodes: PhrasingContent[];
  line: number;
}

/**
 * Splits a paragraph at its line breaks (soft and hard). Zenn's block syntax (`:::message`, a URL
 * alone on a line) is line-based, while Markdown folds adjacent lines into one paragraph, so the
 * plugins look at lines. Text nodes are cut at `\n`; other inline nodes stay whole.
 */
export function splitParagraphLines(paragraph: Paragraph): ParagraphLine[] {
  const firstLine = paragraph.position?.start.line ?? 1;
  const lines: ParagraphLine[] = [{ nodes: [], line: firstLine }];
  const newLine = () => lines.push({ nodes: [], line: firstLine + lines.length });
  for (const node of paragraph.children) {
    if (node.type === 'break') {
      newLine();
      continue;
    }
    if (node.type !== 'text') {
      lines.at(-1)!.nodes.push(node);
      continue;
    }
    node.value.split('\n').forEach((part, index) => {
      if (index > 0) newLine();
      if (part !== '') lines.at(-1)!.nodes.push({ type: 'text', value: part });
    });
  }
  return lines;
}

/** Joins lines back into one paragraph, with soft line breaks between them. */
export function paragraphFromLines(lines: ParagraphLine[]): Paragraph {
  const children: PhrasingContent[] = [];
  lines.forEach((line, index) => {
    if (index > 0) children.push({ type: 'text', value: '\n' });
    children.push(...line.nodes);
  });
  return {
    type: 'paragraph',
    children: mergeTexts(children),
    position: lines.length
      ? { start: { line: lines[0]!.line, column: 1 }, end: { line: lines.at(-1)!.line, column: 1 } }
      : undefined,
  };
}

function mergeTexts(nodes: PhrasingContent[]): PhrasingContent[] {
  const merged: PhrasingContent[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else merged.push(node);
  }
  return merged;
}
