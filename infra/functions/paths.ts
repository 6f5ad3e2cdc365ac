import { fileURLToPath } from 'node:url';

/** The viewer-request function's source: deployed by the stack, run in node:vm by the tests. */
export const URL_REWRITE_FUNCTION_PATH = fileURLToPath(new URL('./url-rewrite.js', import.meta.url));
