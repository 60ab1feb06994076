import { DynamoSellerRepository } from '../../../functions/adapters/dynamodb/seller-repository.js';
import type { AdminCommand } from '../admin-command.js';

const COLUMNS = ['SELLER ID', 'NAME', 'EMAIL', 'STATUS', 'CREATED', 'ACTIVE KEY IDS'] as const;

/** Every seller with its status and active key ids: the directory, then one key query per seller. */
export const listSellers: AdminCommand = {
  name: 'list-sellers',
  summary: 'List sellers with their status and active API key ids',
  synopsis: 'list-sellers',
  flagHelp: '  (no flags of its own)',
  options: {},

  run: async (_values, { connect }) => {
    const target = await connect();
    const repository = new DynamoSellerRepository(target);
    const sellers = await repository.listSellers();
    const rows = [];
    for (const seller of sellers) {
      const keys = await repository.listApiKeys(seller.sellerId);
      rows.push({
        ...seller,
        activeKeyIds: keys.filter((k) => k.status === 'ACTIVE').map((k) => k.keyId),
      });
    }
    const cells = rows.map((r) => [
      r.sellerId,
      r.name,
      r.email,
      r.status,
      r.createdAt,
      r.activeKeyIds.join(', ') || '-',
    ]);
    return {
      json: { sellers: rows },
      text: [
        `${rows.length} seller${rows.length === 1 ? '' : 's'} on ${target.label}`,
        ...(rows.length > 0 ? table([[...COLUMNS], ...cells]) : []),
      ].join('\n'),
    };
  },
};

/** Left-aligned columns, two spaces apart. */
const table = (lines: string[][]): string[] => {
  const widths = lines[0]!.map((_, column) => Math.max(...lines.map((cells) => cells[column]!.length)));
  return lines.map((cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
};
