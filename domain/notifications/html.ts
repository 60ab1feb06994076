import { singleLine, type Block, type EmailDocument } from './document.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML element body or a double-quoted attribute value. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const isWebUrl = (href: string): boolean => /^https?:\/\//i.test(href);

/**
 * Declared on every element that holds text, not only on <body>: many mail clients drop <body>'s styles
 * and keep an element's inline ones.
 */
const FONT =
  "font-family:-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Hiragino Sans','Noto Sans CJK JP','Microsoft YaHei',sans-serif";
const P = `${FONT};margin:0 0 16px;line-height:1.5`;
const CELL = `${FONT};padding:4px 16px 4px 0;vertical-align:top`;

const factRow = ([label, value]: readonly [string, string], numeric: boolean, total: boolean): string => {
  const weight = total ? 'font-weight:600;border-top:1px solid #ddd;' : '';
  const align = numeric ? 'text-align:right;white-space:nowrap;' : '';
  return (
    `<tr><th scope="row" style="${CELL};${weight}text-align:left;font-weight:${total ? 600 : 400};color:#555">` +
    `${escapeHtml(label)}</th><td style="${CELL};${weight}${align}">${escapeHtml(value)}</td></tr>`
  );
};

const block = (b: Block, sep: string): string => {
  switch (b.type) {
    case 'paragraph':
      return `<p style="${P}">${escapeHtml(b.text)}</p>`;
    case 'facts': {
      const title = b.title ? `<p style="${P};font-weight:600">${escapeHtml(b.title)}</p>` : '';
      const rows = b.rows.map((r) => factRow(r, b.numeric ?? false, false));
      if (b.total) rows.push(factRow(b.total, b.numeric ?? false, true));
      return `${title}<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows.join('')}</table>`;
    }
    case 'quote':
      return (
        `<p style="${P};margin-bottom:4px;font-weight:600">${escapeHtml(b.label)}</p>` +
        `<blockquote style="${FONT};margin:0 0 16px;padding:8px 12px;border-left:3px solid #ccc;background:#fafafa;white-space:pre-wrap">${escapeHtml(b.text)}</blockquote>`
      );
    case 'link':
      // Only web links become anchors; anything else (javascript:, data:) is shown as inert text.
      return isWebUrl(b.href)
        ? `<p style="${P}"><a href="${escapeHtml(b.href)}" style="${FONT};display:inline-block;padding:10px 16px;background:#1f6feb;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(b.label)}</a></p>` +
            `<p style="${P};font-size:12px;color:#555;word-break:break-all">${escapeHtml(b.href)}</p>`
        : `<p style="${P}">${escapeHtml(`${b.label}${sep}${b.href}`)}</p>`;
    case 'address':
      return (
        `<p style="${P};margin-bottom:4px;font-weight:600">${escapeHtml(b.label)}</p>` +
        `<address style="${P};font-style:normal">${b.lines.map(escapeHtml).join('<br>')}</address>`
      );
  }
};

/** The one HTML layout: a single centred column with inline styles, as mail clients need. */
export const renderHtml = (doc: EmailDocument): string =>
  [
    '<!doctype html>',
    `<html lang="${escapeHtml(doc.lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(singleLine(doc.subject))}</title></head>`,
    `<body style="margin:0;padding:24px;background:#f4f4f4;color:#1a1a1a;${FONT};font-size:15px">`,
    '<div style="max-width:600px;margin:0 auto;padding:24px;background:#fff;border-radius:8px">',
    `<h1 style="${FONT};margin:0 0 16px;font-size:20px">${escapeHtml(doc.heading)}</h1>`,
    `<p style="${P}">${escapeHtml(doc.greeting)}</p>`,
    ...doc.blocks.map((b) => block(b, doc.separator)),
    `<p style="${FONT};margin:24px 0 0;padding-top:16px;border-top:1px solid #ddd;font-size:12px;color:#666">${escapeHtml(doc.footer)}</p>`,
    '</div></body></html>',
  ].join('\n');
