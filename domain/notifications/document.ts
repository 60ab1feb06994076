/**
 * The shape every e-mail shares, filled with plain strings. The layouts (html.ts, text.ts) are the only
 * code that turns it into markup, and they escape every string, so no phrase or value can inject HTML.
 */
export type Fact = readonly [label: string, value: string];

export type Block =
  | { type: 'paragraph'; text: string }
  /** Label/value rows; `total` is set apart below them; `numeric` right-aligns the values. */
  | { type: 'facts'; title?: string; rows: readonly Fact[]; total?: Fact; numeric?: boolean }
  /** Words written by a person (a buyer's or seller's comment), kept exactly as written. */
  | { type: 'quote'; label: string; text: string }
  | { type: 'link'; label: string; href: string }
  | { type: 'address'; label: string; lines: readonly string[] };

export interface EmailDocument {
  /** The BCP 47 tag of the texts. */
  lang: string;
  subject: string;
  heading: string;
  greeting: string;
  blocks: readonly Block[];
  footer: string;
  /** Between a label and its value: ": " in Latin scripts, "：" in Chinese and Japanese. */
  separator: string;
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });

/** Subjects are one line, whatever the data held. */
export const singleLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
