import type { Problem } from '../api/client.js';

/** Each failing field's rule, by the field's path as the API names it (`lines/0/grade`). */
export type FieldErrors = Record<string, string>;

export const fieldErrorsOf = (problem: Problem | undefined): FieldErrors =>
  Object.fromEntries((problem?.errors ?? []).map(({ field, rule }) => [field, rule]));

/** The same shape from a zod issue list, so the console's own check and the API's refusals show alike. */
export const fieldErrorsOfIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  Object.fromEntries(issues.map((issue) => [issue.path.map(String).join('/'), issue.message])) as FieldErrors;

/** The errors no field on the form shows, so that none is lost. */
export const unplacedErrors = (errors: FieldErrors, placed: readonly string[]): [string, string][] =>
  Object.entries(errors).filter(([field]) => !placed.includes(field));
