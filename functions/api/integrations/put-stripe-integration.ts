import { ROUTES } from '../api-routes.js';
import { putIntegration } from './integration-endpoints.js';

/** PUT /v1/integrations/stripe: connects the seller's Stripe account (its secrets sealed, never shown again). */
export const handler = putIntegration(ROUTES.PutStripeIntegration, 'stripe');
