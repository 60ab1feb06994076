import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARRIER_FORMATS, CARRIERS, type Carrier } from '../../domain/carriers/carriers.js';
import { FEDEX_EVENT_TYPES, type FedexTrackingEvent } from '../../domain/carriers/fedex.js';
import { GENERIC_STATUSES, type GenericTrackingEvent } from '../../domain/carriers/generic.js';
import {
  TrackingEventSchema,
  hasSeenTrackingEvent,
  type TrackingEvent,
} from '../../domain/carriers/tracking-event.js';
import { UPS_STATUS_TYPES, type UpsTrackAlert } from '../../domain/carriers/ups.js';
import { USPS_EVENT_CODES, type UspsTrackingEvent } from '../../domain/carriers/usps.js';
import { makeReturn } from '../support/return-factory.js';

/** Parses with the carrier's schema, then normalises: what the webhook does after the signature. */
const read = (carrier: Carrier, payload: unknown): TrackingEvent => {
  const format = CARRIER_FORMATS[carrier];
  return format.normalize(format.schema.parse(payload));
};

const issuesOf = (carrier: Carrier, payload: unknown) => {
  const result = CARRIER_FORMATS[carrier].schema.safeParse(payload);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => issue.path.join('/'));
};

const ups = (overrides: Partial<UpsTrackAlert> = {}): UpsTrackAlert => ({
  trackingNumber: '1Z999AA10123456784',
  localActivityDate: '20261105',
  localActivityTime: '093000',
  gmtOffset: '-05:00',
  activityLocation: { city: 'RENO', stateProvince: 'NV', postalCode: '89501', country: 'US' },
  activityStatus: { type: 'I', code: 'AR', description: 'Arrival Scan' },
  ...overrides,
});

const fedex = (overrides: Partial<FedexTrackingEvent> = {}): FedexTrackingEvent => ({
  trackingNumber: '794644790138',
  scanEventId: 'scan-0001',
  eventType: 'DL',
  eventDescription: 'Delivered',
  eventTimestamp: '2026-11-05T14:32:00-05:00',
  scanLocation: { city: 'RENO', stateOrProvinceCode: 'NV', postalCode: '89501', countryCode: 'US' },
  ...overrides,
});

const usps = (overrides: Partial<UspsTrackingEvent> = {}): UspsTrackingEvent => ({
  trackingNumber: '9205590164917312751089',
  eventId: 'usps-evt-1',
  eventCode: 'OF',
  eventType: 'Out for Delivery',
  eventTimestamp: '2026-11-05T08:10:00Z',
  eventCity: 'RENO',
  eventState: 'NV',
  eventZIP: '89501',
  eventCountry: 'US',
  ...overrides,
});

const generic = (overrides: Partial<GenericTrackingEvent> = {}): GenericTrackingEvent => ({
  eventId: 'evt-123',
  trackingNumber: 'GEN0A1B2C3D4E5F',
  status: 'IN_TRANSIT',
  occurredAt: '2026-11-05T10:00:00Z',
  ...overrides,
});

