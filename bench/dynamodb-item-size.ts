/**
 * DynamoDB's item-size rules, on items in the wire format (`{ "S": "…" }`), as DynamoDB bills them:
 * an attribute costs its name's UTF-8 bytes plus its value's size; see "Item sizes and formats" in the
 * DynamoDB developer guide.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: Binary }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Binary[] }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> };

export type Item = Record<string, AttributeValue>;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Base64 on the wire (the JSON protocol), bytes from the SDK; DynamoDB counts the raw bytes. */
type Binary = string | Uint8Array;
const binary = (value: Binary): number =>
  typeof value === 'string' ? Buffer.from(value, 'base64').length : value.length;

/** One byte per two significant digits (leading and trailing zeroes trimmed), plus one byte. */
export const numberSize = (text: string): number => {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
};

/** A list or a map costs 3 bytes, plus 1 byte per element, plus its elements. */
const CONTAINER_BYTES = 3;

export const valueSize = (value: AttributeValue): number => {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return binary(value.B);
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if ('NS' in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ('BS' in value) return value.BS.reduce((sum, b) => sum + binary(b), 0);
  if ('L' in value) return value.L.reduce((sum, v) => sum + 1 + valueSize(v), CONTAINER_BYTES);
  return Object.entries(value.M).reduce(
    (sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v),
    CONTAINER_BYTES,
  );
};

/** The bytes DynamoDB bills for an item: every attribute's name plus its value. */
export const itemSize = (item: Item): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
