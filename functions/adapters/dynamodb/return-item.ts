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
 * outbox keeps its counters plain (a drain is conditional on one); its pending events are packed with
 * the rest, where a frozen event's snapshot of an earlier version deflates against the aggregate itself.
 */
const PLAIN = ['sellerId', 'id', 'version', 'status', 'updatedAt'] as const;
/** The rest of the aggregate, with the outbox's pending events, its JSON deflated (packed-json.ts). */
export const PACKED_ATTRIBUTE = 'packed';

type PlainOutbox = Omit<Outbox, 'pending'>;
interface Packed {
  rest: Item;
  pending?: Outbox['pending'];
}

/** The packed attribute of a return: what `returnItem` stores, and what a drain rewrites. */
export const packedReturn = (ret: Return): Uint8Array => {
  const rest: Item = {};
  for (const [name, value] of Object.entries(ret)) {
    if (value === undefined || name === 'outbox' || (PLAIN as readonly string[]).includes(name)) continue;
    rest[name] = value;
  }
  const packed: Packed = { rest, ...(ret.outbox ? { pending: ret.outbox.pending } : {}) };
  return packJson(packed);
};

/**
 * A return as one item, its bulk (timeline, decision, refund, label, task tokens, pending events) packed
 * into one binary attribute. DynamoDB bills writes by the KB of the whole item, and a drain or a change
 * rewrites it all: a completed return of the cost bench is about 6 KB of JSON and 2 KB deflated, so each
 * of its dozen writes costs about a third of the units. No index projects the packed part.
 */
export const returnItem = (ret: Return, lead: ReminderLead = DEFAULT_REMINDER_LEAD): Item => {
  checkFrozen(ret);
  const plain: Item = {};
  for (const name of PLAIN) if (ret[name] !== undefined) plain[name] = ret[name];
  const outbox: PlainOutbox | undefined = ret.outbox && {
    lastSequence: ret.outbox.lastSequence,
    drains: ret.outbox.drains,
  };
  return {
    ...plain,
    ...(outbox ? { outbox } : {}),
    [PACKED_ATTRIBUTE]: packedReturn(ret),
    ...returnItemKeys(ret, lead),
    [ENTITY_ATTRIBUTE]: 'RETURN' satisfies Entity,
  };
};

/** The return a stored item holds: its plain attributes and its packed rest, checked by the schema. */
export const returnOfItem = (item: Item): Return => {
  const { [PACKED_ATTRIBUTE]: packed, outbox, ...plain } = withoutStorageAttributes(item);
  const { rest, pending } = unpackJson(packed, `return item ${String(item.pk)}`) as Packed;
  return ReturnSchema.parse({
    ...rest,
    ...plain,
    ...(outbox ? { outbox: { ...(outbox as PlainOutbox), pending } } : {}),
  });
};
