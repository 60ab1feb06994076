import * as z from './zod.js';

/** Free text from buyers and integrations: bounded, stored and echoed verbatim, never interpreted. */
export const text = (maxLength: number) =>
  z.string().check(z.maxLength(maxLength, `must be at most ${maxLength} characters`));
