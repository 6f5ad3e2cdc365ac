import type { Extension as FromMarkdownExtension, CompileContext, Token as MdastToken } from 'mdast-util-from-markdown';
import { asciiDigit, markdownLineEnding, markdownSpace, unicodeWhitespace } from 'micromark-util-character';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

/**
 * Zenn's `$` math as a micromark extension, with the rules of zenn-markdown-html's `md-katex.ts`
 * (forked from markdown-it-texmath), so the same text is math here as on Zenn:
 *
 * ```md
 * 面積は $\pi r^2$ です            →  inline math "\pi r^2"
 * $5 and $10 / 3$ あげる          →  text: no "$" right after a digit opens math, and a "$" before a
 *                                    digit does not close it ("3$", "$10" are prices)
 * $ x$  $x $  \$x$                →  text: math starts and ends with a non-space, "\$" is a dollar
 * 文中の $$\sum_i x_i$$           →  display math inside the paragraph
 * $$                              →  a display block (lines up to the closing "$$"; the block holds
 * \frac{1}{2}                        no "$"), optionally numbered: "$$ … $$ (1)"
 * $$
 * ```
 *
 * Inline math stays on one line; a block cannot interrupt a paragraph (as on Zenn, it then reads
 * as inline display math). What a construct consumes is never seen by other constructs, so in MDX
 * the braces of `\frac{1}{2}` are TeX, not expressions.
 */
export function zennMath(): Extension {
  return {
    flow: { [dollar]: [mathFlow] },
    text: { [dollar]: [mathTextDouble, mathTextSingle] },
  };
}

/** The math node in the Markdown tree: `inline` math sits in a paragraph, `display` renders as a block. */
export interface ZennMathNode {
  type: 'zennMath';
  value: string;
  /** Written as a block (`$$` at the start of a line, closed by `$$`). */
  block: boolean;
  /** Rendered in display style (centered, full size): blocks and `$$…$$` in text. */
  display: boolean;
  /** The equation number after a block: `$$ … $$ (1)` → "1". */
  label?: string;
  /** Text after the closing `$$` on its line (Zenn drops it; we refuse it). */
  trailing?: string;
  data?: { rendered?: import('hast').ElementContent[] };
  position?: import('mdast').Node['position'];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    zennMath: ZennMathNode;
  }
  interface BlockContentMap {
    zennMath: ZennMathNode;
  }
  interface RootContentMap {
    zennMath: ZennMathNode;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    zennMathText: 'zennMathText';
    zennMathTextSequence: 'zennMathTextSequence';
    zennMathTextData: 'zennMathTextData';
    zennMathFlow: 'zennMathFlow';
    zennMathFlowSequence: 'zennMathFlowSequence';
    zennMathFlowValue: 'zennMathFlowValue';
    zennMathFlowLabel: 'zennMathFlowLabel';
    zennMathFlowTrailing: 'zennMathFlowTrailing';
  }
}

const dollar = 36; // $
const backslash = 92;
const leftParen = 40;
const rightParen = 41;
/** `](http`: markdown-it-texmath's guard against `[$x](https://…/$y)` becoming math. */
const linkStart = [93, 40, 104, 116, 116, 112];

const isWhitespace = (code: Code) => code === null || unicodeWhitespace(code);

/** md-katex's pre-condition: no backslash or digit right before the opening `$`. */
function canOpen(previous: Code) {
  return previous !== backslash && !asciiDigit(previous);
}

/** Whether the codes seen so far end with `](http`. */
const endsWithLinkStart = (seen: Code[]) =>
  seen.length >= linkStart.length && linkStart.every((code, i) => seen[seen.length - linkStart.length + i] === code);

/**
 * `$…$`: the regex `\$((?:\S)|(?:\S(?![^$]*\]\(http.*).*?\S))\$` with md-katex's pre- and
 * post-conditions: content starts and ends with a non-space, stays on the line, is the shortest
 * such run, and is followed by a non-digit.
 */
const mathTextSingle: Construct = { name: 'zennMathTextSingle', tokenize: tokenizeText(1) };
/** `$$…$$` inside a paragraph: the same with two dollars each side (md-katex's `math_inline_double`). */
const mathTextDouble: Construct = { name: 'zennMathTextDouble', tokenize: tokenizeText(2) };

