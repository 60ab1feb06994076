import { z } from 'zod';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import { revokeApiKey } from '../../../functions/use-cases/manage-api-keys.js';
import type { AdminCommand } from '../admin-command.js';
import { keyIdFlag, validateFlags } from '../flag-rules.js';

const FlagsSchema = z.object({ 'key-id': keyIdFlag() });

/** Marks one API key REVOKED; the authorizer has no cache, so the next request with it gets 401. */
export const revokeKey: AdminCommand = {
  name: 'revoke-key',
  summary: 'Revoke one API key; the next request with it gets 401',
  synopsis: 'revoke-key --key-id <keyId>',
  flagHelp: `  --key-id  the key's id: the 26 characters after "rk_" in the key (list-sellers shows active ones)`,
  options: { 'key-id': { type: 'string' } },

  run: async (values, { connect }) => {
    const flags = validateFlags(FlagsSchema, values);
    const target = await connect();
    const { key, wasActive } = await revokeApiKey(
      { sellers: new DynamoSellerRepository(target) },
      flags['key-id'],
    );
    return {
      json: { keyId: key.keyId, sellerId: key.sellerId, status: key.status, wasActive },
      text: wasActive
        ? `Revoked API key ${key.keyId} of seller ${key.sellerId} on ${target.label}.`
        : `API key ${key.keyId} of seller ${key.sellerId} was already revoked; nothing changed.`,
    };
  },
};
