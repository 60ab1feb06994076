import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { SesMailer, mailerFromEnv } from '../../functions/adapters/ses-mailer.js';
import { renderNotification } from '../../domain/notifications/render.js';
import type { EmailMessage } from '../../domain/ports.js';

/** What aws-ses-v2-local keeps for each message (`GET /store`). */
interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

// aws-ses-v2-local is CommonJS with `exports.default`. A default import of it is the function under vitest's
// transform but the whole exports object under Node's own ESM loader; require() is the same everywhere.
const { default: startLocalSes } = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: (config?: { host?: string; port?: number }) => Promise<Server>;
};

// Self-contained: this file starts its own local SES on a free port rather than relying on a global setup.
let server: Server;
let endpoint: string;

const mailbox = async (): Promise<StoredEmail[]> => {
  const res = await fetch(`${endpoint}/store`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
};
const receivedBy = async (to: string): Promise<StoredEmail[]> =>
  (await mailbox()).filter((e) => e.destination.to.includes(to));

const localClient = () =>
  new SESv2Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

const message = (to: string): EmailMessage => ({
  to,
  ...renderNotification(
    {
      kind: 'RETURN_CLOSED',
      rma: 'RMA-SES-1',
      orderId: '113-0000000-0000001',
      reason: 'OUTSIDE_RETURN_WINDOW',
      comment: '<script>alert("x")</script> 返品期間は30日です',
      sellerName: 'Acme & Sons',
    },
    'ja-JP',
  ),
});

beforeAll(async () => {
  server = await startLocalSes({ host: '127.0.0.1', port: 0 });
  // On a port clash the package resolves anyway, with a server that is not listening.
  expect(server.listening).toBe(true);
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('SesMailer against the local SES', () => {
  it('delivers the subject, the text and the html exactly, in UTF-8', async () => {
    const to = 'buyer-1@example.com';
    const sent = message(to);
    await new SesMailer({ from: 'returns@example.com', client: localClient() }).send(sent);

    const [mail, ...others] = await receivedBy(to);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      from: 'returns@example.com',
      destination: { to: [to] },
      subject: sent.subject,
      body: { text: sent.text, html: sent.html },
    });
    expect(mail!.subject).toBe('返品リクエスト（RMA-SES-1）がクローズされました');
    expect(mail!.body.text).toContain('<script>alert("x")</script> 返品期間は30日です');
    expect(mail!.body.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; 返品期間は30日です');
    expect(mail!.body.html).toContain('Acme &amp; Sons');
  });

  it('sends one simple e-mail with UTF-8 parts and the configuration set', async () => {
    const client = localClient();
    const inputs: SendEmailCommandInput[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        inputs.push(args.input as SendEmailCommandInput);
        return next(args);
      },
      { step: 'initialize', name: 'captureInput' },
    );
    const to = 'buyer-2@example.com';
    await new SesMailer({
      from: 'Returns <returns@example.com>',
      configurationSet: 'returns-events',
      client,
    }).send(message(to));

    expect(inputs).toHaveLength(1);
    const input = inputs[0]!;
    expect(input.ConfigurationSetName).toBe('returns-events');
    expect(input.FromEmailAddress).toBe('Returns <returns@example.com>');
    expect(input.Destination).toEqual({ ToAddresses: [to] });
    expect(input.Content?.Simple?.Subject?.Charset).toBe('UTF-8');
    expect(input.Content?.Simple?.Body?.Text?.Charset).toBe('UTF-8');
    expect(input.Content?.Simple?.Body?.Html?.Charset).toBe('UTF-8');
    expect(await receivedBy(to)).toHaveLength(1);
  });

  it('surfaces a refusal from SES as an error', async () => {
    // The local SES refuses a message without a subject, as SES does.
    const mailer = new SesMailer({ from: 'returns@example.com', client: localClient() });
    await expect(mailer.send({ ...message('buyer-3@example.com'), subject: '' })).rejects.toThrow();
    expect(await receivedBy('buyer-3@example.com')).toEqual([]);
  });
});

describe('mailerFromEnv', () => {
  it('reads SENDER_EMAIL and reaches SES through AWS_ENDPOINT_URL_SESV2 alone', async () => {
    vi.stubEnv('SENDER_EMAIL', 'env-sender@example.com');
    vi.stubEnv('SES_CONFIGURATION_SET', 'returns-events');
    vi.stubEnv('AWS_ENDPOINT_URL_SESV2', endpoint);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);

    const to = 'buyer-env@example.com';
    await mailerFromEnv().send(message(to));

    const [mail] = await receivedBy(to);
    expect(mail).toMatchObject({ from: 'env-sender@example.com', subject: message(to).subject });
  });

  it('fails fast without SENDER_EMAIL', () => {
    expect(() => mailerFromEnv({})).toThrow('SENDER_EMAIL is not set');
    expect(() => mailerFromEnv({ SENDER_EMAIL: '  ' })).toThrow('SENDER_EMAIL is not set');
  });
});
