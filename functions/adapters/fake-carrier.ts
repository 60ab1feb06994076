import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { CarrierPort, IssuedLabel, LabelRequest } from '../../domain/ports.js';
import type { Carrier } from '../../domain/carriers/carriers.js';
import type { Currency } from '../../domain/money.js';
import { CarrierUnavailableError } from './carrier-unavailable-error.js';

const LABEL_COST: Partial<Record<Currency, number>> = {
  USD: 799,
  CAD: 999,
  MXN: 15_000,
  GBP: 599,
  EUR: 699,
  JPY: 900,
};

/** Tracking numbers in each carrier's usual shape, derived from the return so a retry gets the same one. */
const trackingNumber = (carrier: Carrier, returnId: string): string => {
  const digest = createHash('sha256').update(`${carrier}:${returnId}`).digest();
  const digits = (n: number) => [...digest.subarray(0, n)].map((b) => b % 10).join('');
  switch (carrier) {
    case 'ups':
      return `1Z${digest.subarray(0, 8).toString('hex').toUpperCase()}`;
    case 'fedex':
      return digits(12);
    case 'usps':
      return `92${digits(20)}`;
    case 'generic':
      return `GEN${digest.subarray(0, 6).toString('hex').toUpperCase()}`;
  }
};

/**
 * A stand-in for a carrier's label API, for local runs, tests and sandboxes: deterministic labels, and an
 * outage that can be switched on through a control file (`{"outage": true}`), so the failure path can be
 * shown without a real carrier.
 */
export class FakeCarrier implements CarrierPort {
  constructor(private readonly controlFile?: string) {}

  async createLabel(request: LabelRequest): Promise<IssuedLabel> {
    if (await this.outage()) throw new CarrierUnavailableError(`${request.carrier} label API is unavailable`);
    const tracking = trackingNumber(request.carrier, request.returnId);
    return {
      trackingNumber: tracking,
      labelUrl: `https://labels.carrier.example/${request.carrier}/${tracking}.pdf`,
      cost: { amount: LABEL_COST[request.currency] ?? 800, currency: request.currency },
    };
  }

  private async outage(): Promise<boolean> {
    if (!this.controlFile) return false;
    const control: { outage?: boolean } = await readFile(this.controlFile, 'utf8').then(
      (text) => JSON.parse(text) as { outage?: boolean },
      () => ({}),
    );
    return control.outage === true;
  }
}
