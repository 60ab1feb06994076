import { ulid } from 'ulid';
import { z } from 'zod';
import { MARKETPLACES } from '../../../domain/marketplaces.js';
import { DynamoPolicyRepository } from '../../../functions/adapters/dynamodb/policy-repository.js';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import { parseApiKey } from '../../../functions/auth/api-key.js';
import { onboardSeller } from '../../../functions/use-cases/onboard-seller.js';
import type { AdminCommand } from '../admin-command.js';
import {
  emailFlag,
  localeFlag,
  marketplaceListFlag,
  returnAddressJsonFlag,
  sellerIdFlag,
  textFlag,
  validateFlags,
  type ServedMarketplaces,
} from '../flag-rules.js';
import { regionPolicyFor } from '../region-default-policy.js';

const flagsSchema = (served?: ServedMarketplaces) =>
  z.object({
    name: textFlag().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    email: emailFlag(),
    marketplaces: marketplaceListFlag(served),
    locale: localeFlag().optional(),
    'seller-id': sellerIdFlag().optional(),
    'return-address-json': returnAddressJsonFlag(),
  });

/**
 * Creates a seller with a policy per marketplace and a first API key, shown once. Policies start from the
 * region config's marketplace defaults on a deployed region, from the domain defaults locally.
 */
export const createSeller: AdminCommand = {
  name: 'create-seller',
  summary: 'Create a seller with default policies and a first API key',
  synopsis: `create-seller --name <name> --email <email> --marketplaces <US,CA> --return-address-json '<json>'
              [--locale <en-US>] [--seller-id <id>]`,
  flagHelp: `  --name                 the seller's name (1-200 characters)
  --email                where the seller's notifications go
  --marketplaces         comma-separated marketplace codes (${Object.keys(MARKETPLACES).join(', ')}); on a
                         region, only those it serves
  --return-address-json  where returns are shipped, as JSON: '{"name":"Acme Returns","line1":"500 Warehouse Way",
                         "city":"Reno","region":"NV","postalCode":"89502","country":"US"}' (line2, region optional)
  --locale               the language of the seller's e-mails (default: the first marketplace's locale)
  --seller-id            2-64 letters, digits, "-" or "_" (default: seller-<ulid>)`,
  options: {
    name: { type: 'string' },
    email: { type: 'string' },
    marketplaces: { type: 'string' },
    locale: { type: 'string' },
    'seller-id': { type: 'string' },
    'return-address-json': { type: 'string' },
  },

  run: async (values, { scope, connect, now }) => {
    const config = scope.kind === 'region' ? scope.config : undefined;
    const flags = validateFlags(
      flagsSchema(config && { region: config.region, marketplaces: config.marketplaces.map((m) => m.code) }),
      values,
    );
    const first = flags.marketplaces[0]!;
    const locale =
      flags.locale ??
      config?.marketplaces.find((m) => m.code === first)?.defaultLocale ??
      MARKETPLACES[first].locale;
    const sellerId = flags['seller-id'] ?? `seller-${ulid().toLowerCase()}`;

    const target = await connect();
    const sellers = new DynamoSellerRepository(target);
    const policies = new DynamoPolicyRepository(target);
    if (await sellers.get(sellerId)) {
      throw new Error(`seller ${sellerId} already exists (rotate-key gives it a new API key)`);
    }
    const { seller, apiKey } = await onboardSeller(
      { sellers, policies, ...(config ? { policyFor: regionPolicyFor(config) } : {}) },
      {
        sellerId,
        name: flags.name,
        email: flags.email,
        locale,
        marketplaces: flags.marketplaces,
        returnAddress: flags['return-address-json'],
      },
      now(),
    );
    const keyId = parseApiKey(apiKey)!.keyId;
    const defaults = config ? `the ${config.region} config's defaults` : 'the domain defaults';
    return {
      json: { seller, marketplaces: flags.marketplaces, keyId, apiKey },
      text: [
        `Created seller ${seller.sellerId} (${seller.name} <${seller.email}>, ${seller.locale}) on ${target.label}.`,
        `Policies for ${flags.marketplaces.join(', ')} from ${defaults}; change them with PUT /v1/policy.`,
        `API key ${keyId}, shown only this once (it is stored hashed):`,
        `  ${apiKey}`,
      ].join('\n'),
    };
  },
};
