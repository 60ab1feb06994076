import EasyPostModule from '@easypost/api';
import { ValidationError } from '../../../domain/errors.js';
import type { Address } from '../../../domain/address.js';
import { labelCarrierNamed } from '../../../domain/label-preferences.js';
import { chooseRate, type OfferedRate } from '../../../domain/label-rates.js';
import { CurrencySchema, minorUnitExponent, type Money } from '../../../domain/money.js';
import type { CarrierPort, IssuedLabel, LabelRequest, VoidOutcome } from '../../../domain/ports.js';
import type { Label, LabelOrder } from '../../../domain/return.js';
import { CarrierUnavailableError } from '../carrier-unavailable-error.js';

/**
 * The SDK's client class. Its types describe the CommonJS build (a module whose `default` is the class);
 * Node, vitest and esbuild load its ES module build, whose default export is the class itself.
 */
export const EasyPostClient = ((EasyPostModule as unknown as { default?: unknown }).default ??
  EasyPostModule) as typeof EasyPostModule.default;

/** EasyPost's production API; `EASYPOST_API_BASE` points the SDK elsewhere (the local stand-in). */
export const EASYPOST_DEFAULT_API_BASE = 'https://api.easypost.com/v2/';

export interface EasyPostSettings {
  apiKey: string;
  /** Limits rates to these carrier accounts (`ca_...`); all of the account's when absent. */
  carrierAccounts?: readonly string[];
  /** The SDK's `baseUrl`. */
  apiBase?: string;
  /** Per request: the SDK sets none of its own. */
  timeoutMs?: number;
}

/** What we read of an EasyPost shipment. */
interface Shipment {
  id: string;
  rates?: { id: string; carrier: string; service: string; rate: string; currency: string }[];
  selected_rate?: { carrier: string; service: string; rate: string; currency: string } | null;
  postage_label?: { label_pdf_url?: string | null; label_url?: string | null } | null;
  tracking_code?: string | null;
  refund_status?: 'submitted' | 'refunded' | 'rejected' | null;
}

/** A decimal string (`"7.99"`, `"900"`) in minor units, without floating point. */
export const decimalToMinor = (text: string, currency: Money['currency']): number => {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`EasyPost sent a rate that is not a decimal: ${text}`);
  const exponent = minorUnitExponent(currency);
  const fraction = (match[2] ?? '').padEnd(exponent, '0');
  if (fraction.length > exponent && /[1-9]/.test(fraction.slice(exponent))) {
    throw new Error(`EasyPost sent ${text} ${currency}, finer than the currency's minor unit`);
  }
  return Number(match[1]) * 10 ** exponent + Number(fraction.slice(0, exponent) || '0');
};

/**
 * An SDK call, its failures in our words: EasyPost down, slow or failing on its side (5xx, no answer) is
 * CarrierUnavailableError, which the pipeline retries; a refusal (4xx: a bad address, a revoked key) is
 * a ValidationError no retry mends, for a person to act on. A 404 is left as it is (callers read it).
 */
const easypost = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const message = error instanceof Error ? error.message : String(error);
    if (status === undefined || status >= 500 || status === 408 || status === 429) {
      throw new CarrierUnavailableError(`EasyPost could not ${what}: ${message}`, { cause: error });
    }
    if (status === 404) throw error;
    throw new ValidationError(`EasyPost refused to ${what}: ${message}`, [
      { field: 'easypost', rule: `refused (HTTP ${status}): ${message}` },
    ]);
  }
};

const toEasyPost = (a: Address) => ({
  name: a.name,
  street1: a.line1,
  street2: a.line2,
  city: a.city,
  state: a.region,
  zip: a.postalCode,
  country: a.country,
});

/**
 * Return labels through EasyPost, on its official SDK. A label is bought in two calls, with our write in
 * between (see IssueLabel): `orderLabel` creates a return shipment (`is_return`, tagged with the return
 * id as `reference` and the RMA printed on the label), `createLabel` buys the chosen rate on that
 * shipment. Buying a shipment that was bought already (a retry after a lost answer) is refused by
 * EasyPost, so then the shipment is read back and its label used: one shipment, one purchase.
 */
export class EasyPostCarrier implements CarrierPort {
  private readonly client: InstanceType<typeof EasyPostClient>;

  constructor(private readonly settings: EasyPostSettings) {
    const timeout = settings.timeoutMs ?? 15_000;
    this.client = new EasyPostClient(settings.apiKey, {
      baseUrl: settings.apiBase ?? EASYPOST_DEFAULT_API_BASE,
      requestMiddleware: (request: { timeout(ms: { response: number; deadline: number }): unknown }) =>
        request.timeout({ response: timeout, deadline: timeout * 2 }),
    });
  }

