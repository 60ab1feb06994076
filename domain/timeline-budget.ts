import { TIMELINE_BUDGET_BYTES, jsonBytes } from './return-size.js';
import type { TimelineEntry } from './return.js';

/**
 * Entries the product reads back, never dropped: the first (the creation and its decision), the carrier
 * event that delivered the parcel (when the delivery happened), and each RETRY (a retry's run is named
 * after how many came before it).
 */
const isPinned = (entry: TimelineEntry, index: number): boolean =>
  index === 0 ||
  entry.type === 'RETRY' ||
  (entry.type === 'TRACKING_EVENT' && entry.to === 'DELIVERED' && entry.from !== 'DELIVERED');

/** Carrier events that changed no status go first: carriers send them by the thousand. */
const evictionRank = (entry: TimelineEntry): number =>
  entry.type === 'TRACKING_EVENT' && entry.from === entry.to ? 0 : 1;

/**
 * The timeline as the return keeps it inline: within TIMELINE_BUDGET_BYTES, by dropping the oldest
 * entries that are not pinned, carrier events that moved nothing before anything else. `dropped` counts
 * them, for the return's `timelineDropped`. Unchanged (and cheap) while under budget.
 */
export function boundTimeline(timeline: readonly TimelineEntry[]): {
  timeline: TimelineEntry[];
  dropped: number;
} {
  let size = jsonBytes(timeline);
  if (size <= TIMELINE_BUDGET_BYTES) return { timeline: [...timeline], dropped: 0 };
  const candidates = [...timeline.keys()]
    .filter((i) => !isPinned(timeline[i]!, i))
    .sort((a, b) => evictionRank(timeline[a]!) - evictionRank(timeline[b]!) || a - b);
  const drop = new Set<number>();
  for (const i of candidates) {
    if (size <= TIMELINE_BUDGET_BYTES) break;
    size -= jsonBytes(timeline[i]) + 1; // and its comma
    drop.add(i);
  }
  return { timeline: timeline.filter((_, i) => !drop.has(i)), dropped: drop.size };
}
