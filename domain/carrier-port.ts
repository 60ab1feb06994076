import type { Carrier } from './carriers/carriers.js';
import type { Money } from './money.js';
import type { ReturnAddress } from './policy.js';
import type { FreightPayer } from './label-terms.js';

export interface LabelRequest {
  returnId: string;
  rma: string;
  carrier: Carrier;
  returnAddress: ReturnAddress;
  paidBy: FreightPayer;
  /** For the label's cost: the marketplace's currency. */
  currency: Money['currency'];
}

export interface IssuedLabel {
  trackingNumber: string;
  labelUrl: string;
  cost: Money;
}

/** A carrier that sells prepaid return labels. The same request must give the same label (retries). */
export interface CarrierPort {
  createLabel(request: LabelRequest): Promise<IssuedLabel>;
}
