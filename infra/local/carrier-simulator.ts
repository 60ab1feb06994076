/**
 * `npm run carrier -- <event> <trackingNumber> [--carrier generic|ups|fedex|usps|easypost]`: plays a
 * carrier against the local API. It builds a webhook body in that carrier's own shape with a fresh event,
 * signs it with the carrier's secret from `.local/carriers.json`, POSTs it to the API in
 * `.local/endpoints.json` (both under LOCAL_DATA_DIR when set) and prints the answer, then the status the
 * return is in now, read back through the API with the demo sellers' keys from `.local/sellers.json`.
 * `--carrier easypost` plays EasyPost's tracker instead: the EasyPost stand-in moves the label's tracker
 * and sends its signed `tracker.updated` to the webhook of the seller's connection.
 */
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { CARRIERS, CarrierSchema, type Carrier } from '../../domain/carriers/carriers.js';
import type { FedexTrackingEvent } from '../../domain/carriers/fedex.js';
import type { GenericTrackingEvent } from '../../domain/carriers/generic.js';
import type { UpsTrackAlert } from '../../domain/carriers/ups.js';
import type { UspsTrackingEvent } from '../../domain/carriers/usps.js';
import type { TrackingStatus } from '../../domain/lifecycle-tracking.js';
import { signatureHeader } from '../../functions/webhooks/signature.js';

export const SIMULATED_EVENTS = {
  'label-created': 'LABEL_CREATED',
  'in-transit': 'IN_TRANSIT',
  'out-for-delivery': 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  exception: 'EXCEPTION',
} as const satisfies Record<string, TrackingStatus>;
export type SimulatedEvent = keyof typeof SIMULATED_EVENTS;

export type CarrierPayload = UpsTrackAlert | FedexTrackingEvent | UspsTrackingEvent | GenericTrackingEvent;

