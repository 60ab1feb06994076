import type { Block, EmailDocument } from './document.js';

const block = (b: Block, sep: string): string => {
  switch (b.type) {
    case 'paragraph':
      return b.text;
    case 'facts': {
      const rows = b.rows.map(([label, value]) => `${label}${sep}${value}`);
      if (b.total) rows.push(`${b.total[0]}${sep}${b.total[1]}`);
      return [...(b.title ? [b.title] : []), ...rows].join('\n');
    }
    case 'quote':
      // Verbatim: a person's words are not re-wrapped or prefixed.
      return `${b.label}${sep.trimEnd()}\n${b.text}`;
    case 'link':
      return `${b.label}${sep.trimEnd()}\n${b.href}`;
    case 'address':
      return [`${b.label}${sep.trimEnd()}`, ...b.lines].join('\n');
  }
};

/** The plain-text part: the same blocks as the HTML, separated by blank lines. */
export const renderText = (doc: EmailDocument): string =>
  [doc.heading, doc.greeting, ...doc.blocks.map((b) => block(b, doc.separator)), `--\n${doc.footer}`].join(
    '\n\n',
  ) + '\n';
