import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call } from './support/http.js';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const API_KEY = /rk_[0-9a-z]{26}_[A-Za-z0-9_-]{43}/;

const RETURN_ADDRESS = {
  name: 'Northwind Returns',
  line1: '12 Harbour Rd',
  city: 'Halifax',
  region: 'NS',
  postalCode: 'B3H 1A1',
  country: 'CA',
};

type PolicyItems = { items: { marketplace: string; returnAddresses: unknown[] }[] };
type SellerRow = { sellerId: string; name: string; email: string; status: string; activeKeyIds: string[] };

/** `npm run admin -- ...` against the local runtime, as a person would run it. */
describe('admin CLI on the local runtime', () => {
  let stack: RunningStack;
  const sellerId = `northwind-${Date.now().toString(36)}`;
  let firstKey: string;
  let secondKey: string;

  /** Runs the CLI in a child process against this stack's data directory. */
  const admin = (...args: string[]): Promise<CliRun> =>
    new Promise((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'infra/admin/cli.ts', ...args], {
        cwd: process.cwd(),
        env: { ...process.env, LOCAL_DATA_DIR: stack.dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', fail);
      child.once('close', (code) => done({ code, stdout, stderr }));
    });

  const keyIdOf = (apiKey: string): string => apiKey.split('_')[1]!;

  const listSellers = async (): Promise<SellerRow[]> => {
    const run = await admin('list-sellers', '--json');
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as { sellers: SellerRow[] }).sellers;
  };

  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a seller whose key, shown once, reads its policy for each marketplace', async () => {
    const run = await admin(
      'create-seller',
      '--name',
      'Northwind Goods',
      '--email',
      'returns@northwind.example',
      '--marketplaces',
      'US,CA',
      '--seller-id',
      sellerId,
      '--return-address-json',
      JSON.stringify(RETURN_ADDRESS),
    );

    expect(run.code, run.stderr).toBe(0);
    firstKey = API_KEY.exec(run.stdout)![0];
    const policy = await call<PolicyItems>(stack.api, '/v1/policy', { key: firstKey });
    expect(policy.status).toBe(200);
    expect(policy.body.items.map((p) => p.marketplace).sort()).toEqual(['CA', 'US']);
    for (const item of policy.body.items) expect(item.returnAddresses).toEqual([RETURN_ADDRESS]);
  });

  it('lists the new seller with its profile and its active key id', async () => {
    const text = await admin('list-sellers');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`${sellerId}\\s+Northwind Goods\\s+returns@northwind.example\\s+ACTIVE`),
    );
    expect(text.stdout).toContain(keyIdOf(firstKey));

    const mine = (await listSellers()).find((s) => s.sellerId === sellerId);
    expect(mine).toMatchObject({
      name: 'Northwind Goods',
      status: 'ACTIVE',
      activeKeyIds: [keyIdOf(firstKey)],
    });
  });

  it('refuses to create a seller whose id exists, leaving its key working', async () => {
    const run = await admin(
      'create-seller',
      '--name',
      'Impostor',
      '--email',
      'x@impostor.example',
      '--marketplaces',
      'US',
      '--seller-id',
      sellerId,
      '--return-address-json',
      JSON.stringify(RETURN_ADDRESS),
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`seller ${sellerId} already exists`);
    expect(run.stdout).not.toMatch(API_KEY);
    expect((await call(stack.api, '/v1/policy', { key: firstKey })).status).toBe(200);
  });

  it('rotates: a second key works and the first still does', async () => {
    const run = await admin('rotate-key', '--seller-id', sellerId);

    expect(run.code, run.stderr).toBe(0);
    secondKey = API_KEY.exec(run.stdout)![0];
    expect(secondKey).not.toBe(firstKey);
    expect((await call(stack.api, '/v1/policy', { key: secondKey })).status).toBe(200);
    expect((await call(stack.api, '/v1/policy', { key: firstKey })).status).toBe(200);
    const mine = (await listSellers()).find((s) => s.sellerId === sellerId)!;
    expect(mine.activeKeyIds).toEqual([keyIdOf(firstKey), keyIdOf(secondKey)]);
  });

  it('revokes the first key: it gets 401 at once while the second still works', async () => {
    const run = await admin('revoke-key', '--key-id', keyIdOf(firstKey));

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Revoked API key ${keyIdOf(firstKey)} of seller ${sellerId}`);
    expect((await call(stack.api, '/v1/policy', { key: firstKey })).status).toBe(401);
    expect((await call(stack.api, '/v1/policy', { key: secondKey })).status).toBe(200);
    const mine = (await listSellers()).find((s) => s.sellerId === sellerId)!;
    expect(mine.activeKeyIds).toEqual([keyIdOf(secondKey)]);
  });

  it('rotates with --revoke-previous: only the new key works afterwards', async () => {
    const run = await admin('rotate-key', '--seller-id', sellerId, '--revoke-previous', '--json');

    expect(run.code, run.stderr).toBe(0);
    const rotated = JSON.parse(run.stdout) as { apiKey: string; keyId: string; revokedKeyIds: string[] };
    expect(rotated.revokedKeyIds).toEqual([keyIdOf(secondKey)]);
    expect((await call(stack.api, '/v1/policy', { key: rotated.apiKey })).status).toBe(200);
    expect((await call(stack.api, '/v1/policy', { key: secondKey })).status).toBe(401);
    const mine = (await listSellers()).find((s) => s.sellerId === sellerId)!;
    expect(mine.activeKeyIds).toEqual([rotated.keyId]);
  });

  describe('bad input exits non-zero, naming the problem', () => {
    it('an unknown command: exit 2, listing the commands', async () => {
      const run = await admin('delete-everything');

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('unknown command "delete-everything"');
      expect(run.stderr).toContain('create-seller');
    });

    it('a missing --email and a bad marketplace: exit 2, one line per flag, nothing created', async () => {
      const before = await listSellers();

      const run = await admin(
        'create-seller',
        '--name',
        'No Mail',
        '--marketplaces',
        'US,XX',
        '--return-address-json',
        JSON.stringify(RETURN_ADDRESS),
      );

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--email: is required');
      expect(run.stderr).toMatch(/--marketplaces: "XX" is not a marketplace/);
      expect(run.stdout).toBe('');
      expect(await listSellers()).toHaveLength(before.length);
    });

    it('an unknown flag: exit 2, naming it', async () => {
      const run = await admin('list-sellers', '--colour', 'blue');

      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')[0]).toBe(
        'error: --colour: is not a flag of list-sellers (see list-sellers --help)',
      );
      expect(run.stderr).not.toContain('"blue"');
    });

    it('a malformed return address: exit 2, naming each field and its rule', async () => {
      const run = await admin(
        'create-seller',
        '--name',
        'Odd',
        '--email',
        'odd@example.com',
        '--marketplaces',
        'US',
        '--return-address-json',
        '{"name":"Odd Returns","country":"USA"}',
      );

      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--return-address-json: line1: is required');
      expect(run.stderr).toContain(
        '--return-address-json: country: must be an ISO 3166-1 alpha-2 country code',
      );
    });

    it('a malformed key id: exit 2; an unknown one: exit 1', async () => {
      const malformed = await admin('revoke-key', '--key-id', 'not-a-key');
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('--key-id: must be a key id');

      const unknown = await admin('revoke-key', '--key-id', '0'.repeat(26));
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain(`API key ${'0'.repeat(26)} was not found`);
    });

    it('rotating for an unknown seller: exit 1, and no key printed', async () => {
      const run = await admin('rotate-key', '--seller-id', 'nobody-here');

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('seller nobody-here was not found');
      expect(run.stdout).not.toMatch(API_KEY);
    });

    it('target flags that do not fit: exit 2, before any network call', async () => {
      const stray = await admin('list-sellers', '--stage', 'dev');
      expect(stray.code).toBe(2);
      expect(stray.stderr).toContain('--stage: only applies with --region');

      const region = await admin('list-sellers', '--region', 'mars-north-1');
      expect(region.code).toBe(2);
      expect(region.stderr).toContain('--region: must be one of the configured regions');
    });
  });
});