describe('UPS Track Alert', () => {
  it.each(Object.entries(UPS_STATUS_TYPES))('status type %s normalises to %s', (type, status) => {
    const alert = ups({
      activityStatus: { type: type as UpsTrackAlert['activityStatus']['type'], code: 'XX', description: 'x' },
    });
    expect(read('ups', alert).status).toBe(status);
  });

  it('normalises a delivery, with the local time and its offset as a UTC instant', () => {
    const event = read('ups', ups({ activityStatus: { type: 'D', code: 'KB', description: 'Delivered' } }));
    expect(event).toEqual({
      carrier: 'ups',
      eventId: expect.stringMatching(/^ups-[0-9a-f]{64}$/),
      trackingNumber: '1Z999AA10123456784',
      status: 'DELIVERED',
      occurredAt: '2026-11-05T14:30:00.000Z',
      description: 'Delivered',
    });
  });

  it('prefers the GMT date and time, and reads a local time without offset as UTC', () => {
    expect(read('ups', ups({ gmtActivityDate: '20261105', gmtActivityTime: '150000' })).occurredAt).toBe(
      '2026-11-05T15:00:00.000Z',
    );
    expect(
      read('ups', ups({ gmtOffset: undefined, gmtActivityDate: '', gmtActivityTime: '' })).occurredAt,
    ).toBe('2026-11-05T09:30:00.000Z');
  });

  it('derives a stable event id from tracking number, date, time and status, since UPS sends none', () => {
    const first = read('ups', ups());
    expect(read('ups', ups({ activityLocation: undefined })).eventId).toBe(first.eventId);
    expect(read('ups', ups({ localActivityTime: '093001' })).eventId).not.toBe(first.eventId);
    expect(
      read('ups', ups({ activityStatus: { type: 'I', code: 'DP', description: 'Departure Scan' } })).eventId,
    ).not.toBe(first.eventId);
    expect(read('ups', ups({ trackingNumber: '1Z999AA10123456785' })).eventId).not.toBe(first.eventId);
  });

  it('refuses unknown status types, impossible dates and unknown fields, naming them', () => {
    expect(
      issuesOf('ups', ups({ activityStatus: { type: 'Z' as 'I', code: 'AR', description: '' } })),
    ).toEqual(['activityStatus/type']);
    expect(issuesOf('ups', ups({ localActivityDate: '20260230' }))).toEqual(['localActivityDate']);
    expect(issuesOf('ups', ups({ localActivityTime: '240000' }))).toEqual(['localActivityTime']);
    expect(issuesOf('ups', { ...ups(), shipperNumber: 'A1' })).toEqual(['']);
  });
});

describe('FedEx', () => {
  it.each(Object.entries(FEDEX_EVENT_TYPES))('event type %s normalises to %s', (eventType, status) => {
    expect(read('fedex', fedex({ eventType: eventType as FedexTrackingEvent['eventType'] })).status).toBe(
      status,
    );
  });

  it('normalises a delivery with the scan event id and the time in UTC', () => {
    expect(read('fedex', fedex())).toEqual({
      carrier: 'fedex',
      eventId: 'scan-0001',
      trackingNumber: '794644790138',
      status: 'DELIVERED',
      occurredAt: '2026-11-05T19:32:00.000Z',
      description: 'Delivered',
    });
  });

  it('derives the event id when FedEx sends no scanEventId, the same for the same instant', () => {
    const a = read('fedex', fedex({ scanEventId: undefined }));
    const b = read('fedex', fedex({ scanEventId: undefined, eventTimestamp: '2026-11-05T19:32:00Z' }));
    expect(a.eventId).toMatch(/^fedex-[0-9a-f]{64}$/);
    expect(b.eventId).toBe(a.eventId);
    expect(read('fedex', fedex({ scanEventId: undefined, eventType: 'OD' })).eventId).not.toBe(a.eventId);
  });

  it('refuses unknown scan codes and times without an offset', () => {
    expect(issuesOf('fedex', fedex({ eventType: 'ZZ' as 'DL' }))).toEqual(['eventType']);
    expect(issuesOf('fedex', fedex({ eventTimestamp: '2026-11-05T14:32:00' }))).toEqual(['eventTimestamp']);
  });
});

