import { checkFrozen } from '../../../domain/events/event-snapshot.js';
import { DEFAULT_REMINDER_LEAD, type ReminderLead } from '../../../domain/deadlines/reminder.js';
import { ReturnSchema, type Outbox, type Return } from '../../../domain/return.js';
import { packJson, unpackJson } from './packed-json.js';
import { ENTITY_ATTRIBUTE, returnItemKeys, withoutStorageAttributes, type Entity } from './table-design.js';

type Item = Record<string, unknown>;

/**
 * What stays a plain attribute of a stored return: what an expression or a projection names (the ids the
 * tracking, sweeper and pending-events indexes carry and the stream's dispatcher reads, the version every
 * write is conditional on), and the status and time a person reading the table looks for first. The
 * outbox is a map of its own, its counters plain (a drain is conditional on one) and its pending events
 * packed apart (a drain rewrites them in place).
 */
const PLAIN = ['sellerId', 'id', 'version', 'status', 'updatedAt'] as const;
/** The rest of the aggregate, its JSON deflated (packed-json.ts). */
export const PACKED_ATTRIBUTE = 'packed';

/**
 * A return as one item, its bulk (timeline, decision, refund, label, task tokens) packed into one binary
 * attribute. DynamoDB bills writes by the KB of the whole item, and a drain or a change rewrites it all:
 * a completed return is about 8 KB of JSON and under 2 KB deflated, so each of its dozen writes costs
 * about a third of the units. No index projects the packed part, so none grows with it.
 */
export const returnItem = (ret: Return, lead: ReminderLead = DEFAULT_REMINDER_LEAD): Item => {
  checkFrozen(ret);
  const { outbox, ...aggregate } = ret;
  const plain: Item = {};
  const rest: Item = {};
  for (const [name, value] of Object.entries(aggregate)) {
    if (value === undefined) continue;
    ((PLAIN as readonly string[]).includes(name) ? plain : rest)[name] = value;
  }
  return {
    ...plain,
    ...(outbox ? { outbox: { ...outbox, pending: packedPending(outbox.pending) } } : {}),
    [PACKED_ATTRIBUTE]: packJson(rest),
    ...returnItemKeys(ret, lead),
    [ENTITY_ATTRIBUTE]: 'RETURN' satisfies Entity,
  };
};

/** The return a stored item holds: its plain attributes and its packed rest, checked by the schema. */
export const returnOfItem = (item: Item): Return => {
  const what = `return item ${String(item.pk)}`;
  const { [PACKED_ATTRIBUTE]: packed, outbox, ...plain } = withoutStorageAttributes(item);
  const rest = unpackJson(packed, what) as Item;
  const stored = outbox as (Omit<Outbox, 'pending'> & { pending: unknown }) | undefined;
  return ReturnSchema.parse({
    ...rest,
    ...plain,
    ...(stored ? { outbox: { ...stored, pending: unpackJson(stored.pending, `${what}'s outbox`) } } : {}),
  });
};

/** The outbox's pending events as stored: packed, as the repository writes them and a drain rewrites them. */
export const packedPending = (pending: Outbox['pending']): Uint8Array => packJson(pending);
