import { ROUTES } from '../api-routes.js';
import { getIntegration } from './integration-endpoints.js';

/** GET /v1/integrations/stripe: the connection's settings (the last four characters of a secret at most) and webhook URL. */
export const handler = getIntegration(ROUTES.GetStripeIntegration, 'stripe');
