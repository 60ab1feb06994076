import { ValidationError } from '../../../domain/errors.js';
import type { CarrierPort, LabelProviders } from '../../../domain/ports.js';
import { onFirstUse } from '../../shared/on-first-use.js';
import type { EasyPostSettings } from './easypost-carrier.js';

/**
 * The EasyPost adapter, with the official SDK and superagent under it, loaded for the first seller with
 * a connection: the functions that carry it (closing, cancelling, an accepted offer) reach a label only
 * on some paths, so a cold start does not evaluate it.
 */
const easyPostCarrier = onFirstUse(async () => (await import('./easypost-carrier.js')).EasyPostCarrier);

/** A seller's EasyPost credentials as the connection store gives them (decrypted), or undefined. */
export type EasyPostCredentialsOf = (
  sellerId: string,
) => Promise<Pick<EasyPostSettings, 'apiKey' | 'carrierAccounts'> | undefined>;

/**
 * A seller's labels come from its EasyPost connection. A seller without one gets `fallback` (the fake
 * carrier) where one is given, in local runs and tests only; a deployed stack has none, so the step
 * fails with an error a person can act on, and never buys a pretend label.
 */
export class ConnectedLabelProviders implements LabelProviders {
  constructor(
    private readonly options: {
      credentialsOf: EasyPostCredentialsOf;
      apiBase?: string;
      fallback?: CarrierPort;
    },
  ) {}

  async forSeller(sellerId: string): Promise<CarrierPort> {
    const credentials = await this.options.credentialsOf(sellerId);
    if (credentials) {
      const EasyPostCarrier = await easyPostCarrier();
      return new EasyPostCarrier({ ...credentials, apiBase: this.options.apiBase });
    }
    if (this.options.fallback) return this.options.fallback;
    throw new ValidationError('no label provider is connected', [
      {
        field: 'integrations/easypost',
        rule: 'must be connected (PUT /v1/integrations/easypost) before a label can be bought; a deployed stack buys no pretend labels',
      },
    ]);
  }
}
