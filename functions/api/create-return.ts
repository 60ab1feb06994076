import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { countReturnCreated } from '../shared/observability.js';
import { regionFromEnv } from '../shared/region.js';
import { createReturn } from '../use-cases/create-return.js';
import { ROUTES } from './api-routes.js';
import { sellerCommand } from './http/seller-command.js';
import { created } from './http/responses.js';
import { toReturnView } from './return-view.js';

const region = regionFromEnv();

/** POST /v1/returns: open a return request; the policy decides, and says why. */
export const handler = sellerCommand(ROUTES.CreateReturn, {
  run: async ({ sellerId, body, correlationId }) => {
    const ret = await createReturn(
      { returns, policies, clock, pipeline, region },
      sellerId,
      body,
      correlationId,
    );
    countReturnCreated(body.marketplace);
    return created(toReturnView(ret), `/v1/returns/${ret.id}`);
  },
});
