/**
 * DynamoDB's item size rules (developer guide, "Item sizes and formats"), for pricing reads and writes
 * from real stored items: names and strings by their UTF-8 bytes, numbers by their significant digits,
 * binaries by their bytes, lists and maps 3 bytes plus 1 per element.
 */
const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

const numberSize = (n: number): number => {
  const digits = String(Math.abs(n)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
};

export const valueSize = (value: unknown): number => {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return numberSize(value);
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + valueSize(v) + 1, 0);
  if (typeof value === 'object') return 3 + itemBodySize(value as Record<string, unknown>, 1);
  throw new TypeError(`no DynamoDB size for ${typeof value}`);
};

const itemBodySize = (item: Record<string, unknown>, perAttribute: number): number =>
  Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .reduce((sum, [name, v]) => sum + utf8(name) + valueSize(v) + perAttribute, 0);

const sizes = new WeakMap<Record<string, unknown>, number>();

/** The stored size of an item in bytes (top-level attributes carry no per-element byte); items are not mutated. */
export const itemSize = (item: Record<string, unknown>): number => {
  let size = sizes.get(item);
  if (size === undefined) sizes.set(item, (size = itemBodySize(item, 0)));
  return size;
};

const KB = 1024;

/** Write capacity units of writing an item of `bytes`: 1 per started KB. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / KB));

/** Read capacity units of reading `bytes` in one request: 1 per started 4 KB, half when eventually consistent. */
export const readUnits = (bytes: number, consistent: boolean): number =>
  Math.max(1, Math.ceil(bytes / (4 * KB))) * (consistent ? 1 : 0.5);
