import type { CarrierPort, IssuedLabel, LabelRequest } from '../../../domain/ports.js';

/**
 * A carrier's label API in memory: the same label for the same return (as the port requires), every
 * purchase kept in `purchases`, and `down` to make it unreachable, as an outage would.
 */
export class InMemoryCarrier implements CarrierPort {
  readonly purchases: LabelRequest[] = [];
  down = false;

  async createLabel(request: LabelRequest): Promise<IssuedLabel> {
    if (this.down) throw new Error(`the ${request.carrier} label API is unavailable`);
    this.purchases.push(structuredClone(request));
    const trackingNumber = labelTrackingNumber(request.returnId);
    return {
      trackingNumber,
      labelUrl: `https://labels.carrier.example/${request.carrier}/${trackingNumber}.pdf`,
      cost: { amount: 799, currency: request.currency },
    };
  }
}

/** The tracking number InMemoryCarrier gives a return's label. */
export const labelTrackingNumber = (returnId: string): string => `1ZMEM${returnId.slice(-12)}`;
