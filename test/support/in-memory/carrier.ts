import type { CarrierPort, IssuedLabel, LabelRequest, VoidOutcome } from '../../../domain/ports.js';
import type { Label } from '../../../domain/return.js';

/**
 * A carrier's label API in memory: the same label for the same return (as the port requires), every
 * purchase kept in `purchases`, and `down` to make it unreachable, as an outage would. It voids labels
 * as a provider would (`voidRequests`), the first `voidFailures` requests failing.
 */
export class InMemoryCarrier implements CarrierPort {
  readonly purchases: LabelRequest[] = [];
  /** The shipments of every label it was asked to void, failed attempts included. */
  readonly voidRequests: string[] = [];
  down = false;
  /** How many void requests fail before one goes through. */
  voidFailures = 0;

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

  async voidLabel(label: Label): Promise<VoidOutcome> {
    this.voidRequests.push(label.shipmentId ?? '');
    if (this.voidFailures > 0) {
      this.voidFailures -= 1;
      throw new Error('the label API timed out');
    }
    return { status: 'REFUNDED' };
  }
}

/** The tracking number InMemoryCarrier gives a return's label. */
export const labelTrackingNumber = (returnId: string): string => `1ZMEM${returnId.slice(-12)}`;
