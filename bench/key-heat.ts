/**
 * The key-heat model (issue 9, item 6): the table design's real key functions, driven with 1,000
 * creates/s and 5,000 carrier events/s where one seller has a 10% share, today and as the design was at
 * 1ca9778, side by side. Prints the busiest partition key value of the table and of each GSI in WCU/s
 * and RCU/s against DynamoDB's per-partition limits. `npx tsx bench/key-heat.ts`, or `npm run bench`.
 */
import { currentDesign, loadBeforeDesign } from './key-heat/designs.js';
import type { Busiest } from './key-heat/heat-map.js';
import { LIMITS, LOAD, buildCohort, modelKeyHeat, skuCounterLimits, type KeyHeat } from './key-heat/model.js';

const pct = (value: number, limit: number) => `${((100 * value) / limit).toFixed(0)}%`;
const short = (pk: string) => (pk.length > 44 ? `${pk.slice(0, 41)}...` : pk);

const figures = (t: Busiest) => ({
  'busiest by writes': short(t.write.pk),
  'WCU/s': Math.round(t.write.wcu),
  'of 1,000': pct(t.write.wcu, LIMITS.wcuPerSecond),
  'busiest by reads': short(t.read.pk),
  'RCU/s': Math.round(t.read.rcu),
  'of 3,000': pct(t.read.rcu, LIMITS.rcuPerSecond),
});

const rows = (heat: KeyHeat) =>
  heat.targets.map((t) => ({
    design: heat.design,
    target: t.target,
    projection: t.projection,
    ...figures(t),
  }));

const kindRows = (heat: KeyHeat) =>
  heat.tableByKind.map((k) => ({ design: heat.design, 'table item': k.kind, ...figures(k) }));

/** Both designs' figures; the new design's must all be under the limits. */
export const keyHeatFigures = async (): Promise<{
  before: KeyHeat;
  now: KeyHeat;
  skuCounters: ReturnType<typeof skuCounterLimits>;
}> => {
  const cohort = buildCohort();
  return {
    before: modelKeyHeat(await loadBeforeDesign(), cohort),
    now: modelKeyHeat(currentDesign, cohort),
    skuCounters: skuCounterLimits(currentDesign, cohort[0]!.versions[0]!),
  };
};

export const printKeyHeat = async (): Promise<void> => {
  const { before, now, skuCounters } = await keyHeatFigures();
  console.log(
    `Key heat: ${LOAD.createsPerSecond} creates/s and ${LOAD.carrierEventsPerSecond} carrier events/s, one seller ` +
      `with ${LOAD.hotSellerShare * 100}% of them; busiest partition key value per table and GSI ` +
      `(limits ${LIMITS.wcuPerSecond} WCU/s, ${LIMITS.rcuPerSecond} RCU/s per partition):`,
  );
  console.log(
    'One return makes ' +
      Object.entries(now.opsPerReturn)
        .map(([op, n]) => `${n} ${op}`)
        .join(', ') +
      ". A return's own keys (its item, tracking entry, records) are charged its whole lifecycle as if " +
      'in one second: an upper bound. Counter items (return-counters.ts) are charged their size as the ' +
      "second's writes leave them; the deadline sweeper (gsi7, its watermark) one run a minute, finding " +
      'nothing due (a happy-path return meets its deadlines and has no offer running out). gsi6 has no ' +
      'reader on the happy path. Each write with events is followed by one dispatcher pass (its reads, ' +
      'the feed, one webhook delivery per event for an endpoint every seller is given, and the drain), ' +
      "so gsi8 (pending events), gsi9 (deliveries due) and gsi10 (an endpoint's deliveries) are charged.",
  );
  console.table([...rows(before), ...rows(now)]);
  console.log(
    'The table by kind of item: the busiest key holding each kind, with every item under that key counted:',
  );
  console.table([...kindRows(before), ...kindRows(now)]);
  if (skuCounters) {
    console.log(
      "A day's units by SKU are one item per SKU under the day's partition: the largest possible is " +
        `${skuCounters.largestItemBytes} bytes, so every ADD is ${skuCounters.wcuPerAdd} WCU however many SKUs the ` +
        'day has. The partition takes one ADD per distinct SKU of each return (the counters row above, with ' +
        `the model's two SKUs a return); at the big seller's ${skuCounters.creates} creates/s it passes ` +
        `${LIMITS.wcuPerSecond} WCU/s only past ${skuCounters.distinctSkusPerReturnAtPartitionLimit} distinct SKUs ` +
        `a return on average. A report reads a day's SKUs in 1 MB pages of about ${skuCounters.perPage} ` +
        '(12-character SKUs).',
    );
  }
  console.table(
    [before, now].map((h) => ({
      design: h.design,
      'WCU per return: table': Math.round(h.wcuPerReturn.table),
      GSIs: Math.round(h.wcuPerReturn.indexes),
      'return item bytes: created': h.returnItemBytes.created,
      completed: h.returnItemBytes.completed,
      largest: h.returnItemBytes.largest,
    })),
  );
};

if (import.meta.url === `file://${process.argv[1]}`) await printKeyHeat();
