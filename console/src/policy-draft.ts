import type { StoredPolicy } from './api/client.js';

/** A policy being edited: the stored policy without what the store adds, numbers kept as typed. */
export type PolicyDraft = Record<string, unknown>;

export const draftOf = ({ sellerId: _s, version: _v, updatedAt: _u, ...policy }: StoredPolicy): PolicyDraft =>
  structuredClone(policy);

export const valueAt = (draft: unknown, path: string): unknown =>
  path.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], draft);

/** A copy of `draft` with `value` at `path`; `undefined` removes an optional field. */
export const withValueAt = (draft: PolicyDraft, path: string, value: unknown): PolicyDraft => {
  const next = structuredClone(draft);
  const keys = path.split('/');
  const last = keys.pop()!;
  const parent = keys.reduce<Record<string, unknown>>(
    (node, key) => node[key] as Record<string, unknown>,
    next,
  );
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return next;
};

/** What a number field holds: a whole number when it reads as one, else the text, for the schema to refuse. */
export const numberOrText = (text: string): number | string =>
  /^-?\d+$/.test(text.trim()) ? Number(text) : text;
