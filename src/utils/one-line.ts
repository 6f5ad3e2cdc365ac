/** Text on one line: each run of white space (line breaks, tabs, U+3000) as one space, none at the ends. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
