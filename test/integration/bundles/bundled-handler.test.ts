import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyHandler, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildLambdaBundle } from '../../../infra/build-lambda-bundle.js';
import { lambdaContext, toProxyEvent } from '../../../infra/local/proxy-event.js';
import { REPO_ROOT } from '../../../infra/repo-root.js';
import { newSeller } from '../support/api.js';

const outdir = mkdtempSync(join(tmpdir(), 'bundled-handler-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/**
 * The deployed artefact, not the sources: the GetReturn bundle, built as CDK builds it (the SDK's
 * credential chain replaced by the environment provider, no event-stream codec), answers a real
 * request against the local DynamoDB with the credentials in the environment.
 */
describe('a bundled handler', () => {
  const bundledGetReturn = async (copy: string): Promise<APIGatewayProxyHandler> => {
    const outfile = join(outdir, `${copy}.mjs`);
    const metafile = await buildLambdaBundle(REPO_ROOT, 'functions/api/get-return.ts', outfile);
    expect(Object.keys(metafile.inputs).filter((path) => /credential-provider-node/.test(path))).toEqual([]);
    return ((await import(pathToFileURL(outfile).href)) as { handler: APIGatewayProxyHandler }).handler;
  };
  const getReturn = async (handler: APIGatewayProxyHandler, sellerId: string) => {
    const id = '01JC0000000000000000000000';
    const event = toProxyEvent(
      { method: 'GET', path: `/v1/returns/${id}`, query: new URLSearchParams(), headers: {}, body: '' },
      { path: '/v1/returns/{id}', pathParameters: { id } },
      { sellerId },
    );
    const result = (await handler(
      event,
      lambdaContext('GetReturn'),
      () => undefined,
    )) as APIGatewayProxyResult;
    return { status: result.statusCode, body: JSON.parse(result.body) as Record<string, unknown>, id };
  };

  it('reads the table through the bundled SDK with environment credentials', async () => {
    const { sellerId } = await newSeller(['US']);
    const { status, body, id } = await getReturn(await bundledGetReturn('with-credentials'), sellerId);
    expect(status).toBe(404);
    expect(body).toMatchObject({ status: 404, detail: `return ${id} was not found` });
  });

  it('looks nowhere but the environment for credentials', async () => {
    const { sellerId } = await newSeller(['US']);
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
    const handler = await bundledGetReturn('without-credentials');
    let logged = '';
    const spies = [process.stdout, process.stderr].map((stream) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logged += String(chunk);
        return true;
      }),
    );
    try {
      expect((await getReturn(handler, sellerId)).status).toBe(500);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    // The environment provider's own refusal; the SDK's full chain would end in "from any providers".
    expect(logged).toContain('Unable to find environment variable credentials');
  });
});
