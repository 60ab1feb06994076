import { ROUTES } from '../api-routes.js';
import { deleteIntegration } from './integration-endpoints.js';

/** DELETE /v1/integrations/stripe: removes the connection; its webhook URL verifies nothing from then on. */
export const handler = deleteIntegration(ROUTES.DeleteStripeIntegration, 'stripe');