describe('USPS', () => {
  it.each(Object.entries(USPS_EVENT_CODES))('event code %s normalises to %s', (eventCode, status) => {
    expect(read('usps', usps({ eventCode: eventCode as UspsTrackingEvent['eventCode'] })).status).toBe(
      status,
    );
  });

  it('normalises out-for-delivery with its event id and words', () => {
    expect(read('usps', usps())).toEqual({
      carrier: 'usps',
      eventId: 'usps-evt-1',
      trackingNumber: '9205590164917312751089',
      status: 'OUT_FOR_DELIVERY',
      occurredAt: '2026-11-05T08:10:00.000Z',
      description: 'Out for Delivery',
    });
  });

  it('derives the event id when USPS sends none', () => {
    const event = read('usps', usps({ eventId: undefined }));
    expect(event.eventId).toMatch(/^usps-[0-9a-f]{64}$/);
    expect(read('usps', usps({ eventId: undefined })).eventId).toBe(event.eventId);
  });

  it('refuses an event code it does not know', () => {
    expect(issuesOf('usps', usps({ eventCode: '99' as '01' }))).toEqual(['eventCode']);
  });
});

describe('generic carrier (docs/design.md §8.4)', () => {
  it.each(GENERIC_STATUSES)('takes %s as it is', (status) => {
    expect(read('generic', generic({ status }))).toEqual({
      carrier: 'generic',
      eventId: 'evt-123',
      trackingNumber: 'GEN0A1B2C3D4E5F',
      status,
      occurredAt: '2026-11-05T10:00:00.000Z',
    });
  });

  it('refuses LABEL_CREATED, a missing event id and unknown fields', () => {
    expect(issuesOf('generic', generic({ status: 'LABEL_CREATED' as 'DELIVERED' }))).toEqual(['status']);
    const { eventId: _eventId, ...noId } = generic();
    expect(issuesOf('generic', noId)).toEqual(['eventId']);
    expect(issuesOf('generic', { ...generic(), carrier: 'dhl' })).toEqual(['']);
  });
});

describe('hasSeenTrackingEvent', () => {
  const ret = makeReturn({ sellerId: 'seller-1', status: 'IN_TRANSIT' });
  const withEvent = {
    ...ret,
    timeline: [
      ...ret.timeline,
      {
        at: '2026-11-05T10:00:00Z',
        type: 'TRACKING_EVENT',
        from: 'IN_TRANSIT' as const,
        to: 'IN_TRANSIT' as const,
        actor: { kind: 'carrier' as const, id: 'generic' },
        data: { eventId: 'evt-1', status: 'IN_TRANSIT' },
      },
    ],
  };

  it('finds an event id recorded by a TRACKING_EVENT entry only', () => {
    expect(hasSeenTrackingEvent(withEvent, 'evt-1')).toBe(true);
    expect(hasSeenTrackingEvent(withEvent, 'evt-2')).toBe(false);
    expect(hasSeenTrackingEvent(ret, 'evt-1')).toBe(false);
    const otherEntry = {
      ...withEvent,
      timeline: withEvent.timeline.map((e) => ({ ...e, type: 'RECORD_STEP_FAILURE' })),
    };
    expect(hasSeenTrackingEvent(otherEntry, 'evt-1')).toBe(false);
  });
});

// --- properties --------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const arbTracking = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/);
const arbEventId = fc.stringMatching(/^[\x21-\x7e]{1,128}$/);
const arbWords = (max: number) => fc.string({ maxLength: max });
const arbDate = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2099-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const arbOffsetMinutes = fc.integer({ min: -14 * 60, max: 14 * 60 });

