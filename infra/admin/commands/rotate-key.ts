import { z } from 'zod';
import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import { rotateApiKey } from '../../../functions/use-cases/manage-api-keys.js';
import type { AdminCommand } from '../admin-command.js';
import { textFlag, validateFlags } from '../flag-rules.js';

const FlagsSchema = z.object({
  'seller-id': textFlag().min(1, 'must not be empty'),
  'revoke-previous': z.boolean().default(false),
});

/** Issues a seller a new API key (shown once) and, with --revoke-previous, revokes its other active keys. */
export const rotateKey: AdminCommand = {
  name: 'rotate-key',
  summary: "Issue a seller a new API key, optionally revoking the seller's other keys",
  synopsis: 'rotate-key --seller-id <id> [--revoke-previous]',
  flagHelp: `  --seller-id        the seller to give a new key
  --revoke-previous  revoke every other active key of the seller, once the new one is stored`,
  options: {
    'seller-id': { type: 'string' },
    'revoke-previous': { type: 'boolean' },
  },

  run: async (values, { connect, now }) => {
    const flags = validateFlags(FlagsSchema, values);
    const target = await connect();
    const sellerId = flags['seller-id'];
    const rotated = await rotateApiKey(
      { sellers: new DynamoSellerRepository(target) },
      { sellerId, revokePrevious: flags['revoke-previous'] },
      now(),
    );
    const revoked = flags['revoke-previous']
      ? `Revoked the previous keys: ${rotated.revokedKeyIds.join(', ') || 'none were active'}.`
      : 'The previous keys still work; revoke each with revoke-key --key-id <keyId>.';
    return {
      json: { sellerId, ...rotated },
      text: [
        `New API key ${rotated.keyId} for seller ${sellerId} on ${target.label}, shown only this once (it is stored hashed):`,
        `  ${rotated.apiKey}`,
        revoked,
      ].join('\n'),
    };
  },
};
