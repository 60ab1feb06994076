import type { ConnectionBodies, IntegrationProvider } from '../../../domain/integrations.js';
import { clock } from '../../shared/dependencies/data.js';
import { connections, stripeConnectPlatform } from '../../shared/dependencies/connections.js';
import {
  connectIntegration,
  describeIntegration,
  disconnectIntegration,
} from '../../use-cases/manage-integrations.js';
import type { ApiRoute } from '../api-routes.js';
import { noContent, ok } from '../http/responses.js';
import { sellerEndpoint } from '../http/seller-endpoint.js';

/**
 * The three endpoints each provider's connection has, PUT, GET and DELETE
 * /v1/integrations/{provider}: one function per route, as every route, built here once.
 */
export const putIntegration = <P extends IntegrationProvider>(
  route: ApiRoute & { body: { schema: unknown } },
  provider: P,
) =>
  sellerEndpoint(route, {
    run: async ({ sellerId, body, baseUrl }) =>
      ok(
        await connectIntegration(
          { connections, clock, connectPlatform: stripeConnectPlatform() },
          sellerId,
          provider,
          body as ConnectionBodies[P],
          baseUrl,
        ),
      ),
  });

export const getIntegration = (route: ApiRoute, provider: IntegrationProvider) =>
  sellerEndpoint(route, {
    run: async ({ sellerId, baseUrl }) =>
      ok(await describeIntegration({ connections }, sellerId, provider, baseUrl)),
  });

export const deleteIntegration = (route: ApiRoute, provider: IntegrationProvider) =>
  sellerEndpoint(route, {
    run: async ({ sellerId }) => {
      await disconnectIntegration({ connections }, sellerId, provider);
      return noContent();
    },
  });