function tokenizeText(dollars: 1 | 2) {
  return function (this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const seen: Code[] = [];
    let sawDollar = false;
    let previous: Code = null;
    let opened = 0;
    let closed = 0;
    const start: State = (code) => {
      if (code !== dollar || !canOpen(this.previous)) return nok(code);
      effects.enter('zennMathText');
      effects.enter('zennMathTextSequence');
      return opening(code);
    };
    const opening: State = (code) => {
      if (code === dollar && opened < dollars) {
        opened++;
        effects.consume(code);
        return opening;
      }
      effects.exit('zennMathTextSequence');
      if (isWhitespace(code) || markdownLineEnding(code)) return nok(code);
      effects.enter('zennMathTextData');
      return content(code);
    };
    const content: State = (code) => {
      if (code === null || markdownLineEnding(code)) return nok(code);
      if (code === dollar && seen.length > 0 && !isWhitespace(previous)) {
        // The first "$" after a non-space closes (the regex is lazy); with two dollars, "$$".
        if (dollars === 1) return closing(code);
        return effects.check(doubleDollar, closing, inContent)(code);
      }
      return inContent(code);
    };
    const inContent: State = (code) => {
      if (code === dollar) sawDollar = true;
      seen.push(code);
      // `(?![^$]*\]\(http)` (single) looks up to the next "$"; `(?!.*\]\(http)` (double) to the line's end.
      if ((dollars === 2 || !sawDollar) && endsWithLinkStart(seen)) return nok(code);
      previous = code;
      effects.consume(code);
      return content;
    };
    const closing: State = (code) => {
      if (closed === 0) {
        effects.exit('zennMathTextData');
        effects.enter('zennMathTextSequence');
      }
      if (code === dollar && closed < dollars) {
        closed++;
        effects.consume(code);
        return closing;
      }
      effects.exit('zennMathTextSequence');
      // md-katex's post-condition: no digit right after the closing "$" ("$5 … 3$10").
      if (asciiDigit(code)) return nok(code);
      effects.exit('zennMathText');
      if (dollars === 2 && seen.length > 1) return effects.check(noLinkUntilLineEnd, ok, nok)(code);
      return ok(code);
    };
    return start;
  };
}

/** Two dollars in a row (checked, not kept). */
const doubleDollar: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    let count = 0;
    const more: State = (code) => {
      if (code === dollar && count < 2) {
        count++;
        effects.consume(code);
        return more;
      }
      return count === 2 ? ok(code) : nok(code);
    };
    return more;
  },
};

/** No `](http` between here and the end of the line (checked, not kept). */
const noLinkUntilLineEnd: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    const seen: Code[] = [];
    const more: State = (code) => {
      if (code === null || markdownLineEnding(code)) return ok(code);
      seen.push(code);
      if (endsWithLinkStart(seen)) return nok(code);
      effects.consume(code);
      return more;
    };
    return more;
  },
};

/**
 * `$$ … $$` at the start of a line: md-katex's block rules `\$\$([^$]+?)\$\$` and, numbered,
 * `… \$\$\s*?\(([^)\s]+?)\)`. The content may span lines and holds no "$". Text after the closing
 * `$$` on its line is kept as `trailing`, for the plugin to refuse.
 */
const mathFlow: Construct = { name: 'zennMathFlow', tokenize: tokenizeFlow, concrete: true };

