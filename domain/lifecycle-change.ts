import type { Return, Status } from './return.js';

/** What a lifecycle handler decides: the next status, the fields it changes, and why (for the timeline). */
export interface Change {
  to: Status;
  patch?: Partial<Return>;
  note?: string;
  data?: Record<string, unknown>;
}
