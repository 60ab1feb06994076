import { config } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * zod, as every schema imports it: `import * as z from './zod.js'`. It is zod/mini, the tree-shakable
 * build (classic zod puts every method on every schema, so a bundle carries all of it, about 440 KB),
 * with the English messages classic zod registers by itself: the API's problem details quote them as
 * rules. Only that locale is bundled.
 */
config(en());

export * from 'zod/mini';
/** The class of every parse error, for `instanceof`; reached as `z.core.$ZodError`, it would bundle all of core's locales. */
export { $ZodError } from 'zod/v4/core';
