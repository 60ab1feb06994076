import { createHash } from 'node:crypto';
import { escapeHtml } from '../../domain/notifications/html.js';

/**
 * The buyer pages' one layout: a tiny server-rendered page with no script, no image and nothing from
 * another origin, every string escaped, readable on a phone. Its only style sheet is inline, allowed
 * by its hash in the Content-Security-Policy, so nothing injected could style or script the page.
 */
const STYLE = [
  'body{margin:0;padding:16px;background:#f4f4f4;color:#1a1a1a;font:16px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Hiragino Sans","Noto Sans CJK JP","Microsoft YaHei",sans-serif}',
  'main{max-width:560px;margin:0 auto;padding:20px;background:#fff;border-radius:8px}',
  'h1{font-size:1.3em;margin:0 0 16px}',
  'blockquote{margin:0 0 16px;padding:8px 12px;border-left:3px solid #ccc;background:#fafafa;white-space:pre-wrap;overflow-wrap:anywhere}',
  'dl{display:grid;grid-template-columns:auto 1fr;gap:4px 16px}dt{color:#555}dd{margin:0}',
  'label{display:block;font-weight:600;margin-bottom:4px}',
  'textarea{box-sizing:border-box;width:100%;min-height:10em;font:inherit;padding:8px}',
  'button{font:inherit;padding:12px 20px;min-height:48px;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}',
  '.hint{color:#555;font-size:.9em}.error{border-left:4px solid #b00020;padding-left:12px}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** No script, no frame, no other origin; forms post back to this API only. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  // The link carries its token: it must not leak to another site as a Referer.
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

export type PagePart =
  | { type: 'paragraph'; text: string; role?: 'error' }
  | { type: 'quote'; label: string; text: string }
  | { type: 'facts'; rows: readonly (readonly [string, string])[] }
  | {
      type: 'form';
      token: string;
      button: string;
      reply?: { label: string; hint: string; maxLength: number };
    };

const part = (p: PagePart): string => {
  switch (p.type) {
    case 'paragraph':
      return p.role === 'error'
        ? `<p class="error" role="alert">${escapeHtml(p.text)}</p>`
        : `<p>${escapeHtml(p.text)}</p>`;
    case 'quote':
      return `<p><strong>${escapeHtml(p.label)}</strong></p><blockquote>${escapeHtml(p.text)}</blockquote>`;
    case 'facts':
      return `<dl>${p.rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
    case 'form': {
      const reply = p.reply
        ? `<p><label for="body">${escapeHtml(p.reply.label)}</label>` +
          `<textarea id="body" name="body" required maxlength="${p.reply.maxLength}" aria-describedby="hint"></textarea>` +
          `<span id="hint" class="hint">${escapeHtml(p.reply.hint)}</span></p>`
        : '';
      // Relative: the page is served at <base>/v1/buyer/links, whatever the stage prefix is.
      return (
        `<form method="post" action="links">${reply}` +
        `<input type="hidden" name="token" value="${escapeHtml(p.token)}">` +
        `<p><button type="submit">${escapeHtml(p.button)}</button></p></form>`
      );
    }
  }
};

export interface Page {
  lang: string;
  title: string;
  heading: string;
  parts: readonly PagePart[];
}

export const renderPage = (page: Page): string =>
  [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>`,
    `<body><main><h1>${escapeHtml(page.heading)}</h1>`,
    ...page.parts.map(part),
    '</main></body></html>',
  ].join('\n');
