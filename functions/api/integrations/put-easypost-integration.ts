import { ROUTES } from '../api-routes.js';
import { putIntegration } from './integration-endpoints.js';

/** PUT /v1/integrations/easypost: connects the seller's EasyPost account (its secrets sealed, never shown again). */
export const handler = putIntegration(ROUTES.PutEasyPostIntegration, 'easypost');
