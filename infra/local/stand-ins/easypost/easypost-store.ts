import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { RATE_CARDS, priceOf, trackingCodeFor } from './easypost-rates.js';
import type { LabelAddress } from './label-pdf.js';

/** An API answer the stand-in refuses with, in EasyPost's error shape. */
export class EasyPostStandInError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

export interface StoredShipment extends Json {
  id: string;
  /** Which API key made it (a hash): another key's shipment is not found. */
  owner: string;
  reference: string | null;
  is_return: boolean;
  options: { print_custom_1?: string } & Json;
  from_address: LabelAddress & Json;
  to_address: LabelAddress & Json;
  parcel: { weight: number } & Json;
  rates: ({ id: string; carrier: string; service: string; rate: string; currency: string } & Json)[];
  selected_rate: Json | null;
  postage_label: Json | null;
  tracking_code: string | null;
  tracker: ({ id: string; status: string; tracking_details: Json[] } & Json) | null;
  refund_status: 'submitted' | 'refunded' | 'rejected' | null;
}

/** Everything the outside world would see: what tests count. */
export interface EasyPostLedger {
  shipments: StoredShipment[];
  purchases: { shipmentId: string; rateId: string; reference: string | null; at: string }[];
  refunds: { shipmentId: string; status: string; at: string }[];
  webhooks: { owner: string; id: string; url: string; secret: string }[];
  serial: number;
}

export const ownerOf = (apiKey: string): string =>
  createHash('sha256').update(apiKey).digest('hex').slice(0, 16);

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => new Date().toISOString();

/** The carriers whose refunds settle at once; USPS takes its time (the refund stays `submitted`). */
const INSTANT_REFUND = new Set(['UPS', 'FedEx', 'DHLExpress']);

/**
 * The stand-in's state: shipments, the purchases and refunds made on them, trackers and registered
 * webhooks, per API key, kept in a JSON file when given one (so `npm start` restarts keep the labels).
 */
export class EasyPostStore {
  private readonly state: EasyPostLedger;

  constructor(private readonly file?: string) {
    this.state = (file ? readState(file) : undefined) ?? {
      shipments: [],
      purchases: [],
      refunds: [],
      webhooks: [],
      serial: 0,
    };
  }

  ledger(): EasyPostLedger {
    return structuredClone(this.state);
  }

  createShipment(owner: string, params: Json): StoredShipment {
    // A return is asked for with the outbound shipment's addresses; EasyPost swaps them for the label.
    const isReturn = params.is_return === true;
    const given = {
      from: asAddress(params.from_address, 'from_address'),
      to: asAddress(params.to_address, 'to_address'),
    };
    const { from, to } = isReturn ? { from: given.to, to: given.from } : given;
    const parcel = params.parcel as Json | undefined;
    const weight = Number(parcel?.weight);
    if (!parcel || !(weight > 0))
      throw new EasyPostStandInError(422, 'PARCEL.WEIGHT.MISSING', 'parcel.weight is required');
    const accounts = Array.isArray(params.carrier_accounts)
      ? (params.carrier_accounts as unknown[]).map(String)
      : [];
    const shipmentId = id('shp');
    const rates = RATE_CARDS.filter(
      (card) => accounts.length === 0 || accounts.includes(card.carrierAccountId),
    ).map((card) => ({
      id: id('rate'),
      object: 'Rate',
      shipment_id: shipmentId,
      carrier: card.carrier,
      service: card.service,
      carrier_account_id: card.carrierAccountId,
      delivery_days: card.deliveryDays,
      ...priceOf(card, String(to.country ?? 'US'), weight),
    }));
    const shipment: StoredShipment = {
      id: shipmentId,
      object: 'Shipment',
      mode: 'test',
      owner,
      created_at: now(),
      updated_at: now(),
      reference: typeof params.reference === 'string' ? params.reference : null,
      is_return: isReturn,
      // print_custom_1 is printed on the label (EasyPost's option for a seller's own reference: the RMA).
      options: (params.options ?? {}) as Json,
      from_address: { id: id('adr'), object: 'Address', ...from },
      to_address: { id: id('adr'), object: 'Address', ...to },
      parcel: { id: id('prcl'), object: 'Parcel', ...parcel, weight },
      rates,
      selected_rate: null,
      postage_label: null,
      tracking_code: null,
      tracker: null,
      refund_status: null,
      status: 'unknown',
      messages: [],
    };
    this.state.shipments.push(shipment);
    this.save();
    return shipment;
  }

  getShipment(owner: string, shipmentId: string): StoredShipment {
    const shipment = this.state.shipments.find((s) => s.id === shipmentId && s.owner === owner);
    if (!shipment)
      throw new EasyPostStandInError(404, 'NOT_FOUND', 'The requested resource could not be found.');
    return shipment;
  }

