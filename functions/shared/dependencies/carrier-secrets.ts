import { carrierSecretsFromEnv } from '../../adapters/carrier-secrets.js';
import type { CarrierSecrets } from '../../../domain/ports.js';

/** The carriers' webhook secrets: CARRIER_SECRETS_ARN in the stack, CARRIER_SECRETS_FILE locally. */
export const carrierSecrets: CarrierSecrets = carrierSecretsFromEnv();