/** A date-time as carriers write it: the local wall clock plus its offset (or Z), maybe with fractions. */
const arbInstant = fc
  .tuple(arbDate, arbOffsetMinutes, fc.boolean(), fc.boolean())
  .map(([date, offset, zulu, millis]) => {
    const minutes = zulu ? 0 : offset;
    const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, millis ? 23 : 19);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    return `${local}${zulu ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`}`;
  });

const ymd = (d: Date) => `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
const hms = (d: Date) => `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;

const arbUps: fc.Arbitrary<unknown> = fc.record(
  {
    trackingNumber: arbTracking,
    localActivityDate: arbDate.map(ymd),
    localActivityTime: arbDate.map(hms),
    gmtActivityDate: fc.oneof(arbDate.map(ymd), fc.constant('')),
    gmtActivityTime: fc.oneof(arbDate.map(hms), fc.constant('')),
    gmtOffset: fc.stringMatching(/^[+-](0\d|1[0-4]):[0-5]\d$/),
    scheduledDeliveryDate: fc.oneof(arbDate.map(ymd), fc.constant('')),
    activityLocation: fc.record(
      { city: arbWords(100), country: fc.constantFrom('US', 'CA') },
      { requiredKeys: [] },
    ),
    activityStatus: fc.record({
      type: fc.constantFrom(...(Object.keys(UPS_STATUS_TYPES) as (keyof typeof UPS_STATUS_TYPES)[])),
      code: fc.stringMatching(/^[A-Z0-9]{1,3}$/),
      description: arbWords(200),
    }),
  },
  { requiredKeys: ['trackingNumber', 'localActivityDate', 'localActivityTime', 'activityStatus'] },
);

const arbFedex: fc.Arbitrary<unknown> = fc.record(
  {
    trackingNumber: arbTracking,
    scanEventId: arbEventId,
    eventType: fc.constantFrom(...(Object.keys(FEDEX_EVENT_TYPES) as (keyof typeof FEDEX_EVENT_TYPES)[])),
    eventDescription: arbWords(200),
    eventTimestamp: arbInstant,
    exceptionCode: fc.stringMatching(/^[A-Z0-9]{1,4}$/),
    exceptionDescription: arbWords(200),
  },
  { requiredKeys: ['trackingNumber', 'eventType', 'eventTimestamp'] },
);

const arbUsps: fc.Arbitrary<unknown> = fc.record(
  {
    trackingNumber: arbTracking,
    eventId: arbEventId,
    eventCode: fc.constantFrom(...(Object.keys(USPS_EVENT_CODES) as (keyof typeof USPS_EVENT_CODES)[])),
    eventType: arbWords(200),
    eventTimestamp: arbInstant,
    eventZIP: fc.stringMatching(/^\d{5}(-?\d{4})?$/),
  },
  { requiredKeys: ['trackingNumber', 'eventCode', 'eventTimestamp'] },
);

const arbGeneric: fc.Arbitrary<unknown> = fc.record({
  eventId: arbEventId,
  trackingNumber: arbTracking,
  status: fc.constantFrom(...GENERIC_STATUSES),
  occurredAt: arbInstant,
});

const ARBITRARIES: Record<Carrier, fc.Arbitrary<unknown>> = {
  ups: arbUps,
  fedex: arbFedex,
  usps: arbUsps,
  generic: arbGeneric,
};

describe('normalize (property)', () => {
  it.each(CARRIERS)(
    '%s: every schema-valid payload normalises, without throwing, to a valid TrackingEvent',
    (carrier) => {
      fc.assert(
        fc.property(ARBITRARIES[carrier], (payload) => {
          const parsed = CARRIER_FORMATS[carrier].schema.safeParse(payload);
          expect(parsed.error?.issues ?? []).toEqual([]);
          const event = CARRIER_FORMATS[carrier].normalize(parsed.data);
          expect(TrackingEventSchema.parse(event)).toEqual(event);
          expect(event.carrier).toBe(carrier);
        }),
      );
    },
  );

  it.each(CARRIERS)(
    '%s: any JSON value is either refused by the schema or normalised without throwing',
    (carrier) => {
      const arbMutated = ARBITRARIES[carrier].chain((payload) =>
        fc.oneof(
          fc.constant(payload),
          fc.jsonValue(),
          fc.record({ key: fc.string(), value: fc.jsonValue() }).map(({ key, value }) => ({
            ...(payload as object),
            [key]: value,
          })),
        ),
      );
      fc.assert(
        fc.property(arbMutated, (value) => {
          const parsed = CARRIER_FORMATS[carrier].schema.safeParse(value);
          if (parsed.success) expect(() => CARRIER_FORMATS[carrier].normalize(parsed.data)).not.toThrow();
        }),
      );
    },
  );
});
