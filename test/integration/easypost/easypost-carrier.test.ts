import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../domain/errors.js';
import type { LabelRequest } from '../../../domain/ports.js';
import { CarrierUnavailableError } from '../../../functions/adapters/carrier-unavailable-error.js';
import { EasyPostCarrier } from '../../../functions/adapters/easypost/easypost-carrier.js';
import {
  startEasyPostStandIn,
  type EasyPostControl,
  type EasyPostStandIn,
} from '../../../infra/local/stand-ins/easypost/easypost-stand-in.js';
import { BUYER_ADDRESS } from '../../support/requests.js';
import { TEST_RETURN_ADDRESS } from '../../support/return-factory.js';

let standIn: EasyPostStandIn;
const controlFile = join(tmpdir(), `easypost-control-${randomUUID()}.json`);
const control = (c: EasyPostControl) => writeFile(controlFile, JSON.stringify(c));

beforeAll(async () => {
  standIn = await startEasyPostStandIn({ controlFile });
});
afterAll(async () => {
  await standIn.stop();
  await rm(controlFile, { force: true });
});
beforeEach(() => control({}));

/** A fresh API key per test: the stand-in keeps each key's shipments apart, as EasyPost keeps accounts. */
const carrierWith = (settings: { carrierAccounts?: string[] } = {}) => {
  const apiKey = `EZTK${randomUUID().replace(/-/g, '')}`;
  return new EasyPostCarrier({ apiKey, apiBase: standIn.apiBase, timeoutMs: 2_000, ...settings });
};

const request = (overrides: Partial<LabelRequest> = {}): LabelRequest => ({
  returnId: `ret-${randomUUID()}`,
  rma: 'RMA-ABCDE-12345',
  carrier: 'ups',
  returnAddress: TEST_RETURN_ADDRESS,
  paidBy: 'BUYER',
  currency: 'USD',
  marketplace: 'US',
  fromAddress: BUYER_ADDRESS,
  parcel: { weightOz: 32, lengthIn: 12, widthIn: 10, heightIn: 4 },
  ...overrides,
});

const purchasesOf = (returnId: string) => standIn.ledger().purchases.filter((p) => p.reference === returnId);

/** Orders and buys, as IssueLabel does (recording the order on the return in between). */
const buy = async (carrier: EasyPostCarrier, req: LabelRequest) => {
  const order = await carrier.orderLabel(req);
  return { order, label: await carrier.createLabel({ ...req, order }) };
};

