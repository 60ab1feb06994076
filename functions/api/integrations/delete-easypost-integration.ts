import { ROUTES } from '../api-routes.js';
import { deleteIntegration } from './integration-endpoints.js';

/** DELETE /v1/integrations/easypost: removes the connection; its webhook URL verifies nothing from then on. */
export const handler = deleteIntegration(ROUTES.DeleteEasyPostIntegration, 'easypost');