  /** Buys a rate once; a shipment already bought is refused, as EasyPost does. */
  buy(
    owner: string,
    shipmentId: string,
    rateId: string,
    labelUrl: (shipmentId: string) => string,
  ): StoredShipment {
    const shipment = this.getShipment(owner, shipmentId);
    if (shipment.postage_label) {
      throw new EasyPostStandInError(
        422,
        'SHIPMENT.POSTAGE.EXISTS',
        'Shipment already has postage purchased.',
      );
    }
    const rate = shipment.rates.find((r) => r.id === rateId);
    if (!rate)
      throw new EasyPostStandInError(
        422,
        'SHIPMENT.RATE.INVALID',
        `rate ${rateId} is not one of this shipment's`,
      );
    const trackingCode = trackingCodeFor(rate.carrier, ++this.state.serial);
    const at = now();
    const url = labelUrl(shipment.id);
    Object.assign(shipment, {
      selected_rate: rate,
      tracking_code: trackingCode,
      status: 'unknown',
      updated_at: at,
      postage_label: {
        id: id('pl'),
        object: 'PostageLabel',
        label_date: at,
        label_file_type: 'application/pdf',
        label_url: url,
        label_pdf_url: url,
      },
      tracker: {
        id: id('trk'),
        object: 'Tracker',
        mode: 'test',
        tracking_code: trackingCode,
        carrier: rate.carrier,
        status: 'pre_transit',
        shipment_id: shipment.id,
        created_at: at,
        updated_at: at,
        tracking_details: [],
      },
    });
    this.state.purchases.push({ shipmentId, rateId, reference: shipment.reference, at });
    this.save();
    return shipment;
  }

  /** Refunds an unused label; one the carrier has scanned is rejected. */
  refund(owner: string, shipmentId: string): StoredShipment {
    const shipment = this.getShipment(owner, shipmentId);
    if (!shipment.postage_label) {
      throw new EasyPostStandInError(
        422,
        'SHIPMENT.REFUND.UNPURCHASED',
        'Shipment has no postage to refund.',
      );
    }
    if (shipment.refund_status === null) {
      const scanned = !['pre_transit', 'unknown'].includes(shipment.tracker?.status ?? 'unknown');
      const carrier = String(shipment.selected_rate?.carrier);
      shipment.refund_status = scanned ? 'rejected' : INSTANT_REFUND.has(carrier) ? 'refunded' : 'submitted';
      shipment.updated_at = now();
      this.state.refunds.push({
        shipmentId,
        status: shipment.refund_status,
        at: shipment.updated_at as string,
      });
      this.save();
    }
    return shipment;
  }

  registerWebhook(owner: string, url: string, secret: string): { id: string; url: string } {
    const webhook = { owner, id: id('hook'), url, secret };
    this.state.webhooks = [
      ...this.state.webhooks.filter((w) => !(w.owner === owner && w.url === url)),
      webhook,
    ];
    this.save();
    return { id: webhook.id, url };
  }

  /**
   * Moves the tracker of a bought label to `status`, as the carrier's scans would, and answers with the
   * tracker and the webhooks of its shipment's owner, which the caller notifies.
   */
  advanceTracker(
    trackingCode: string,
    status: string,
    message: string,
  ): { shipment: StoredShipment; previous: string; webhooks: EasyPostLedger['webhooks'] } {
    const shipment = this.state.shipments.find((s) => s.tracking_code === trackingCode);
    if (!shipment?.tracker)
      throw new EasyPostStandInError(404, 'NOT_FOUND', `no tracker for ${trackingCode}`);
    const previous = shipment.tracker.status;
    const at = now();
    shipment.tracker.status = status;
    shipment.tracker.updated_at = at;
    shipment.tracker.tracking_details.push({
      object: 'TrackingDetail',
      status,
      message,
      datetime: at,
      source: shipment.tracker.carrier,
      tracking_location: {
        object: 'TrackingLocation',
        city: 'RENO',
        state: 'NV',
        country: 'US',
        zip: '89501',
      },
    });
    this.save();
    return { shipment, previous, webhooks: this.state.webhooks.filter((w) => w.owner === shipment.owner) };
  }

  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.state));
  }
}

const readState = (file: string): EasyPostLedger | undefined => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EasyPostLedger;
  } catch {
    return undefined;
  }
};

const asAddress = (value: unknown, field: string): LabelAddress => {
  const a = value as LabelAddress | undefined;
  if (!a || !a.street1 || !a.city || !a.country) {
    throw new EasyPostStandInError(422, 'ADDRESS.VERIFY.FAILURE', `${field} needs street1, city and country`);
  }
  return a;
};