describe('EasyPostCarrier, through the real SDK against the stand-in', () => {
  it('creates a return shipment from the buyer to the return address, tagged with the return, and buys the cheapest marketplace rate', async () => {
    const req = request();
    const { order, label } = await buy(carrierWith(), req);

    const shipment = standIn.ledger().shipments.find((s) => s.id === order.shipmentId)!;
    expect(shipment).toMatchObject({
      is_return: true,
      reference: req.returnId,
      options: { print_custom_1: 'RMA-ABCDE-12345' },
      // EasyPost swaps a return's addresses: the label goes from the buyer to the seller.
      from_address: { street1: '12 Elm Street', city: 'Austin', zip: '73301' },
      to_address: { street1: TEST_RETURN_ADDRESS.line1, city: 'Reno' },
      parcel: { weight: 32, length: 12, width: 10, height: 4 },
    });
    // DHL Express (6.50) is cheaper, but serves no marketplace's returns: UPS Ground (7.99) is bought.
    expect(label).toMatchObject({
      provider: 'easypost',
      shipmentId: order.shipmentId,
      carrier: 'ups',
      service: 'Ground',
      cost: { amount: 799, currency: 'USD' },
      trackingNumber: shipment.tracking_code,
      labelUrl: `${standIn.endpoint}/labels/${order.shipmentId}.pdf`,
    });
    expect(purchasesOf(req.returnId)).toHaveLength(1);
  });

  it('serves a printable PDF label with the RMA, both addresses, the carrier and service, and the tracking number', async () => {
    const { label } = await buy(carrierWith(), request());
    const response = await fetch(label.labelUrl);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text } = await new PDFParse({ data: bytes }).getText();
    expect(text).toContain('RMA: RMA-ABCDE-12345');
    expect(text).toContain(`TRACKING #: ${label.trackingNumber}`);
    expect(text).toContain('UPS Ground');
    expect(text).toContain('12 Elm Street');
    expect(text).toContain(TEST_RETURN_ADDRESS.line1);
  });

  it("buys the policy's preferred carrier and service when offered", async () => {
    const { label } = await buy(
      carrierWith(),
      request({ preferred: { carrier: 'usps', service: 'Priority' } }),
    );
    expect(label).toMatchObject({
      carrier: 'usps',
      service: 'Priority',
      cost: { amount: 980, currency: 'USD' },
    });
  });

  it('falls back to the cheapest rate when the preferred service is not offered, and keeps to the connected carrier accounts', async () => {
    const preferred = await buy(
      carrierWith(),
      request({ preferred: { carrier: 'fedex', service: 'Overnight' } }),
    );
    expect(preferred.label).toMatchObject({ carrier: 'ups', service: 'Ground' });
    const fedexOnly = await buy(carrierWith({ carrierAccounts: ['ca_fedex'] }), request());
    expect(fedexOnly.label).toMatchObject({
      carrier: 'fedex',
      service: 'FEDEX_GROUND',
      cost: { amount: 895 },
    });
  });

  it('prices a Canadian return in Canadian dollars, from the carriers that serve Canada', async () => {
    const returnAddress = {
      ...TEST_RETURN_ADDRESS,
      city: 'Toronto',
      region: 'ON',
      postalCode: 'M5V 2T6',
      country: 'CA',
    };
    const { label } = await buy(
      carrierWith(),
      request({
        marketplace: 'CA',
        currency: 'CAD',
        returnAddress,
        fromAddress: { ...BUYER_ADDRESS, country: 'CA' },
      }),
    );
    expect(label).toMatchObject({ carrier: 'ups', cost: { amount: 999, currency: 'CAD' } });
  });

  it('refuses a return without the buyer address before anything is created', async () => {
    const before = standIn.ledger().shipments.length;
    await expect(carrierWith().orderLabel(request({ fromAddress: undefined }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(standIn.ledger().shipments).toHaveLength(before);
  });

  describe('buys exactly once', () => {
    it('answers a 500 that followed the purchase with the label bought, and a retry buys nothing more', async () => {
      const carrier = carrierWith();
      const req = request();
      const order = await carrier.orderLabel(req);
      await control({ failAfterBuy: 1 });

      const first = await carrier.createLabel({ ...req, order });
      const retried = await carrier.createLabel({ ...req, order });

      expect(retried).toEqual(first);
      expect(purchasesOf(req.returnId)).toHaveLength(1);
    });

    it('fails while EasyPost is down, buying nothing, and buys once when it is back', async () => {
      const carrier = carrierWith();
      const req = request();
      const order = await carrier.orderLabel(req);
      await control({ outage: true });
      const failed = await carrier.createLabel({ ...req, order }).catch((e: unknown) => e);
      // Retryable, by its name: the pipeline's Retry matches CarrierUnavailableError.
      expect(failed).toBeInstanceOf(CarrierUnavailableError);
      expect(purchasesOf(req.returnId)).toHaveLength(0);

      await control({});
      await carrier.createLabel({ ...req, order });
      expect(purchasesOf(req.returnId)).toHaveLength(1);
    });

    it('gives up on an answer slower than its timeout, and the retry buys once', async () => {
      const carrier = carrierWith();
      const req = request();
      const order = await carrier.orderLabel(req);
      await control({ delayMs: 3_000 });
      await expect(carrier.createLabel({ ...req, order })).rejects.toThrow();
      await control({});
      const label = await carrier.createLabel({ ...req, order });
      expect(label.shipmentId).toBe(order.shipmentId);
      expect(purchasesOf(req.returnId)).toHaveLength(1);
    });
  });

  it('voids an unused label through a refund of its shipment', async () => {
    const carrier = carrierWith();
    const { label } = await buy(carrier, request());
    const stored = {
      ...label,
      carrier: label.carrier!,
      shipBy: '2026-12-15T00:00:00Z',
      paidBy: 'BUYER' as const,
      returnAddress: TEST_RETURN_ADDRESS,
    };
    expect(await carrier.voidLabel(stored)).toEqual({ status: 'REFUNDED' });
    expect(standIn.ledger().refunds.filter((r) => r.shipmentId === label.shipmentId)).toEqual([
      expect.objectContaining({ status: 'refunded' }),
    ]);
  });

  it("cannot see another key's shipment", async () => {
    const req = request();
    const order = await carrierWith().orderLabel(req);
    await expect(carrierWith().createLabel({ ...req, order })).rejects.toThrow(/could not be found/);
    expect(purchasesOf(req.returnId)).toHaveLength(0);
  });
});
