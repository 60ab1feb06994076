import * as z from './zod.js';

/** `__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...: what every plain object inherits. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const PROTOTYPE_KEY_RULE =
  'must not be named like a member of Object.prototype (__proto__, constructor, toString, ...)';

export const isPrototypeKeyName = (name: string): boolean => PROTOTYPE_NAMES.has(name);

/**
 * A key a caller names (a policy's categories): never one an object lookup would find on its prototype,
 * and never `__proto__`, which an assignment would turn into the object's prototype.
 */
export const callerKey = (maxLength: number) =>
  z
    .string()
    .check(z.minLength(1, 'must not be empty'))
    .check(z.maxLength(maxLength, `must be at most ${maxLength} characters`))
    .check(z.refine((name) => !isPrototypeKeyName(name), PROTOTYPE_KEY_RULE));

/**
 * The paths (`returnWindowDays/__proto__`) of every key in parsed JSON named like a member of
 * Object.prototype. Needed besides `callerKey` because zod never shows a record's `__proto__` key to its
 * key schema: it drops it. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function prototypeKeyPaths(json: unknown): string[] {
  // A path is kept as a chain to its parent, and only spelled out for a key that is found.
  type Path = { key: string; parent: Path | undefined } | undefined;
  const spell = (path: Path): string => {
    const keys: string[] = [];
    for (let at = path; at; at = at.parent) keys.unshift(at.key);
    return keys.join('/');
  };
  const found: string[] = [];
  const pending: Array<{ value: unknown; path: Path }> = [{ value: json, path: undefined }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = { key, parent: path };
      if (!Array.isArray(value) && isPrototypeKeyName(key)) found.push(spell(childPath));
      pending.push({ value: child, path: childPath });
    }
  }
  return found.sort();
}