function tokenizeFlow(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- micromark passes the context as `this`
  const self = this;
  let size = 0;
  /** Characters between the dollars, line endings included: `[^$]+?` needs one. */
  let length = 0;
  const start: State = (code) => {
    // As on Zenn, a block does not interrupt a paragraph: "text\n$$x$$" is inline display math.
    if (self.interrupt || code !== dollar) return nok(code);
    effects.enter('zennMathFlow');
    effects.enter('zennMathFlowSequence');
    return opening(code);
  };
  const opening: State = (code) => {
    if (code === dollar && size < 2) {
      size++;
      effects.consume(code);
      return opening;
    }
    effects.exit('zennMathFlowSequence');
    if (size < 2 || code === dollar) return nok(code);
    return lineStart(code);
  };
  const lineStart: State = (code) => {
    if (code === null) return nok(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, lineEnding, nok)(code);
    if (code === dollar) return close(code);
    effects.enter('zennMathFlowValue');
    return value(code);
  };
  const value: State = (code) => {
    if (code === null || markdownLineEnding(code) || code === dollar) {
      effects.exit('zennMathFlowValue');
      return lineStart(code);
    }
    length++;
    effects.consume(code);
    return value;
  };
  const lineEnding: State = (code) => {
    length++;
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return lineStart;
  };
  let closing = 0;
  const close: State = (code) => {
    if (closing === 0) effects.enter('zennMathFlowSequence');
    if (code === dollar && closing < 2) {
      closing++;
      effects.consume(code);
      return close;
    }
    effects.exit('zennMathFlowSequence');
    // "$" alone inside the block: md-katex's `[^$]+?` fails, and the lines stay a paragraph.
    if (closing < 2 || length === 0) return nok(code);
    return afterClose(code);
  };
  const afterClose: State = (code) => {
    if (markdownSpace(code)) {
      effects.consume(code);
      return afterClose;
    }
    if (code === leftParen) return effects.attempt(equationLabel, trailing, trailing)(code);
    return trailing(code);
  };
  const trailing: State = (code) => {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('zennMathFlow');
      return ok(code);
    }
    effects.enter('zennMathFlowTrailing');
    return trailingRest(code);
  };
  const trailingRest: State = (code) => {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('zennMathFlowTrailing');
      effects.exit('zennMathFlow');
      return ok(code);
    }
    effects.consume(code);
    return trailingRest;
  };
  return start;
}

/** `(1)` after a block: a label of non-space characters other than ")". */
const equationLabel: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    let size = 0;
    const open: State = (code) => {
      effects.consume(code); // (
      effects.enter('zennMathFlowLabel');
      return label;
    };
    const label: State = (code) => {
      if (code === rightParen && size > 0) {
        effects.exit('zennMathFlowLabel');
        effects.consume(code);
        return ok;
      }
      if (code === null || code === rightParen || isWhitespace(code) || markdownLineEnding(code)) return nok(code);
      size++;
      effects.consume(code);
      return label;
    };
    return open;
  },
};

/** The next line belongs to the same container (not a lazy blockquote or list line). */
const nonLazyLine: Construct = {
  partial: true,
  tokenize(this: TokenizeContext, effects, ok, nok) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- micromark passes the context as `this`
    const self = this;
    return (code) => {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return (next) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next));
    };
  },
};

/** Builds `zennMath` nodes from the tokens above. */
export function zennMathFromMarkdown(): FromMarkdownExtension {
  const node = (context: CompileContext) => context.stack[context.stack.length - 1] as unknown as ZennMathNode;
  function data(this: CompileContext, token: MdastToken) {
    this.config.enter.data!.call(this, token);
    this.config.exit.data!.call(this, token);
  }
  return {
    enter: {
      zennMathText(token) {
        this.enter({ type: 'zennMath', value: '', block: false, display: false } as never, token);
        this.buffer();
      },
      zennMathTextSequence(token) {
        const math = this.stack[this.stack.length - 2] as unknown as ZennMathNode;
        if (this.sliceSerialize(token).length === 2) math.display = true;
      },
      zennMathFlow(token) {
        this.enter({ type: 'zennMath', value: '', block: true, display: true } as never, token);
        this.buffer();
      },
    },
    exit: {
      zennMathTextData: data,
      zennMathText(token) {
        const value = this.resume();
        node(this).value = value;
        this.exit(token);
      },
      zennMathFlowValue: data,
      zennMathFlowLabel(token) {
        (this.stack[this.stack.length - 2] as unknown as ZennMathNode).label = this.sliceSerialize(token);
      },
      zennMathFlowTrailing(token) {
        (this.stack[this.stack.length - 2] as unknown as ZennMathNode).trailing = this.sliceSerialize(token);
      },
      zennMathFlow(token) {
        const value = this.resume();
        node(this).value = value;
        this.exit(token);
      },
    },
  };
}