const UPS: Record<TrackingStatus, UpsTrackAlert['activityStatus']> = {
  LABEL_CREATED: { type: 'M', code: 'MP', description: 'Shipper created a label' },
  IN_TRANSIT: { type: 'I', code: 'AR', description: 'Arrived at Facility' },
  OUT_FOR_DELIVERY: { type: 'O', code: 'OT', description: 'Out For Delivery Today' },
  DELIVERED: { type: 'D', code: 'KB', description: 'Delivered' },
  EXCEPTION: { type: 'X', code: 'RD', description: 'The receiver was not available for delivery' },
};
const FEDEX: Record<TrackingStatus, [FedexTrackingEvent['eventType'], string]> = {
  LABEL_CREATED: ['OC', 'Shipment information sent to FedEx'],
  IN_TRANSIT: ['IT', 'In transit'],
  OUT_FOR_DELIVERY: ['OD', 'On FedEx vehicle for delivery'],
  DELIVERED: ['DL', 'Delivered'],
  EXCEPTION: ['DE', 'Delivery exception'],
};
const USPS: Record<TrackingStatus, [UspsTrackingEvent['eventCode'], string]> = {
  LABEL_CREATED: ['MA', 'Shipping Label Created, USPS Awaiting Item'],
  IN_TRANSIT: ['10', 'Processed through USPS Facility'],
  OUT_FOR_DELIVERY: ['OF', 'Out for Delivery'],
  DELIVERED: ['01', 'Delivered, Front Desk/Reception/Mail Room'],
  EXCEPTION: ['02', 'Notice Left (No Authorized Recipient Available)'],
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A webhook body for `event` in `carrier`'s shape, as of `now`, with a fresh event id (UPS sends none:
 * its id is derived from the activity's time, so two UPS events of one kind in one second are one).
 * The generic contract has no label-created event.
 */
export const buildCarrierPayload = (
  carrier: Carrier,
  event: SimulatedEvent,
  trackingNumber: string,
  now: Date = new Date(),
): CarrierPayload => {
  const status = SIMULATED_EVENTS[event];
  const at = `${now.toISOString().slice(0, 19)}Z`;
  switch (carrier) {
    case 'ups': {
      const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
      const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
      return {
        trackingNumber,
        localActivityDate: date,
        localActivityTime: time,
        gmtActivityDate: date,
        gmtActivityTime: time,
        gmtOffset: '+00:00',
        activityLocation: { city: 'RENO', stateProvince: 'NV', postalCode: '89501', country: 'US' },
        activityStatus: UPS[status],
      };
    }
    case 'fedex': {
      const [eventType, eventDescription] = FEDEX[status];
      return {
        trackingNumber,
        scanEventId: randomUUID(),
        eventType,
        eventDescription,
        eventTimestamp: at,
        scanLocation: { city: 'RENO', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US' },
      };
    }
    case 'usps': {
      const [eventCode, eventType] = USPS[status];
      return {
        trackingNumber,
        eventId: randomUUID(),
        eventCode,
        eventType,
        eventTimestamp: at,
        eventCity: 'RENO',
        eventState: 'NV',
        eventZIP: '89501',
        eventCountry: 'US',
      };
    }
    case 'generic': {
      if (status === 'LABEL_CREATED') {
        throw new Error(
          'the generic carrier contract has no label-created event; use --carrier ups, fedex or usps',
        );
      }
      return { eventId: randomUUID(), trackingNumber, status, occurredAt: at };
    }
  }
};

/** Our events as EasyPost's tracker statuses. */
export const EASYPOST_STATUSES: Record<SimulatedEvent, string> = {
  'label-created': 'pre_transit',
  'in-transit': 'in_transit',
  'out-for-delivery': 'out_for_delivery',
  delivered: 'delivered',
  exception: 'failure',
};

type Played = Carrier | 'easypost';

const USAGE = `usage: npm run carrier -- <${Object.keys(SIMULATED_EVENTS).join('|')}> <trackingNumber> [--carrier ${CARRIERS.join('|')}|easypost]`;

const parseArgs = (argv: string[]): { event: SimulatedEvent; trackingNumber: string; carrier: Played } => {
  const positional: string[] = [];
  let carrier: string = 'generic';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--carrier') carrier = argv[++i] ?? '';
    else if (arg.startsWith('--carrier=')) carrier = arg.slice('--carrier='.length);
    else positional.push(arg);
  }
  const [event, trackingNumber, ...rest] = positional;
  const parsedCarrier =
    carrier === 'easypost'
      ? { success: true as const, data: 'easypost' as const }
      : CarrierSchema.safeParse(carrier);
  if (
    !event ||
    !(event in SIMULATED_EVENTS) ||
    !trackingNumber ||
    rest.length > 0 ||
    !parsedCarrier.success
  ) {
    throw new Error(USAGE);
  }
  return { event: event as SimulatedEvent, trackingNumber, carrier: parsedCarrier.data };
};

/** The POST a carrier would make, signed: its URL, body and answer, as printed. */
interface Delivery {
  url: string;
  body: string;
  status: number;
  text: string;
}

const DeliveriesSchema = z.object({
  deliveries: z.array(z.object({ url: z.string(), status: z.number(), body: z.string() })),
});

/** EasyPost's tracker, through the stand-in (the API base's `/_sim`), which sends the signed webhook. */
const playEasyPost = async (
  apiBase: string,
  event: SimulatedEvent,
  trackingNumber: string,
): Promise<Delivery> => {
  const url = new URL(`../_sim/trackers/${encodeURIComponent(trackingNumber)}`, apiBase).href;
  const body = JSON.stringify({ status: EASYPOST_STATUSES[event] });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (!response.ok) return { url, body, status: response.status, text };
  const delivered = DeliveriesSchema.parse(JSON.parse(text)).deliveries.find((d) => d.status !== 0);
  if (!delivered) throw new Error(`no webhook is registered for the label ${trackingNumber} at ${apiBase}`);
  return { url: delivered.url, body, status: delivered.status, text: delivered.body };
};

/** One of the direct carriers: its own shape, signed with its secret from carriers.json. */
const playCarrier = async (
  api: string,
  dataDir: string,
  hint: string,
  carrier: Carrier,
  event: SimulatedEvent,
  trackingNumber: string,
): Promise<Delivery> => {
  const secrets = await readJson<Partial<Record<Carrier, string>>>(join(dataDir, 'carriers.json'), hint);
  const secret = secrets[carrier];
  if (!secret) throw new Error(`${join(dataDir, 'carriers.json')} has no secret for ${carrier}`);
  const body = JSON.stringify(buildCarrierPayload(carrier, event, trackingNumber));
  const timestamp = Math.floor(Date.now() / 1000);
  const url = `${api}/v1/webhooks/carriers/${carrier}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signatureHeader(secret, timestamp, body) },
    body,
  });
  return { url, body, status: response.status, text: await response.text() };
};

const readJson = async <T>(path: string, hint: string): Promise<T> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    throw new Error(`cannot read ${path}: ${hint}`);
  }
};

/** The webhook's answer names the return it moved; only its seller's key can read it. */
const WebhookAnswerSchema = z.object({ status: z.string(), returnId: z.string().optional() });
const ReturnStatusSchema = z.object({ status: z.string() });

/** The return's status as its seller sees it, asked with each demo seller's key until one owns it. */
const statusOf = async (
  api: string,
  returnId: string,
  apiKeys: readonly string[],
): Promise<string | undefined> => {
  for (const apiKey of apiKeys) {
    const response = await fetch(`${api}/v1/returns/${encodeURIComponent(returnId)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    if (response.ok) return ReturnStatusSchema.parse(await response.json()).status;
  }
  return undefined;
};

const main = async (): Promise<number> => {
  const { event, trackingNumber, carrier } = parseArgs(process.argv.slice(2));
  const dataDir = process.env.LOCAL_DATA_DIR ?? '.local';
  const hint = 'is the local stack running (npm start)?';
  const { api, easypost } = await readJson<{ api: string; easypost: string }>(
    join(dataDir, 'endpoints.json'),
    hint,
  );
  const { url, body, status, text } =
    carrier === 'easypost'
      ? await playEasyPost(easypost, event, trackingNumber)
      : await playCarrier(api, dataDir, hint, carrier, event, trackingNumber);
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: print it as it came
  }
  console.log(`POST ${url}\n${body}\n\nHTTP ${status}\n${shown}`);
  if (status < 200 || status > 299) return 1;

  const answer = WebhookAnswerSchema.parse(JSON.parse(text));
  if (!answer.returnId) {
    console.log(`\nNo return has tracking number ${trackingNumber}.`);
    return 0;
  }
  const sellers = await readJson<{ apiKey: string }[]>(join(dataDir, 'sellers.json'), hint);
  const now = await statusOf(
    api,
    answer.returnId,
    sellers.map((s) => s.apiKey),
  );
  console.log(
    now
      ? `\n${answer.status}: return ${answer.returnId} is now ${now}`
      : `\n${answer.status}: return ${answer.returnId} belongs to no demo seller, so its status is not shown`,
  );
  return 0;
};

// Run as a script (also through a symlinked path), not when a test imports buildCarrierPayload.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
