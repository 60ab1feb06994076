import { describe, expect, it } from 'vitest';
import {
  SECRET_OVERLAP_MS,
  signingSecretContext,
  signingSecrets,
} from '../../domain/webhooks/webhook-endpoint.js';
import {
  createWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
} from '../../functions/use-cases/manage-webhook-endpoints.js';
import { FixedClock } from '../support/in-memory/clock.js';
import { InMemorySecretSealer } from '../support/in-memory/secret-sealer.js';
import { InMemoryWebhookEndpointRepository } from '../support/in-memory/webhook-endpoints.js';

const world = () => ({
  endpoints: new InMemoryWebhookEndpointRepository(),
  sealer: new InMemorySecretSealer(),
  transport: { check: async () => undefined },
  clock: new FixedClock(),
});

const BODY = { url: 'https://hooks.example.com/returns', events: ['return.*'] };

describe("a webhook endpoint's signing secrets", () => {
  it('are stored sealed under the seller and endpoint, and shown only in the create answer', async () => {
    const w = world();
    const created = await createWebhookEndpoint(w, 'seller-1', BODY);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const stored = (await w.endpoints.get('seller-1', created.id))!;
    expect(JSON.stringify(stored)).not.toContain('whsec_');
    const [sealed] = signingSecrets(stored, w.clock.now());
    expect(await w.sealer.open(sealed!, signingSecretContext(stored))).toBe(created.secret);
    for (const other of [
      { sellerId: 'seller-2', id: created.id },
      { sellerId: 'seller-1', id: 'we_01JZ0000000000000000000000' },
    ]) {
      await expect(w.sealer.open(sealed!, signingSecretContext(other))).rejects.toThrow(/does not open/);
    }

    const listed = await listWebhookEndpoints(w, 'seller-1');
    expect(listed).toEqual([expect.objectContaining({ id: created.id, url: BODY.url })]);
    expect(JSON.stringify(listed)).not.toContain(sealed!);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it('are rotated sealed: the new one in front, the old one signing for 24 h more', async () => {
    const w = world();
    const created = await createWebhookEndpoint(w, 'seller-1', BODY);
    w.clock.advance(60_000);
    const rotated = await rotateWebhookSecret(w, 'seller-1', created.id);
    expect(rotated.secret).not.toBe(created.secret);

    const stored = (await w.endpoints.get('seller-1', created.id))!;
    expect(JSON.stringify(stored)).not.toContain('whsec_');
    const open = (at: Date) =>
      Promise.all(signingSecrets(stored, at).map((s) => w.sealer.open(s, signingSecretContext(stored))));
    expect(await open(w.clock.now())).toEqual([rotated.secret, created.secret]);
    expect(stored.secrets[1]!.expiresAt).toBe(
      new Date(w.clock.now().getTime() + SECRET_OVERLAP_MS).toISOString(),
    );
    expect(await open(new Date(w.clock.now().getTime() + SECRET_OVERLAP_MS))).toEqual([rotated.secret]);
  });
});
