// Placeholder until the handler lands; exports the shape the CDK stack and local runtime expect.
export const handler = async (): Promise<unknown> => ({ statusCode: 501, body: '' });
