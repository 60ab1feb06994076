import type * as z from '../../../domain/zod.js';
import type { FieldIssue } from '../../../domain/errors.js';

/** Zod issues as field/rule pairs, with paths like `items/0/quantity` and unknown keys named one by one. */
export const toFieldIssues = (error: z.$ZodError, root?: string): FieldIssue[] =>
  error.issues.flatMap((issue) => {
    const path = [...(root ? [root] : []), ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key].join('/'), rule: 'is not a known field' }));
    }
    // A record's refused key: its key schema's own words say why, not zod's "Invalid key in record".
    if (issue.code === 'invalid_key') {
      return issue.issues.map((inner) => ({ field: path.join('/'), rule: inner.message }));
    }
    // A missing field reads better as "is required" than as a type error about `undefined`.
    const missing = issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;
    return [{ field: path.join('/') || '(body)', rule: missing ? 'is required' : issue.message }];
  });
