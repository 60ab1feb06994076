/** The route table lives beside the handlers that read it (functions/ never imports infra/). */
export { API_ROUTES, AUTHORIZER_ENTRY, type ApiRoute } from '../functions/api/api-routes.js';
