import { documentClient } from '../../../functions/adapters/dynamodb/document-client.js';

/**
 * The DynamoDB operations `run` sends through the shared document client (every adapter's), in order,
 * e.g. `['GetItemCommand']`. `run` may reject: a refused request still counts its reads.
 */
export const dynamoCallsOf = async (run: () => Promise<unknown>): Promise<string[]> => {
  const calls: string[] = [];
  const name = 'count-dynamodb-calls';
  documentClient.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    await run().catch(() => undefined);
  } finally {
    documentClient.middlewareStack.remove(name);
  }
  return calls;
};
