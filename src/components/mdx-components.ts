import Callout from './Callout.astro';
import Details from './Details.astro';
import LinkCard from './LinkCard.astro';

/**
 * The components a note's MDX can use without importing them: the remark plugins emit them for
 * Zenn syntax, and authors may write them by hand. The note page and the tests pass this map.
 */
export const mdxComponents = { Callout, Details, LinkCard };
