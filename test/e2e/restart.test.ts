import { describe, expect, it } from 'vitest';
import { startLocalStack } from './support/local-stack.js';
import { call } from './support/http.js';
import { createBody } from '../support/requests.js';

describe('npm start across a restart', () => {
  it('stops cleanly on Ctrl-C and keeps every return and key when started again', async () => {
    const first = await startLocalStack();
    const key = first.sellers[0]!.apiKey;
    const created = await call<{ id: string }>(first.api, '/v1/returns', { key, body: createBody() });
    expect(created.status).toBe(201);
    expect(await first.stop()).toBe(0);

    const second = await startLocalStack(first.dataDir);
    try {
      expect(second.sellers[0]!.apiKey).toBe(key);
      const read = await call<{ id: string; status: string }>(second.api, `/v1/returns/${created.body.id}`, {
        key,
      });
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('AUTHORIZED');
    } finally {
      await second.stop();
    }
  });
});