  async orderLabel(request: LabelRequest): Promise<LabelOrder> {
    const buyerAddress = request.fromAddress;
    if (!buyerAddress) {
      throw new ValidationError('a label bought through EasyPost needs the buyer address', [
        { field: 'buyer/address', rule: 'is required to buy a return label through EasyPost' },
      ]);
    }
    const { parcel } = request;
    // is_return: EasyPost takes the outbound shipment's addresses (seller to buyer) and swaps them.
    const shipment = (await easypost('create the return shipment', () =>
      this.client.Shipment.create({
        is_return: true,
        reference: request.returnId,
        to_address: toEasyPost(buyerAddress),
        from_address: toEasyPost(request.returnAddress),
        parcel: {
          weight: parcel.weightOz,
          length: parcel.lengthIn,
          width: parcel.widthIn,
          height: parcel.heightIn,
        },
        options: { print_custom_1: request.rma, label_format: 'PDF' },
        ...(this.settings.carrierAccounts?.length
          ? { carrier_accounts: [...this.settings.carrierAccounts] }
          : {}),
      } as never),
    )) as unknown as Shipment;
    return { provider: 'easypost', shipmentId: shipment.id };
  }

  async createLabel(request: LabelRequest): Promise<IssuedLabel> {
    if (!request.order) throw new Error('EasyPost buys only a shipment recorded on the return (orderLabel)');
    const { shipmentId } = request.order;
    const shipment = await this.retrieve(shipmentId);
    if (shipment.postage_label) return this.issued(shipment, request);
    const rate = this.rateFor(shipment, request);
    try {
      return this.issued(
        (await this.client.Shipment.buy(shipmentId, rate.id)) as unknown as Shipment,
        request,
      );
    } catch (error) {
      // The answer to a purchase that went through may be lost (a 500, a timeout), and a shipment bought
      // meanwhile is refused: either way, what EasyPost holds decides.
      const after = await this.retrieve(shipmentId);
      if (after.postage_label) return this.issued(after, request);
      throw error;
    }
  }

  async voidLabel(label: Label): Promise<VoidOutcome> {
    if (!label.shipmentId) throw new Error('only a label bought through EasyPost can be voided there');
    const shipmentId = label.shipmentId;
    const shipment = (await easypost('refund the label', () =>
      this.client.Shipment.refund(shipmentId),
    )) as unknown as Shipment;
    const status = shipment.refund_status;
    return { status: status === 'refunded' ? 'REFUNDED' : status === 'rejected' ? 'REJECTED' : 'SUBMITTED' };
  }

  private async retrieve(shipmentId: string): Promise<Shipment> {
    return (await easypost('read the shipment', () =>
      this.client.Shipment.retrieve(shipmentId),
    )) as unknown as Shipment;
  }

  private rateFor(shipment: Shipment, request: LabelRequest): OfferedRate {
    const offered = (shipment.rates ?? []).flatMap((r): OfferedRate[] => {
      const carrier = labelCarrierNamed(r.carrier);
      const currency = CurrencySchema.safeParse(r.currency);
      if (!carrier || !currency.success) return [];
      return [
        {
          id: r.id,
          carrier,
          service: r.service,
          amount: { amount: decimalToMinor(r.rate, currency.data), currency: currency.data },
        },
      ];
    });
    const rate = chooseRate(offered, request.marketplace, request.preferred);
    if (!rate) {
      throw new ValidationError('EasyPost offered no rate this return can be sent with', [
        {
          field: 'rates',
          rule: `must include one from ${request.marketplace}'s carriers in ${request.currency} (offered: ${
            (shipment.rates ?? [])
              .map((r) => `${r.carrier} ${r.service} ${r.rate} ${r.currency}`)
              .join(', ') || 'none'
          })`,
        },
      ]);
    }
    return rate;
  }

  private issued(shipment: Shipment, request: LabelRequest): IssuedLabel {
    const rate = shipment.selected_rate;
    const url = shipment.postage_label?.label_pdf_url ?? shipment.postage_label?.label_url;
    if (!rate || !url || !shipment.tracking_code)
      throw new Error(`EasyPost shipment ${shipment.id} has no label`);
    const currency = CurrencySchema.parse(rate.currency);
    if (currency !== request.currency) {
      throw new ValidationError(`EasyPost charged in ${currency}`, [
        { field: 'rate/currency', rule: `must be ${request.currency}, the marketplace's currency` },
      ]);
    }
    return {
      provider: 'easypost',
      shipmentId: shipment.id,
      carrier: labelCarrierNamed(rate.carrier) ?? rate.carrier.toLowerCase(),
      service: rate.service,
      trackingNumber: shipment.tracking_code,
      labelUrl: url,
      cost: { amount: decimalToMinor(rate.rate, currency), currency },
    };
  }
}
