import type { Money } from '../money.js';
import type { Block } from './document.js';
import type { Messages } from './messages.js';

/** The locale's phrases plus formatters bound to the reader's locale. */
export interface RenderContext {
  m: Messages;
  money(m: Money): string;
  date(isoDateOrDateTime: string): string;
  country(code: string): string;
}

/** What a builder makes of a notification, before the shared layout frames it. */
export interface RenderedBody {
  subject: string;
  heading: string;
  blocks: Block[];
}
